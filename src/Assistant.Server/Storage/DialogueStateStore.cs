using System.Text.Json;
using Assistant.Dialogue;
using static Assistant.Server.Storage.Database;

namespace Assistant.Server.Storage;

/// <summary>A conversation's dialogue state as read, with the version to write it back against.</summary>
public sealed record LoadedState(DialogueState State, string? ETag);

/// <summary>
/// Where each conversation's <see cref="DialogueState"/> lives between turns. A save carries the eTag
/// of its load and succeeds only if nobody wrote in between (a lost update is refused with a
/// <see cref="StateConflictException"/>, never silently overwritten).
/// </summary>
public interface IDialogueStateStore
{
    Task<LoadedState> LoadAsync(string channel, string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Writes the state; returns the new eTag. <paramref name="expectedETag"/> null means "the conversation had no state".</summary>
    Task<string> SaveAsync(string channel, string conversationId, DialogueState state, string? expectedETag, CancellationToken cancellationToken = default);
}

/// <summary>
/// The dialogue state in the <c>bot_state</c> table, one typed JSON document per conversation
/// (<c>{"DialogueState": …}</c> under the key Bot Framework's conversation state uses), read and
/// written once per turn with System.Text.Json: no intermediate JSON trees, no hashing passes.
/// </summary>
public sealed class SqlDialogueStateStore(Database database) : IDialogueStateStore
{
    // Hangul as itself, not \uXXXX: a third of the size (the document is data, never embedded in HTML).
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Key(string channel, string conversationId) => $"{channel}/conversations/{conversationId}";

    public Task<LoadedState> LoadAsync(string channel, string conversationId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = Command(connection, "SELECT etag, document FROM bot_state WHERE key = @k", null, ("@k", Key(channel, conversationId)));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return Task.FromResult(new LoadedState(new DialogueState(), null));
        var state = JsonSerializer.Deserialize<Document>(reader.GetString(1), Json)?.DialogueState ?? new DialogueState();
        return Task.FromResult(new LoadedState(state, reader.GetString(0)));
    }

    /// <summary>The stored document: the state under its name, and the eTag (kept in the document too, for readers of the table).</summary>
    private sealed record Document(DialogueState? DialogueState, string? ETag);

    public Task<string> SaveAsync(string channel, string conversationId, DialogueState state, string? expectedETag, CancellationToken cancellationToken = default)
    {
        var key = Key(channel, conversationId);
        var etag = Guid.NewGuid().ToString("N");
        var document = JsonSerializer.Serialize(new Document(state, etag), Json);
        using var connection = database.OpenForWrite();
        using var command = expectedETag is null
            ? Command(connection, "INSERT INTO bot_state (key, etag, document) VALUES (@k, @e, @d) ON CONFLICT(key) DO NOTHING", null,
                ("@k", key), ("@e", etag), ("@d", document))
            : Command(connection, "UPDATE bot_state SET etag = @e, document = @d WHERE key = @k AND etag = @expected", null,
                ("@k", key), ("@e", etag), ("@d", document), ("@expected", expectedETag));
        if (command.ExecuteNonQuery() != 1) throw new StateConflictException(key);
        return Task.FromResult(etag);
    }
}

/// <summary>A state write lost an optimistic-concurrency race: the stored item changed since it was read.</summary>
public sealed class StateConflictException(string key) : InvalidOperationException($"eTag conflict for '{key}': the state was changed by someone else")
{
    public string Key { get; } = key;
}
