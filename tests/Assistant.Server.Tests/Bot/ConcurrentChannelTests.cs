using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Server.Bot;
using Assistant.Server.Tests.DirectLine;
using Assistant.Server.Tests.Postgres;
using Assistant.Server.Tests.TalkTalk;
using Microsoft.Extensions.DependencyInjection;
using static Assistant.Server.Tests.Bot.ConcurrentTurnsTests;

namespace Assistant.Server.Tests.Bot;

/// <summary>Concurrent messages of one conversation on the web chat's Direct Line: stored and answered strictly one after another.</summary>
public sealed class ConcurrentDirectLineTests : IDisposable
{
    private readonly AssistantFactory _factory = new AssistantFactory().With("DirectLine:MessagesPerMinute", "1000");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ABurstOfFiveAndTwentyRoundsOfTwoAreEachAnsweredRightAfterTheirMessage()
    {
        var seller = await DirectLineClient.StartAsync(_factory.CreateClient());
        var sent = new List<string>();
        await Task.WhenAll(Questions.Select((q, i) => seller.PostAsync(q, "burst-" + i)));
        sent.AddRange(Questions);
        for (var round = 0; round < 20; round++)
        {
            var pair = new[] { Questions[round % 5] + $" [{round}a]", Questions[(round + 2) % 5] + $" [{round}b]" };
            await Task.WhenAll(pair.Select((q, i) => seller.PostAsync(q, $"r{round}-{i}")));
            sent.AddRange(pair);
        }

        var history = (await seller.PollAsync()).Select(a => a!.AsObject()).Where(a => (string?)a["type"] == "message").ToArray();
        var fromSeller = history.Where(a => (string?)a["from"]?["role"] == "user").ToArray();
        Assert.Equal(sent.Order(), fromSeller.Select(a => (string)a["text"]!).Order()); // each stored once
        Assert.DoesNotContain(history, a => ((string?)a["text"] ?? "").Contains("일시적인 오류"));

        // Strict alternation: each seller message is followed by its own answer before the next message.
        var afterWelcome = history.SkipWhile(a => (string?)a["from"]?["role"] != "user").ToArray();
        for (var i = 0; i < afterWelcome.Length; i += 2)
        {
            Assert.Equal("user", (string?)afterWelcome[i]["from"]?["role"]);
            Assert.Equal((string?)afterWelcome[i]["id"], (string?)afterWelcome[i + 1]["replyToId"]);
        }
        Assert.Equal(sent.Count * 2, afterWelcome.Length);
    }

    [Fact]
    public async Task TwoClientsStartingTheSameConversationAtOnceAreGreetedOnce()
    {
        var http = _factory.CreateClient();
        var seller = await DirectLineClient.StartAsync(http);
        // Web Chat reconnecting on two tabs: both ask for the conversation at once.
        var reconnects = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => seller.RawAsync(HttpMethod.Get, $"/v3/directline/conversations/{seller.ConversationId}", seller.Token)));
        Assert.All(reconnects, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        var welcomes = (await seller.PollAsync()).Count(a => (string?)a!["channelData"]?["assistant"]?["action"] == "welcome");
        Assert.Equal(1, welcomes);
    }
}

/// <summary>Concurrent webhook events of one TalkTalk user: each answered once, in its own response, no apology.</summary>
public sealed class ConcurrentTalkTalkTests(TalkTalkFixture server) : IClassFixture<TalkTalkFixture>
{
    [Fact]
    public async Task ABurstOfFiveAndTwentyRoundsOfTwoAreEachAnsweredOnce()
    {
        var user = server.NewUser();
        var burst = await Task.WhenAll(Questions.Select(q => user.SayAsync(q)));
        Assert.All(burst, answer => Assert.DoesNotContain("일시적인 오류", TalkTalkUser.Said(answer!)));
        for (var round = 0; round < 20; round++)
        {
            var answers = await Task.WhenAll(user.SayAsync(Questions[round % 5] + $" [{round}a]"), user.SayAsync(Questions[(round + 1) % 5] + $" [{round}b]"));
            Assert.All(answers, answer => Assert.DoesNotContain("일시적인 오류", TalkTalkUser.Said(answer!)));
        }
        var transcript = SellerMessages(server.Factory.DatabasePath, user.Id, Assistant.Server.TalkTalk.TalkTalkAdapter.ChannelId);
        // The transcript keeps the last turns; each of the last round's messages is in it once.
        Assert.Single(transcript, t => t.EndsWith("[19a]"));
        Assert.Single(transcript, t => t.EndsWith("[19b]"));
    }
}

/// <summary>Two instances on one PostgreSQL: a conversation's turns are serialised across them, so none conflicts.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ConcurrentInstancesTests(PostgresServer server)
{
    [Fact]
    public async Task MessagesOfOneConversationSentToTwoInstancesAtOnceAreAllAnsweredWithoutAConflict()
    {
        var connectionString = await server.CreateDatabaseAsync();
        using var a = AssistantFactory.OnPostgres(connectionString);
        using var b = AssistantFactory.OnPostgres(connectionString);
        var clients = new[] { a.CreateClient(), b.CreateClient() };
        var meters = new[] { a, b }.Select(f => f.Services.GetRequiredService<TurnMetrics>().Meter).ToHashSet();
        long conflicts = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (meters.Contains(instrument.Meter) && instrument.Name.StartsWith("assistant.turn.state_conflicts", StringComparison.Ordinal)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref conflicts, value));
        listener.Start();

        var conversation = "two-instances-" + Guid.NewGuid().ToString("N");
        for (var round = 0; round < 5; round++)
        {
            var texts = Enumerable.Range(0, 4).Select(i => Questions[(round + i) % 5] + $" [{round}.{i}]").ToArray();
            var replies = await Task.WhenAll(texts.Select((t, i) => Activities.SendAsync(clients[i % 2], Activities.Message(t, conversation))));
            Assert.All(replies, r => Assert.DoesNotContain("일시적인 오류", (string?)Assert.Single(r)["text"]));
        }

        Assert.Equal(0, Interlocked.Read(ref conflicts));
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT document FROM bot_state WHERE key = @k", connection);
        command.Parameters.AddWithValue("k", $"emulator/conversations/{conversation}");
        var transcript = SellerMessages((string?)await command.ExecuteScalarAsync());
        // The transcript keeps the last 20 entries (10 seller messages): the last round's four are each there once.
        Assert.All(Enumerable.Range(0, 4), i => Assert.Single(transcript, t => t.EndsWith($"[4.{i}]")));
    }
}
