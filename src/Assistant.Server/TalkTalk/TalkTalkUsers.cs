using Assistant.Server.Storage;
using static Assistant.Server.Storage.Database;

namespace Assistant.Server.TalkTalk;

/// <summary>What TalkTalk tells about a user outside messages: opened the chat, left, added or removed the account as a friend.</summary>
public sealed class TalkTalkUsers
{
    private readonly Database _database;
    private readonly TimeProvider _time;

    public TalkTalkUsers(Database database, TimeProvider time) => (_database, _time) = (database, time);

    public Task RecordAsync(string user, string eventType, string? detail, CancellationToken cancellationToken = default)
    {
        using var connection = _database.OpenForWrite();
        using var upsert = Command(connection, """
            INSERT INTO talktalk_users (user_id, last_event, detail, friend, updated_at) VALUES (@u, @e, @d, @f, @now)
            ON CONFLICT(user_id) DO UPDATE SET last_event = excluded.last_event, detail = excluded.detail,
                friend = COALESCE(excluded.friend, talktalk_users.friend), updated_at = excluded.updated_at
            """, null,
            ("@u", user), ("@e", eventType), ("@d", detail), ("@f", eventType == "friend" ? detail == "on" : null), ("@now", SqlTicketStore.Stamp(_time.GetUtcNow())));
        upsert.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<(string LastEvent, bool? Friend)?> GetAsync(string user, CancellationToken cancellationToken = default)
    {
        using var connection = _database.Open();
        using var query = Command(connection, "SELECT last_event, friend FROM talktalk_users WHERE user_id = @u", null, ("@u", user));
        using var reader = query.ExecuteReader();
        return Task.FromResult<(string, bool?)?>(reader.Read() ? (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1) != 0) : null);
    }
}
