using Assistant.Dialogue;
using Assistant.Handoff;
using Assistant.Server.Storage;
using Assistant.Server.Tests.Postgres;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Handoff;

/// <summary>
/// A confirmation sent twice (a double click, a resend after a time-out, a crash between storing the
/// ticket and saving the conversation) files exactly one ticket, and the seller sees the same number.
/// </summary>
public sealed class OneTicketPerRequestTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    private const string AllDetails = "myshop01 판매자인데 상품 무선이어폰 주문번호 2024-1125-1122-3344 건 환불이 안 돼요. 상담원 연결해 주세요";

    [Fact]
    public async Task TwoConfirmationsAtOnceFileOneTicket()
    {
        var client = factory.CreateClient();
        var conversation = "double-" + Guid.NewGuid().ToString("N");
        await SendAsync(client, Message(AllDetails, conversation));

        var replies = await Task.WhenAll(SendAsync(client, Message("접수", conversation)), SendAsync(client, Message("접수", conversation)));

        var numbers = replies.SelectMany(r => r).Select(r => (string?)Decision(r)["ticket"]).Where(n => n is not null).Distinct().ToArray();
        Assert.Single(numbers);
        Assert.Equal(1, await TicketsAsync(conversation));
    }

    [Fact]
    public async Task AResendAfterACrashBeforeTheStateWasSavedShowsTheSameTicket()
    {
        using var crashing = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddSingleton<IDialogueStateStore>(sp => new CrashAfterTicket(new SqlDialogueStateStore(sp.GetRequiredService<Database>()), sp.GetRequiredService<ITicketStore>()))));
        var client = crashing.CreateClient();
        var conversation = "crash-" + Guid.NewGuid().ToString("N");
        await SendAsync(client, Message(AllDetails, conversation));

        // The ticket is stored, then the process "dies" before the conversation state is saved.
        var failed = await SendAsync(client, Message("접수", conversation));
        Assert.Contains(failed, r => ((string?)r["text"] ?? "").Contains("일시적인 오류"));
        Assert.Equal(1, await TicketsAsync(conversation));
        var stored = (await crashing.Services.GetRequiredService<ITicketStore>().FindLatestByConversationAsync("emulator", conversation))!;

        // The seller (or the channel) sends it again: the same request finds the same ticket.
        var resent = await SendAllAsync(client, Message("접수", conversation));
        var reply = Assert.Single(resent, r => (string?)r["type"] == "message");
        Assert.Equal(stored.Number, (string?)Decision(reply)["ticket"]);
        Assert.Contains(stored.Number, (string?)reply["text"]);
        Assert.DoesNotContain(resent, r => (string?)r["name"] == "handoff.initiate"); // announced once, when it was made
        Assert.Equal(1, await TicketsAsync(conversation));
    }

    private async Task<int> TicketsAsync(string conversation)
    {
        var database = factory.Services.GetRequiredService<Database>();
        await using var connection = database.Open();
        await using var command = Database.Command(connection, "SELECT COUNT(*) FROM tickets WHERE conversation_id = @c", null, ("@c", conversation));
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    /// <summary>The real store, failing the save of the turn that stored a ticket (as a crash at that moment would), once.</summary>
    private sealed class CrashAfterTicket(SqlDialogueStateStore inner, ITicketStore tickets) : IDialogueStateStore
    {
        private int _crashed;

        public Task<LoadedState> LoadAsync(string channel, string conversationId, CancellationToken cancellationToken = default) =>
            inner.LoadAsync(channel, conversationId, cancellationToken);

        public async Task<string> SaveAsync(string channel, string conversationId, DialogueState state, string? expectedETag, CancellationToken cancellationToken = default)
        {
            if (await tickets.FindLatestByConversationAsync(channel, conversationId, cancellationToken) is not null && Interlocked.Exchange(ref _crashed, 1) == 0)
                throw new IOException("the process died before the conversation state was written");
            return await inner.SaveAsync(channel, conversationId, state, expectedETag, cancellationToken);
        }
    }
}

/// <summary>The same request key on two instances at once makes one ticket (the unique key decides).</summary>
[Collection(PostgresCollection.Name)]
public sealed class OneTicketPerRequestOnPostgresTests(PostgresServer server)
{
    [Fact]
    public async Task ConcurrentCreatesWithOneRequestKeyOnTwoInstancesMakeOneTicket()
    {
        var connectionString = await server.CreateDatabaseAsync();
        using var a = new PostgresDatabase(connectionString);
        using var b = new PostgresDatabase(connectionString);
        var stores = new[] { a, b }.Select(d => new SqlTicketStore(d, new Assistant.Server.Webhooks.WebhookEvents(null!, Microsoft.Extensions.Options.Options.Create(new Assistant.Server.Webhooks.WebhookOptions())), TimeProvider.System)).ToArray();
        var draft = new TicketDraft(new ConversationAddress("emulator", "c-race", "{}"),
            new TicketDetails("shop01", false, "2024112511223344", false, "무선이어폰", "orders", "환불이 안 돼요", "normal", null),
            [new TranscriptEntry(MessageRole.Seller, "환불이 안 돼요", DateTimeOffset.UtcNow)], [], RequestKey: "emulator:c-race:form-1");

        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => stores[i % 2].CreateAsync(draft))));

        Assert.Single(created.Select(c => c.Ticket.Number).Distinct());
        Assert.Equal(1, created.Count(c => c.IsNew));
        var other = await stores[0].CreateAsync(draft with { RequestKey = "emulator:c-race:form-2" });
        Assert.True(other.IsNew);
        Assert.NotEqual(created[0].Ticket.Number, other.Ticket.Number);
    }
}
