using Assistant.Dialogue;
using Assistant.Handoff;
using Assistant.Server.Storage;

namespace Assistant.Server.Tests.Storage;

/// <summary>The conversation's stored document in the real SQLite store: Korean kept as written, every mark read back as written.</summary>
public sealed class DialogueStateDocumentTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"state-doc-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task AStateIsStoredWithHangulAsWrittenAndReadBackExactly()
    {
        const string answer = "정산은 구매확정 후 1영업일에 지급돼요. <b>주의</b>: '보류' & \"지연\" 건은 제외됩니다.\n줄바꿈도 그대로.";
        var state = new DialogueState { LastQuestion = "정산 언제 돼요?" };
        state.Transcript.Add(new TranscriptEntry(MessageRole.Seller, "정산 언제 돼요?", DateTimeOffset.UnixEpoch));
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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_path) + "*")) File.Delete(file);
    }
}
