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
}
