using System.Text.Json;
using Assistant.Dialogue;
using Assistant.Handoff;
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
/// <para>
/// The state a save wrote is kept in memory with its eTag (the store takes over the saved object: a caller
/// does not change it after saving). A load still asks the database for the current eTag, and gets the
/// document only when it differs, so a write by anyone else is always seen; when it matches, the kept object is
/// handed out, and leaves the memory (a turn that fails before saving leaves nothing behind). This spares each
/// turn the reading and parsing of its conversation's document (tens of kilobytes with a full transcript).
/// </para>
/// </summary>
public sealed class SqlDialogueStateStore(Database database) : IDialogueStateStore
{
    /// <summary>Most saved states kept in memory; past that, a save makes room by dropping a tenth of them.</summary>
    internal const int MaxKept = 10_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LoadedState> _kept = new(StringComparer.Ordinal);
    private int _keptCount;

    /// <summary>States kept in memory (for tests and diagnostics).</summary>
    internal int KeptCount => Volatile.Read(ref _keptCount);

    // Hangul as itself, not \uXXXX: a third of the size. The encoder that allows every Unicode range (and still escapes
    // the HTML-sensitive ASCII marks) writes a transcript of Korean answers to a string in well under half the time of
    // UnsafeRelaxedJsonEscaping (about 30 µs against 75 µs for ten answers here): the save runs on every turn.
    private static readonly JsonSerializerOptions Plain = new()
    {
        PropertyNameCaseInsensitive = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>The options the document is written and read with: <see cref="Plain"/>, transcript entries each written once (<see cref="TranscriptEntryJson"/>).</summary>
    private static readonly JsonSerializerOptions Json = new(Plain) { Converters = { new TranscriptEntryJson(Plain) } };

    public static string Key(string channel, string conversationId) => $"{channel}/conversations/{conversationId}";

    public Task<LoadedState> LoadAsync(string channel, string conversationId, CancellationToken cancellationToken = default)
    {
        var key = Key(channel, conversationId);
        // Taken out whatever the database says: it is handed out at most once, to this turn, or dropped as stale.
        var kept = Take(key);
        using var connection = database.Open();
        using var command = Command(connection, "SELECT etag, CASE WHEN etag = @kept THEN NULL ELSE document END FROM bot_state WHERE key = @k", null,
            ("@k", key), ("@kept", kept?.ETag ?? ""));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return Task.FromResult(new LoadedState(new DialogueState(), null));
        var etag = reader.GetString(0);
        if (kept is not null && reader.IsDBNull(1) && kept.ETag == etag) return Task.FromResult(kept);
        var state = JsonSerializer.Deserialize<Document>(reader.GetString(1), Json)?.DialogueState ?? new DialogueState();
        return Task.FromResult(new LoadedState(state, etag));
    }

    private LoadedState? Take(string key)
    {
        if (!_kept.TryRemove(key, out var kept)) return null;
        Interlocked.Decrement(ref _keptCount);
        return kept;
    }

    private void Keep(string key, LoadedState saved)
    {
        if (Volatile.Read(ref _keptCount) >= MaxKept)
            foreach (var old in _kept.Keys.Take(MaxKept / 10)) Take(old);
        if (_kept.TryAdd(key, saved)) Interlocked.Increment(ref _keptCount);
        else _kept[key] = saved; // a racing save of the same conversation: the later one is kept, and a load checks its eTag
    }

    /// <summary>The stored document: the state under its name, and the eTag (kept in the document too, for readers of the table).</summary>
    private sealed record Document(DialogueState? DialogueState, string? ETag);

    public async Task<string> SaveAsync(string channel, string conversationId, DialogueState state, string? expectedETag, CancellationToken cancellationToken = default)
    {
        var key = Key(channel, conversationId);
        var etag = Guid.NewGuid().ToString("N");
        // Where the database takes text as UTF-8 bytes (SQLite), the document goes as the serialiser's UTF-8: no
        // transcoding to a string and back (of a document of mostly Hangul, that cost more than writing the JSON).
        var utf8 = database.Utf8Text("@d");
        object document = utf8 is null ? JsonSerializer.Serialize(new Document(state, etag), Json) : JsonSerializer.SerializeToUtf8Bytes(new Document(state, etag), Json);
        var value = utf8 ?? "@d";
        using var connection = await database.OpenForWriteAsync().ConfigureAwait(false);
        using var command = expectedETag is null
            ? Command(connection, $"INSERT INTO bot_state (key, etag, document) VALUES (@k, @e, {value}) ON CONFLICT(key) DO NOTHING", null,
                ("@k", key), ("@e", etag), ("@d", document))
            : Command(connection, $"UPDATE bot_state SET etag = @e, document = {value} WHERE key = @k AND etag = @expected", null,
                ("@k", key), ("@e", etag), ("@d", document), ("@expected", expectedETag));
        if (command.ExecuteNonQuery() != 1) throw new StateConflictException(key);
        Keep(key, new LoadedState(state, etag));
        return etag;
    }
}

/// <summary>
/// A <see cref="TranscriptEntry"/> as JSON, made once per entry and reused by every later save of the same entry. The
/// transcript holds the last messages both ways (answers of a few hundred Korean characters, with line breaks that take
/// the encoder's slow path), and a turn adds two entries to the twenty it saves again: encoding all of them on every save
/// was most of what a save cost. An entry is an immutable record, so its JSON never changes; it is kept (weakly) as
/// long as the entry itself, and the bytes written are exactly what <paramref name="plain"/> writes for the entry.
/// </summary>
internal sealed class TranscriptEntryJson(JsonSerializerOptions plain) : System.Text.Json.Serialization.JsonConverter<TranscriptEntry>
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<TranscriptEntry, byte[]> _written = new();

    public override TranscriptEntry? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<TranscriptEntry>(ref reader, plain);

    public override void Write(Utf8JsonWriter writer, TranscriptEntry value, JsonSerializerOptions options)
    {
        if (!_written.TryGetValue(value, out var json))
        {
            json = JsonSerializer.SerializeToUtf8Bytes(value, plain);
            _written.AddOrUpdate(value, json);
        }
        writer.WriteRawValue(json, skipInputValidation: true);
    }
}

/// <summary>A state write lost an optimistic-concurrency race: the stored item changed since it was read.</summary>
public sealed class StateConflictException(string key) : InvalidOperationException($"eTag conflict for '{key}': the state was changed by someone else")
{
    public string Key { get; } = key;
}
