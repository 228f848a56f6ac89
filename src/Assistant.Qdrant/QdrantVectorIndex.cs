using System.IO.Hashing;
using System.Text;
using Assistant.Retrieval;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using static Qdrant.Client.Grpc.Conditions;

namespace Assistant.Qdrant;

/// <summary>
/// The FAQ vectors in Qdrant: a cosine collection of the generator's dimension, created when missing;
/// points keyed by a stable id derived from the record key (re-ingesting updates, never duplicates),
/// with the entry as payload; searches filter by category. Every call has a deadline, because a hung
/// server would otherwise never time out.
/// </summary>
public sealed class QdrantVectorIndex(QdrantClient client, string collection, TimeSpan timeout) : IVectorIndex
{
    public string Name => $"qdrant:{collection}";

    public static QdrantVectorIndex Create(string endpoint, string collection, string? apiKey = null, double timeoutSeconds = 3)
    {
        var timeout = TimeSpan.FromSeconds(timeoutSeconds);
        return new QdrantVectorIndex(new QdrantClient(new Uri(endpoint), apiKey, grpcTimeout: timeout), collection, timeout);
    }

    public async Task EnsureCollectionAsync(int dimensions, CancellationToken cancellationToken = default)
    {
        using var deadline = Deadline(cancellationToken);
        if (await client.CollectionExistsAsync(collection, deadline.Token)) return;
        await client.CreateCollectionAsync(collection, new VectorParams { Size = (ulong)dimensions, Distance = Distance.Cosine }, cancellationToken: deadline.Token);
        await client.CreatePayloadIndexAsync(collection, "category", PayloadSchemaType.Keyword, cancellationToken: deadline.Token);
    }

    public async Task ReplaceAllAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default) =>
        await ReplaceAllAsync(records, null, cancellationToken);

    /// <summary>Upserts in batches (reporting progress) and deletes points whose record no longer exists.</summary>
    public async Task ReplaceAllAsync(IReadOnlyList<VectorRecord> records, IProgress<int>? progress, CancellationToken cancellationToken = default)
    {
        var keep = new HashSet<Guid>();
        foreach (var batch in records.Chunk(64))
        {
            var points = batch.Select(r =>
            {
                var id = PointIdFor(r.Key);
                keep.Add(id);
                var point = new PointStruct { Id = id, Vectors = r.Vector.ToArray() };
                point.Payload["key"] = r.Key;
                point.Payload["entryId"] = r.EntryId;
                point.Payload["category"] = r.Category;
                point.Payload["text"] = r.Text;
                return point;
            }).ToList();
            using var deadline = Deadline(cancellationToken);
            await client.UpsertAsync(collection, points, wait: true, cancellationToken: deadline.Token);
            progress?.Report(batch.Length);
        }

        var stale = new List<PointId>();
        PointId? offset = null;
        do
        {
            using var deadline = Deadline(cancellationToken);
            var page = await client.ScrollAsync(collection, limit: 256, offset: offset, payloadSelector: false, vectorsSelector: false, cancellationToken: deadline.Token);
            stale.AddRange(page.Result.Select(p => p.Id).Where(id => !Guid.TryParse(id.Uuid, out var g) || !keep.Contains(g)));
            offset = page.NextPageOffset;
        }
        while (offset is not null);
        if (stale.Count > 0)
        {
            using var deadline = Deadline(cancellationToken);
            await client.DeleteAsync(collection, stale.Select(s => Guid.Parse(s.Uuid)).ToList(), wait: true, cancellationToken: deadline.Token);
        }
    }

    public async Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int top, string? category = null, CancellationToken cancellationToken = default)
    {
        using var deadline = Deadline(cancellationToken);
        Filter? filter = null;
        if (category is not null) filter = MatchKeyword("category", category);
        var points = await client.QueryAsync(collection, query: query.ToArray(), filter: filter,
            limit: (ulong)top, payloadSelector: true, cancellationToken: deadline.Token);
        return points.Select(p => new VectorHit(p.Payload["key"].StringValue, p.Payload["entryId"].StringValue, p.Payload["category"].StringValue, p.Score)).ToArray();
    }

    /// <summary>The same key always maps to the same point id, in every process.</summary>
    public static Guid PointIdFor(string key) => new(XxHash128.Hash(Encoding.UTF8.GetBytes(key)));

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(timeout);
        return source;
    }
}
