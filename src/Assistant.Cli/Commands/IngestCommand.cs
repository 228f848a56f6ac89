using System.Diagnostics;
using Assistant.Qdrant;
using Assistant.Retrieval;
using Assistant.Text;
using Assistant.Understanding;
using Microsoft.Extensions.Configuration;

namespace Assistant.Cli.Commands;

/// <summary><c>ingest</c>: (re)builds the Qdrant collection from knowledge/, with a progress bar; entries that left the knowledge are removed.</summary>
internal static class IngestCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var context = CliContext.Create(args);
        var options = new VectorIndexOptions();
        context.Configuration.GetSection(VectorIndexOptions.Section).Bind(options);
        var endpoint = args.Value("--qdrant") ?? Environment.GetEnvironmentVariable("QDRANT_ENDPOINT") ?? options.QdrantEndpoint;
        var collection = args.Value("--collection") ?? options.Collection;
        args.RejectUnknown();
        if (string.IsNullOrWhiteSpace(endpoint)) throw new ArgumentException("no Qdrant endpoint: pass --qdrant URL, set QDRANT_ENDPOINT or VectorIndex:QdrantEndpoint");

        var knowledge = context.LoadKnowledge();
        var embeddings = UnderstandingFactory.CreateEmbeddings(knowledge);
        var texts = KnowledgeIndexer.WithFeatures(knowledge);
        var records = texts.Select(t => t.ToRecord(embeddings.Embed(t.Features))).ToArray();

        var index = QdrantVectorIndex.Create(endpoint, collection, options.QdrantApiKey, Math.Max(options.TimeoutSeconds, 10));
        var clock = Stopwatch.StartNew();
        await index.EnsureCollectionAsync(embeddings.Dimensions);
        var done = 0;
        await index.ReplaceAllAsync(records, new Progress<int>(n =>
        {
            done += n;
            var width = 30 * done / records.Length;
            Console.Write($"\r[{new string('#', width)}{new string('.', 30 - width)}] {done}/{records.Length}");
        }));
        Console.WriteLine($"\nIngested {records.Length} vectors of {knowledge.Faqs.Count} FAQ entries into {endpoint} collection '{collection}' in {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
}
