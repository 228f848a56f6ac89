using System.IO.Hashing;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Assistant.Text;
using Microsoft.Extensions.AI;

namespace Assistant.Embeddings;

/// <summary>
/// A local embedding generator built for Korean seller messages: no model download, no network, the
/// same vector for the same text in every process. Features are syllable n-grams of the text with
/// spaces removed (spacing-free input matches spaced input), jamo trigrams (a one-jamo typo keeps
/// most features) and, for Latin script, whole words and their character trigrams. Features are
/// signed-hashed into a fixed number of dimensions, weighted by inverse document frequency fitted on
/// the knowledge base, and L2-normalized, so cosine similarity is a dot product.
/// </summary>
public sealed class HashedNgramEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "hashed-ngram-ko-v1";
    private const uint SyllableSeed = 0x5EED_0001, JamoSeed = 0x5EED_0002, WordSeed = 0x5EED_0003, WordGramSeed = 0x5EED_0004;

    private readonly float[] _bucketWeights;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public HashedNgramEmbeddingGenerator(int dimensions = 1024, float[]? bucketWeights = null)
    {
        if (dimensions < 64 || (dimensions & (dimensions - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "must be a power of two, at least 64");
        if (bucketWeights is not null && bucketWeights.Length != dimensions)
            throw new ArgumentException("one weight per dimension is required", nameof(bucketWeights));
        Dimensions = dimensions;
        _bucketWeights = bucketWeights ?? Enumerable.Repeat(1f, dimensions).ToArray();
        _metadata = new EmbeddingGeneratorMetadata("assistant-local", defaultModelId: ModelId, defaultModelDimensions: dimensions);
    }

    public int Dimensions { get; }

    /// <summary>Fits inverse-document-frequency weights per dimension on a corpus (the knowledge base's texts).</summary>
    public static HashedNgramEmbeddingGenerator Fit(IEnumerable<string> corpus, int dimensions = 1024)
    {
        var untrained = new HashedNgramEmbeddingGenerator(dimensions);
        var documentFrequency = new int[dimensions];
        var documents = 0;
        var raw = new float[dimensions];
        foreach (var text in corpus)
        {
            Array.Clear(raw);
            untrained.Accumulate(text, raw, weighted: false);
            for (var i = 0; i < dimensions; i++)
                if (raw[i] != 0) documentFrequency[i]++;
            documents++;
        }
        var weights = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
            weights[i] = (float)(Math.Log((documents + 1.0) / (documentFrequency[i] + 1.0)) + 1.0);
        return new HashedNgramEmbeddingGenerator(dimensions, weights);
    }

    public float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        Accumulate(text, vector, weighted: true);
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(new Embedding<float>(Embed(value)) { ModelId = ModelId, CreatedAt = null });
        }
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : null;

    public void Dispose() { }

    private void Accumulate(string text, float[] vector, bool weighted)
    {
        var normalized = TextNormalizer.Normalize(text);
        var compact = "\u0002" + normalized.Replace(" ", string.Empty, StringComparison.Ordinal) + "\u0003";
        for (var n = 1; n <= 3; n++)
        {
            var weight = n == 1 ? 0.5f : 1f;
            for (var i = 0; i + n <= compact.Length; i++)
                if (n > 1 || Hangul.IsSyllable(compact[i]))
                    Add(vector, compact.AsSpan(i, n), SyllableSeed + (uint)n, weight, weighted);
        }

        var jamo = Hangul.ToJamo(compact);
        for (var i = 0; i + 3 <= jamo.Length; i++)
            Add(vector, jamo.AsSpan(i, 3), JamoSeed, 0.5f, weighted);

        foreach (var word in normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!word.Any(c => c is >= 'a' and <= 'z')) continue;
            Add(vector, word, WordSeed, 1f, weighted);
            var padded = "<" + word + ">";
            for (var i = 0; i + 3 <= padded.Length; i++)
                Add(vector, padded.AsSpan(i, 3), WordGramSeed, 0.3f, weighted);
        }
    }

    private void Add(float[] vector, ReadOnlySpan<char> feature, uint seed, float weight, bool weighted)
    {
        var hash = XxHash32.HashToUInt32(MemoryMarshal.AsBytes(feature), unchecked((int)seed));
        var bucket = (int)(hash & (uint)(Dimensions - 1));
        var sign = (hash & 0x8000_0000u) != 0 ? -1f : 1f;
        vector[bucket] += sign * weight * (weighted ? _bucketWeights[bucket] : 1f);
    }
}
