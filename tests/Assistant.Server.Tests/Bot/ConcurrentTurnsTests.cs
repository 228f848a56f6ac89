using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Server.Bot;
using Assistant.Server.Storage;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Bot;

/// <summary>
/// Messages of one conversation that arrive at the same moment on <c>/api/messages</c>: each is
/// answered once, none fails with the apology, and what the seller sees is in the order the bot
/// committed the turns (its own transcript).
/// </summary>
public sealed class ConcurrentTurnsTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    public static readonly string[] Questions =
    [
        "정산은 언제 들어와요?",
        "판매 수수료가 얼마예요?",
        "세금계산서 발행은 어떻게 하나요?",
        "반품 배송비는 누가 내나요?",
        "정산 계좌를 다른 통장으로 바꾸려면 어떻게 하나요?",
    ];

    private const string Apology = "일시적인 오류";

    [Fact]
    public async Task ABurstOfFiveIsAnsweredOnceEachInTheCommittedOrder()
    {
        await using var channel = await FakeChannel.StartAsync();
        var client = factory.CreateClient();
        var conversation = "burst-" + Guid.NewGuid().ToString("N");

        var sent = await SendTogetherAsync(client, channel, conversation, Questions);

        var replies = channel.Received(conversation);
        Assert.DoesNotContain(replies, r => ((string?)r["text"] ?? "").Contains(Apology));
        Assert.Equal(sent.Keys.Order(), replies.Select(r => (string)r["replyToId"]!).Order());
        Assert.Equal(SellerMessages(factory.DatabasePath, conversation), replies.Select(r => sent[(string)r["replyToId"]!]));
    }

    [Fact]
    public async Task TwentyRoundsOfTwoAtOnceLoseNoTurnAndKeepTheOrder()
    {
        await using var channel = await FakeChannel.StartAsync();
        var client = factory.CreateClient();
        var conversation = "rounds-" + Guid.NewGuid().ToString("N");

        for (var round = 0; round < 20; round++)
        {
            var before = channel.Received(conversation).Count;
            var pair = new[] { Questions[round % 5], Questions[(round + 1) % 5] + $" ({round})" };
            var sent = await SendTogetherAsync(client, channel, conversation, pair);

            var replies = channel.Received(conversation).Skip(before).ToArray();
            Assert.Equal(2, replies.Length);
            Assert.DoesNotContain(replies, r => ((string?)r["text"] ?? "").Contains(Apology));
            // The transcript keeps the last turns: its last two seller messages are this round's, in the order the seller saw the answers.
            Assert.Equal(SellerMessages(factory.DatabasePath, conversation).TakeLast(2), replies.Select(r => sent[(string)r["replyToId"]!]));
        }
    }

    [Fact]
    public async Task ABurstWithExpectRepliesGetsEachMessageItsOwnAnswer()
    {
        var client = factory.CreateClient();
        var conversation = "expect-" + Guid.NewGuid().ToString("N");
        var responses = await Task.WhenAll(Questions.Select(q => SendAsync(client, Message(q, conversation))));
        Assert.All(responses, r =>
        {
            var reply = Assert.Single(r);
            Assert.DoesNotContain(Apology, (string?)reply["text"]);
        });
        Assert.Equal(Questions.Order(), SellerMessages(factory.DatabasePath, conversation).Order());
    }

    [Fact]
    public async Task AConflictingWriteIsRetriedFromFreshStateNotAnsweredWithAnApology()
    {
        using var conflicted = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddSingleton<IDialogueStateStore>(sp => new ConflictOnce(new SqlDialogueStateStore(sp.GetRequiredService<Database>())))));
        var retried = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TurnMetrics.MeterName && instrument.Name == "assistant.turn.state_conflicts.retried") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref retried, value));
        listener.Start();

        var client = conflicted.CreateClient();
        var conversation = "conflict-" + Guid.NewGuid().ToString("N");
        await SendAsync(client, Message(Questions[0], conversation));
        var reply = Assert.Single(await SendAsync(client, Message(Questions[1], conversation)));

        Assert.DoesNotContain(Apology, (string?)reply["text"]);
        Assert.Equal(1, Interlocked.Read(ref retried));
        Assert.Contains(factory.Log, line => line.StartsWith("Warning") && line.Contains("State conflict") && line.Contains(conversation));
        // The retried turn ran once on the fresh state: each message is in the transcript once.
        Assert.Equal([Questions[0], Questions[1]], SellerMessages(factory.DatabasePath, conversation));
    }

    [Fact]
    public async Task TheGateForgetsAConversationOnceItsTurnsAreDone()
    {
        var client = factory.CreateClient();
        var gate = factory.Services.GetRequiredService<ConversationGate>();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => SendAsync(client, Message(Questions[i % 5], "gate-" + i + Guid.NewGuid().ToString("N")))));
        Assert.Equal(0, gate.ActiveConversations);
    }

    /// <summary>Posts every text at once (replies go to the channel's service URL); returns activity id → text.</summary>
    public static async Task<Dictionary<string, string>> SendTogetherAsync(HttpClient client, FakeChannel channel, string conversation, IEnumerable<string> texts)
    {
        var activities = texts.Select(t =>
        {
            var activity = Message(t, conversation, channel.ServiceUrl);
            activity.Remove("deliveryMode");
            return activity;
        }).ToArray();
        var responses = await Task.WhenAll(activities.Select(a => client.PostAsJsonAsync("/api/messages", a)));
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        return activities.ToDictionary(a => (string)a["id"]!, a => (string)a["text"]!);
    }

    /// <summary>The seller's messages in the conversation's committed dialogue state, oldest first.</summary>
    public static string[] SellerMessages(string databasePath, string conversation, string channel = "emulator")
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM bot_state WHERE key = $k";
        command.Parameters.AddWithValue("$k", $"{channel}/conversations/{conversation}");
        return SellerMessages((string?)command.ExecuteScalar());
    }

    public static string[] SellerMessages(string? document) =>
        document is null ? [] : JsonNode.Parse(document)!["DialogueState"]!["Transcript"]!.AsArray()
            .Where(e => e!["Role"]!.ToString() is "0" or "Seller").Select(e => (string)e!["Text"]!).ToArray();

    /// <summary>The real store, where another writer saves the same state (new eTag) between a turn's load and its save, once, on the second save.</summary>
    private sealed class ConflictOnce(SqlDialogueStateStore inner) : IDialogueStateStore
    {
        private int _saves;

        public Task<LoadedState> LoadAsync(string channel, string conversationId, CancellationToken cancellationToken = default) =>
            inner.LoadAsync(channel, conversationId, cancellationToken);

        public async Task<string> SaveAsync(string channel, string conversationId, Assistant.Dialogue.DialogueState state, string? expectedETag, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _saves) == 2)
            {
                var current = await inner.LoadAsync(channel, conversationId, cancellationToken);
                await inner.SaveAsync(channel, conversationId, current.State, current.ETag, cancellationToken);
            }
            return await inner.SaveAsync(channel, conversationId, state, expectedETag, cancellationToken);
        }
    }
}
