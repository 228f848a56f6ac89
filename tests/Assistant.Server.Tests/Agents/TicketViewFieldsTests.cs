using System.Net;
using System.Text.Json.Nodes;
using Assistant.Handoff;
using Assistant.Server.Agents;
using Assistant.Server.Tests.Handoff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Agents;

/// <summary>What the console needs to see the whole case: promise, channel name, problem line, 👎s, and a clean stream end.</summary>
public sealed class TicketViewFieldsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ATicketCarriesThePromisedWaitTheChannelNameAProblemLineAndTheSellersDislikes()
    {
        var seller = new Seller(server.Factory.CreateClient(), server.Channel);
        var answer = await seller.SayAsync("정산 계좌 변경하는 방법 알려주세요");
        Assert.Equal("settlement-account", (string?)Decision(answer[^1])["faqId"]);
        var dislike = Message("", seller.ConversationId, server.Channel.ServiceUrl);
        dislike["type"] = "event";
        dislike["name"] = "webchat:activity-status/feedback";
        dislike["entities"] = new JsonArray(new JsonObject { ["type"] = "https://schema.org/Message", ["@id"] = "feedback:dislike:settlement-account" });
        await SendAllAsync(server.Factory.CreateClient(), dislike);

        await seller.SayAsync("판매자 아이디 myshop01 이고 상품 무선이어폰 주문번호 2024112511223344 건인데 정산금이 일주일째 안 들어와요 확인 부탁드려요. 상담원 연결해 주세요");
        var created = (await seller.SayAsync("접수"))[^1];
        var number = (string)Decision(created)["ticket"]!;
        var agent = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent1");
        var ticket = await agent.TicketAsync(number);

        Assert.Equal("emulator", (string?)ticket["channel"]);
        Assert.Equal(TicketViews.ChannelName("emulator"), (string?)ticket["channelName"]);
        Assert.Equal("정산 · 주문 2024112511223344 · 정산금이 일주일째 안 들어와요", (string?)ticket["summary"]);

        var createdAt = ticket["createdAt"]!.GetValue<DateTimeOffset>();
        var calendar = new BusinessCalendar(server.Factory.Services.GetRequiredService<IOptions<HandoffOptions>>().Value);
        Assert.Equal(calendar.ResponseDeadline(createdAt), ticket["promise"]!["due"]!.GetValue<DateTimeOffset>());
        Assert.True(ticket["promise"]!["due"]!.GetValue<DateTimeOffset>() > createdAt);
        Assert.Equal("Asia/Seoul", (string?)ticket["promise"]!["timeZone"]);
        // The seller was told the very same wait when the ticket was made.
        Assert.Contains((string)ticket["promise"]!["text"]!, (string)created["text"]!, StringComparison.Ordinal);

        var disliked = Assert.Single(ticket["disliked"]!.AsArray());
        Assert.Equal("settlement-account", (string?)disliked!["faqId"]);
        Assert.False(string.IsNullOrEmpty((string?)disliked["title"]));
        Assert.NotEqual("settlement-account", (string?)disliked["title"]);

        var queue = await agent.JsonAsync(await agent.GetAsync("/api/agent/tickets"));
        var row = queue.AsArray().Single(t => (string?)t!["number"] == number)!;
        Assert.Equal((string?)ticket["summary"], (string?)row["summary"]);
        Assert.NotNull(row["promise"]!["due"]);
    }

    [Theory]
    [InlineData(Assistant.Server.DirectLine.DirectLineBridge.ChannelId, "웹 채팅")]
    [InlineData(Assistant.Server.TalkTalk.TalkTalkAdapter.ChannelId, "톡톡")]
    public void TheChannelsServedHereAreNamedInKorean(string channel, string name) => Assert.Equal(name, TicketViews.ChannelName(channel));

    [Fact]
    public async Task ClosingTheLiveStreamIsNotAnError()
    {
        var events = Assert.IsType<InProcessTicketEvents>(server.Factory.Services.GetRequiredService<ITicketEvents>());
        var agent = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent1");
        for (var i = 0; i < 2; i++)
        {
            using (var cancel = new CancellationTokenSource())
            {
                var response = await agent.Http.GetAsync("/api/agent/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var body = await response.Content.ReadAsStreamAsync(cancel.Token);
                var buffer = new byte[64];
                Assert.True(await body.ReadAsync(buffer, cancel.Token) > 0); // ": connected"
                var subscribed = DateTime.UtcNow.AddSeconds(20);
                while (events.SubscriberCount == 0 && DateTime.UtcNow < subscribed) await Task.Delay(20);
                Assert.Equal(1, events.SubscriberCount);
                await cancel.CancelAsync();
                response.Dispose();
            }
            // The stream's subscription ends with the request (it leaked when disposing threw).
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (events.SubscriberCount > 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.Equal(0, events.SubscriberCount);
        }
        var deadline2 = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline2 && !server.Factory.Log.Any(l => l.Contains("NotSupportedException", StringComparison.Ordinal))) await Task.Delay(50);
        Assert.DoesNotContain(server.Factory.Log, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
    }
}
