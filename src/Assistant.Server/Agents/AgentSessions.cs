using System.Security.Cryptography;
using Assistant.Server.Storage;
using static Assistant.Server.Storage.Database;

namespace Assistant.Server.Agents;

/// <summary>
/// Server-side agent sessions. The sign-in cookie carries a session id; every request checks it
/// here, in the shared database, so signing out (revoking) refuses a replayed cookie on every
/// instance at once. A session also ends after <see cref="AgentOptions.SessionHours"/>, however
/// often the sliding cookie was renewed.
/// </summary>
public sealed class AgentSessions(Database database, TimeProvider time)
{
    /// <summary>The cookie claim that names the session.</summary>
    public const string ClaimType = "assistant:session";

    public string Start(string agentId, TimeSpan lifetime)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var now = time.GetUtcNow();
        using var connection = database.Open();
        // Expired sessions are of no use to anyone: drop them as new ones start.
        using (var purge = Command(connection, "DELETE FROM agent_sessions WHERE expires_at < @now", null, ("@now", SqlTicketStore.Stamp(now))))
            purge.ExecuteNonQuery();
        using var insert = Command(connection, "INSERT INTO agent_sessions (id, agent_id, created_at, expires_at) VALUES (@id, @agent, @now, @expires)", null,
            ("@id", id), ("@agent", agentId), ("@now", SqlTicketStore.Stamp(now)), ("@expires", SqlTicketStore.Stamp(now + lifetime)));
        insert.ExecuteNonQuery();
        return id;
    }

    /// <summary>True while the session exists for this agent, is not revoked and has not expired.</summary>
    public bool IsActive(string id, string agentId)
    {
        using var connection = database.Open();
        using var query = Command(connection, "SELECT agent_id, expires_at, revoked_at FROM agent_sessions WHERE id = @id", null, ("@id", id));
        using var reader = query.ExecuteReader();
        return reader.Read()
            && string.Equals(reader.GetString(0), agentId, StringComparison.Ordinal)
            && SqlTicketStore.Parse(reader.GetString(1)) > time.GetUtcNow()
            && reader.IsDBNull(2);
    }

    public void Revoke(string id)
    {
        using var connection = database.Open();
        using var update = Command(connection, "UPDATE agent_sessions SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", null,
            ("@id", id), ("@now", SqlTicketStore.Stamp(time.GetUtcNow())));
        update.ExecuteNonQuery();
    }
}
