using Assistant.Dialogue;
using Assistant.Handoff;
using Assistant.Server.Storage;

namespace Assistant.Server.Tests.Bot;

/// <summary>
/// The state store keeps what a save wrote in memory so the next turn need not read and parse it again; the database's
/// eTag still decides, so another writer's change is always seen, and a turn that fails before saving leaves nothing behind.
/// </summary>
public sealed class DialogueStateStoreTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"state-store-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" }) File.Delete(file);
    }

    private static DialogueState Said(string text) => new() { LastQuestion = text, Transcript = [new TranscriptEntry(MessageRole.Seller, text, DateTimeOffset.UtcNow)] };

    [Fact]
    public async Task TheSavedStateIsHandedToTheNextLoadOnceThenReadFromTheDatabase()
    {
        var store = new SqlDialogueStateStore(new SqliteDatabase(_path));
        var saved = Said("정산은 언제 돼요?");
        var etag = await store.SaveAsync("emulator", "c1", saved, null);
        Assert.Equal(1, store.KeptCount);

        var next = await store.LoadAsync("emulator", "c1");
        Assert.Same(saved, next.State);
        Assert.Equal(etag, next.ETag);
        Assert.Equal(0, store.KeptCount);

        var again = await store.LoadAsync("emulator", "c1");
        Assert.NotSame(saved, again.State);
        Assert.Equal((etag, "정산은 언제 돼요?", 1), (again.ETag, again.State.LastQuestion, again.State.Transcript.Count));
    }

    [Fact]
    public async Task AChangeAfterLoadingThatIsNeverSavedIsNotSeenByTheNextLoad()
    {
        // A turn that fails after changing its state (and so never saves) must not leak the change into the next turn.
        var store = new SqlDialogueStateStore(new SqliteDatabase(_path));
        await store.SaveAsync("emulator", "c1", Said("배송 지연"), null);
        var failed = await store.LoadAsync("emulator", "c1");
        failed.State.LastQuestion = "저장되지 않은 변경";
        failed.State.Transcript.Add(new TranscriptEntry(MessageRole.Bot, "보내지 않은 답", DateTimeOffset.UtcNow));

        var next = await store.LoadAsync("emulator", "c1");
        Assert.Equal(("배송 지연", 1), (next.State.LastQuestion, next.State.Transcript.Count));
        Assert.Equal(failed.ETag, next.ETag);
    }

    [Fact]
    public async Task AnotherWritersSaveIsSeenAndTheKeptStateNeverWinsOverIt()
    {
        // Two stores on one database (another instance, or a tool): the one that kept its state must read the newer one.
        var database = new SqliteDatabase(_path);
        var mine = new SqlDialogueStateStore(database);
        var theirs = new SqlDialogueStateStore(database);
        var first = await mine.SaveAsync("emulator", "c1", Said("처음"), null);

        var loaded = await theirs.LoadAsync("emulator", "c1");
        loaded.State.LastQuestion = "다른 쪽의 쓰기";
        var second = await theirs.SaveAsync("emulator", "c1", loaded.State, loaded.ETag);

        var seen = await mine.LoadAsync("emulator", "c1");
        Assert.Equal((second, "다른 쪽의 쓰기"), (seen.ETag, seen.State.LastQuestion));
        await Assert.ThrowsAsync<StateConflictException>(() => mine.SaveAsync("emulator", "c1", Said("늦은 쓰기"), first));
        Assert.Equal("다른 쪽의 쓰기", (await theirs.LoadAsync("emulator", "c1")).State.LastQuestion);
    }

    [Fact]
    public async Task KeptStatesAreBounded()
    {
        var store = new SqlDialogueStateStore(new SqliteDatabase(_path));
        for (var i = 0; i < SqlDialogueStateStore.MaxKept + 50; i++) await store.SaveAsync("emulator", $"c{i}", new DialogueState(), null);
        Assert.InRange(store.KeptCount, 1, SqlDialogueStateStore.MaxKept);
        // Dropped or kept, every conversation loads what was saved.
        Assert.NotNull((await store.LoadAsync("emulator", "c0")).ETag);
        Assert.NotNull((await store.LoadAsync("emulator", $"c{SqlDialogueStateStore.MaxKept + 49}")).ETag);
    }

    [Fact]
    public async Task AStateIsStoredWithHangulAsWrittenAndReadBackExactly()
    {
        const string answer = "정산은 구매확정 후 1영업일에 지급돼요. <b>주의</b>: '보류' & \"지연\" 건은 제외됩니다.\n줄바꿈도 그대로.";
        var state = Said("정산 언제 돼요?");
        state.Transcript.Add(new TranscriptEntry(MessageRole.Bot, answer, DateTimeOffset.UnixEpoch));
        await new SqlDialogueStateStore(new SqliteDatabase(_path)).SaveAsync("emulator", "c1", state, null);

        // Another store reads the document from the table, not the saving store's memory.
        var loaded = await new SqlDialogueStateStore(new SqliteDatabase(_path)).LoadAsync("emulator", "c1");
        Assert.Equal(answer, loaded.State.Transcript[1].Text);
        Assert.Equal("정산 언제 돼요?", loaded.State.LastQuestion);

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM bot_state";
        var document = (string)command.ExecuteScalar()!;
        Assert.Contains("정산은 구매확정 후 1영업일에 지급돼요.", document); // not \uC815\uC0B0…
        Assert.DoesNotContain("<b>", document);                            // HTML marks stay escaped in the stored JSON
    }

    [Fact]
    public async Task ASavedAgainTranscriptIsWrittenExactlyAsTheFirstTime()
    {
        // Transcript entries are encoded once and their JSON reused by later saves: the document must not change for it.
        const string answer = "정산은 구매확정 후 1영업일에 지급돼요. <b>주의</b>: '보류' & \"지연\" 건은 제외됩니다.\n줄바꿈도 그대로.";
        var store = new SqlDialogueStateStore(new SqliteDatabase(_path));
        var state = Said("정산 언제 돼요?");
        state.Transcript.Add(new TranscriptEntry(MessageRole.Bot, answer, DateTimeOffset.UnixEpoch, "상담원"));
        var first = await store.SaveAsync("emulator", "c1", state, null);
        var firstDocument = Document();

        var kept = await store.LoadAsync("emulator", "c1");
        kept.State.Transcript.Add(new TranscriptEntry(MessageRole.Seller, "고마워요", DateTimeOffset.UnixEpoch));
        var second = await store.SaveAsync("emulator", "c1", kept.State, kept.ETag);
        var secondDocument = Document();

        var plain = new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        };
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(new { DialogueState = kept.State, ETag = second }, plain), secondDocument);
        Assert.StartsWith(firstDocument[..firstDocument.IndexOf("]", StringComparison.Ordinal)], secondDocument);
        Assert.NotEqual(first, second);

        var loaded = await new SqlDialogueStateStore(new SqliteDatabase(_path)).LoadAsync("emulator", "c1");
        Assert.Equal(kept.State.Transcript, loaded.State.Transcript);
    }

    private string Document()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT document, typeof(document) FROM bot_state";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("text", reader.GetString(1)); // stored as text, whatever form the save bound it in
        return reader.GetString(0);
    }
}
