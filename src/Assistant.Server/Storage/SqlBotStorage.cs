using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Assistant.Server.Storage.Database;

namespace Assistant.Server.Storage;

/// <summary>
/// Bot Framework <see cref="IStorage"/> in the database, so conversation state survives restarts and is
/// shared by instances. Optimistic concurrency: a write carrying an eTag (an <see cref="IStoreItem"/>,
/// or the "eTag" that conversation state keeps from its read) succeeds only if the stored item still
/// has that eTag; "*" or no eTag overwrites.
/// </summary>
public sealed class SqlBotStorage(Database database) : IStorage
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None });

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, object>();
        using var connection = database.Open();
        foreach (var key in keys)
        {
            using var command = Command(connection, "SELECT document FROM bot_state WHERE key = @k", null, ("@k", key));
            if (command.ExecuteScalar() is string document) result[key] = JObject.Parse(document);
        }
        return Task.FromResult<IDictionary<string, object>>(result);
    }

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenForWrite();
        using var tx = connection.BeginTransaction();
        foreach (var (key, value) in changes)
        {
            var expected = value switch
            {
                IStoreItem item => item.ETag,
                IDictionary<string, object> state when state.TryGetValue("eTag", out var e) => e?.ToString(),
                _ => null,
            };
            var newETag = Guid.NewGuid().ToString("N");
            var document = JObject.FromObject(value, Serializer);
            document["eTag"] = newETag;
            var json = document.ToString(Formatting.None);

            if (expected is null or "*")
            {
                using var upsert = Command(connection,
                    "INSERT INTO bot_state (key, etag, document) VALUES (@k, @e, @d) ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, document = excluded.document", tx,
                    ("@k", key), ("@e", newETag), ("@d", json));
                upsert.ExecuteNonQuery();
                continue;
            }
            using var update = Command(connection, "UPDATE bot_state SET etag = @e, document = @d WHERE key = @k AND etag = @expected", tx,
                ("@k", key), ("@e", newETag), ("@d", json), ("@expected", expected));
            if (update.ExecuteNonQuery() == 1) continue;
            using var insert = Command(connection, "INSERT INTO bot_state (key, etag, document) VALUES (@k, @e, @d) ON CONFLICT(key) DO NOTHING", tx,
                ("@k", key), ("@e", newETag), ("@d", json));
            if (insert.ExecuteNonQuery() != 1)
                throw new StateConflictException(key);
        }
        tx.Commit();
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenForWrite();
        foreach (var key in keys)
        {
            using var delete = Command(connection, "DELETE FROM bot_state WHERE key = @k", null, ("@k", key));
            delete.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }
}

/// <summary>A state write lost an optimistic-concurrency race: the stored item changed since it was read.</summary>
public sealed class StateConflictException(string key) : InvalidOperationException($"eTag conflict for '{key}': the item was changed by someone else")
{
    public string Key { get; } = key;
}
