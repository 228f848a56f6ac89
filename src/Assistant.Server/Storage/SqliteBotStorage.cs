using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Assistant.Server.Storage.SqliteDatabase;

namespace Assistant.Server.Storage;

/// <summary>
/// Bot Framework <see cref="IStorage"/> on SQLite, so conversation state survives a restart. Items
/// implementing <see cref="IStoreItem"/> get optimistic concurrency: a write whose eTag is stale
/// (neither the stored one nor "*") is rejected.
/// </summary>
public sealed class SqliteBotStorage(SqliteDatabase database) : IStorage
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None });

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, object>();
        using var connection = database.Open();
        foreach (var key in keys)
        {
            using var command = Command(connection, "SELECT document FROM bot_state WHERE key = $k", null, ("$k", key));
            if (command.ExecuteScalar() is string document) result[key] = JObject.Parse(document);
        }
        return Task.FromResult<IDictionary<string, object>>(result);
    }

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        foreach (var (key, value) in changes)
        {
            var newETag = Guid.NewGuid().ToString("N");
            var document = JObject.FromObject(value, Serializer);
            document["eTag"] = newETag;
            if (value is IStoreItem { ETag: { } expected } && expected != "*")
            {
                using var check = Command(connection, "SELECT etag FROM bot_state WHERE key = $k", tx, ("$k", key));
                if (check.ExecuteScalar() is string stored && stored != expected)
                    throw new InvalidOperationException($"eTag conflict for '{key}': the item was changed by someone else");
            }
            using var upsert = Command(connection,
                "INSERT INTO bot_state (key, etag, document) VALUES ($k, $e, $d) ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, document = excluded.document", tx,
                ("$k", key), ("$e", newETag), ("$d", document.ToString(Formatting.None)));
            upsert.ExecuteNonQuery();
        }
        tx.Commit();
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        foreach (var key in keys)
        {
            using var delete = Command(connection, "DELETE FROM bot_state WHERE key = $k", null, ("$k", key));
            delete.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }
}
