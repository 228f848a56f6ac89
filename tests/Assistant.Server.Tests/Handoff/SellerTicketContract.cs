using Assistant.Handoff;

namespace Assistant.Server.Tests.Handoff;

/// <summary>
/// What every <see cref="ITicketStore"/> must do with seller keys, run against the in-memory, SQLite and PostgreSQL stores:
/// a seller's ticket is found from any of their conversations on the channel (open first, then newest), and never
/// another seller's, another channel's or one filed without a seller key.
/// </summary>
public static class SellerTicketContract
{
    public static TicketDraft Draft(string channel, string conversation, string? sellerKey, string problem = "정산금이 일주일째 안 들어와요") => new(
        new ConversationAddress(channel, conversation, "{}", sellerKey),
        new TicketDetails("myshop01", false, "2024112511223344", false, "무선이어폰", "settlement", problem, "normal", null),
        [new TranscriptEntry(MessageRole.Seller, problem, DateTimeOffset.UtcNow)], []);

    public static async Task RunAsync(ITicketStore tickets)
    {
        // Nothing filed yet.
        Assert.Null(await tickets.FindLatestBySellerAsync("assistant-webchat", "web_a"));

        var first = (await tickets.CreateAsync(Draft("assistant-webchat", "conv-a1", "web_a"))).Ticket;
        Assert.Equal("web_a", first.Conversation.SellerKey);
        Assert.Equal("web_a", (await tickets.GetAsync(first.Number))!.Conversation.SellerKey);
        // Other sellers, other channels, no key at all: none of them is seller a's.
        var otherSeller = (await tickets.CreateAsync(Draft("assistant-webchat", "conv-b1", "web_b"))).Ticket;
        var otherChannel = (await tickets.CreateAsync(Draft("emulator", "conv-a1", "web_a"))).Ticket;
        var keyless = (await tickets.CreateAsync(Draft("assistant-webchat", "conv-x", null))).Ticket;
        Assert.Null(keyless.Conversation.SellerKey);

        var found = await tickets.FindLatestBySellerAsync("assistant-webchat", "web_a");
        Assert.Equal((first.Number, "conv-a1", "web_a"), (found!.Number, found.Conversation.ConversationId, found.Conversation.SellerKey));
        Assert.Equal(otherSeller.Number, (await tickets.FindLatestBySellerAsync("assistant-webchat", "web_b"))!.Number);
        Assert.Equal(otherChannel.Number, (await tickets.FindLatestBySellerAsync("emulator", "web_a"))!.Number);
        Assert.Null(await tickets.FindLatestBySellerAsync("talktalk", "web_a"));
        Assert.Null(await tickets.FindLatestBySellerAsync("assistant-webchat", "web_c"));
        Assert.Null(await tickets.FindLatestBySellerAsync("assistant-webchat", ""));

        // A newer ticket in another conversation of the same seller is the one found...
        var second = (await tickets.CreateAsync(Draft("assistant-webchat", "conv-a2", "web_a"))).Ticket;
        Assert.Equal(second.Number, (await tickets.FindLatestBySellerAsync("assistant-webchat", "web_a"))!.Number);
        // ...but an open ticket comes before a newer closed one.
        await tickets.SetStatusAsync(second.Number, TicketStatus.Resolved, null);
        Assert.Equal(first.Number, (await tickets.FindLatestBySellerAsync("assistant-webchat", "web_a"))!.Number);
        await tickets.ClaimAsync(first.Number, new AgentRef("agent1", "상담원1"));
        var claimed = await tickets.FindLatestBySellerAsync("assistant-webchat", "web_a");
        Assert.Equal((first.Number, TicketStatus.Claimed), (claimed!.Number, claimed.Status));
        // With none open, the newest.
        await tickets.SetStatusAsync(first.Number, TicketStatus.HandedBack, null);
        Assert.Equal(second.Number, (await tickets.FindLatestBySellerAsync("assistant-webchat", "web_a"))!.Number);
    }
}
