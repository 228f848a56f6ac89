using Assistant.Server.Storage;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Assistant.Server.Storage.Database;

namespace Assistant.Server.DirectLine;

public sealed record DirectLineConversation(string Id, string UserId, bool Started);

/// <summary>How much one conversation may hold: activities, and stored JSON in bytes.</summary>
public sealed record ConversationQuota(int MaxActivities, long MaxBytes);

/// <summary>
/// Conversations and their activities for the Direct Line endpoint, stored so that a page reload
/// resumes and a restart loses nothing. The watermark is the per-conversation sequence number.
/// </summary>
public interface IDirectLineStore
{
    Task<DirectLineConversation> CreateAsync(string userId, CancellationToken cancellationToken = default);
    Task<DirectLineConversation?> GetAsync(string conversationId, CancellationToken cancellationToken = default);
    Task MarkStartedAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Stores the activity, giving it the id <c>{conversationId}|{seq}</c>; returns the watermark it got.</summary>
    Task<long> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="AppendAsync"/>, unless the conversation already holds the quota's activities or
    /// the activity would take it past the quota's bytes: then nothing is stored and the result is null.
    /// </summary>
    Task<long?> TryAppendAsync(string conversationId, Activity activity, ConversationQuota quota, CancellationToken cancellationToken = default);

    /// <summary>Activities after the watermark (all when null) and the new watermark.</summary>
    Task<(IReadOnlyList<string> Activities, long Watermark)> ReadAsync(string conversationId, long? after, CancellationToken cancellationToken = default);
}

public sealed class SqlDirectLineStore : IDirectLineStore
{
    public static readonly JsonSerializerSettings Json = new() { NullValueHandling = NullValueHandling.Ignore };
    private readonly Database _database;
    // Striped, so memory stays fixed however many conversations there are.
    private readonly SemaphoreSlim[] _appendLocks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public SqlDirectLineStore(Database database) => _database = database;

    public Task<DirectLineConversation> CreateAsync(string userId, CancellationToken cancellationToken = default)
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        using var connection = _database.OpenForWrite();
        using var insert = Command(connection, "INSERT INTO directline_conversations (id, user_id, created_at) VALUES (@id, @user, @now)", null,
            ("@id", id), ("@user", userId), ("@now", DateTimeOffset.UtcNow.ToString("O")));
        insert.ExecuteNonQuery();
        return Task.FromResult(new DirectLineConversation(id, userId, false));
    }

    public Task<DirectLineConversation?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        using var connection = _database.Open();
        using var command = Command(connection, "SELECT id, user_id, started FROM directline_conversations WHERE id = @id", null, ("@id", conversationId));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? new DirectLineConversation(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0) : null);
    }

    public Task MarkStartedAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        using var connection = _database.OpenForWrite();
        using var update = Command(connection, "UPDATE directline_conversations SET started = 1 WHERE id = @id", null, ("@id", conversationId));
        update.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public async Task<long> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        (await AppendCoreAsync(conversationId, activity, null, cancellationToken))!.Value;

    public Task<long?> TryAppendAsync(string conversationId, Activity activity, ConversationQuota quota, CancellationToken cancellationToken = default) =>
        AppendCoreAsync(conversationId, activity, quota, cancellationToken);

    private async Task<long?> AppendCoreAsync(string conversationId, Activity activity, ConversationQuota? quota, CancellationToken cancellationToken)
    {
        var gate = _appendLocks[(int)(System.IO.Hashing.XxHash32.HashToUInt32(System.Text.Encoding.UTF8.GetBytes(conversationId)) % (uint)_appendLocks.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            using var connection = _database.OpenForWrite();
            using var tx = connection.BeginTransaction();
            if (_database.LockConversationSql is { } lockSql)
                using (var gateAcrossInstances = Command(connection, lockSql, tx, ("@key", conversationId))) gateAcrossInstances.ExecuteNonQuery();
            using var usage = Command(connection,
                "SELECT COALESCE(MAX(seq), 0) + 1, COUNT(*), COALESCE(SUM(octet_length(activity)), 0) FROM directline_activities WHERE conversation_id = @c", tx, ("@c", conversationId));
            long seq, count, bytes;
            using (var reader = usage.ExecuteReader())
            {
                reader.Read();
                long At(int i) => Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                (seq, count, bytes) = (At(0), At(1), At(2));
            }
            activity.Id = $"{conversationId}|{seq:D7}";
            StampSequence(activity, seq);
            var json = JsonConvert.SerializeObject(activity, Json);
            // Checked inside the conversation's lock, so concurrent posts (on any instance) cannot overshoot it.
            if (quota is not null && (count >= quota.MaxActivities || bytes + System.Text.Encoding.UTF8.GetByteCount(json) > quota.MaxBytes))
            {
                activity.Id = null;
                return null;
            }
            using var insert = Command(connection, "INSERT INTO directline_activities (conversation_id, seq, activity) VALUES (@c, @s, @a)", tx,
                ("@c", conversationId), ("@s", seq), ("@a", json));
            insert.ExecuteNonQuery();
            tx.Commit();
            return seq;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Web Chat orders a transcript by <c>channelData["webchat:sequence-id"]</c> when present, else by the timestamp, which
    /// it reads to the millisecond: two replies of one turn stored within the same millisecond could swap places.
    /// The stream's own position is the order, so every stored activity carries it (an activity whose channel data is
    /// not a JSON object keeps it as it is and is ordered by its timestamp).
    /// </summary>
    private static void StampSequence(Activity activity, long seq)
    {
        if (activity.ChannelData is null) activity.ChannelData = new JObject();
        else if (activity.ChannelData is not JObject)
        {
            var token = JToken.FromObject(activity.ChannelData);
            if (token is not JObject converted) return;
            activity.ChannelData = converted;
        }
        ((JObject)activity.ChannelData)["webchat:sequence-id"] = seq;
    }

    public Task<(IReadOnlyList<string> Activities, long Watermark)> ReadAsync(string conversationId, long? after, CancellationToken cancellationToken = default)
    {
        using var connection = _database.Open();
        using var command = Command(connection, "SELECT seq, activity FROM directline_activities WHERE conversation_id = @c AND seq > @w ORDER BY seq", null,
            ("@c", conversationId), ("@w", after ?? 0));
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        var watermark = after ?? 0;
        while (reader.Read())
        {
            watermark = reader.GetInt64(0);
            list.Add(reader.GetString(1));
        }
        return Task.FromResult<(IReadOnlyList<string>, long)>((list, watermark));
    }
}
