using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using static Assistant.Server.Tests.TalkTalk.TalkTalkUser;

namespace Assistant.Server.Tests.TalkTalk;

public sealed class TalkTalkConversationTests(TalkTalkFixture server) : IClassFixture<TalkTalkFixture>
{
    [Fact]
    public async Task OpeningTheChatGreetsWithTopicButtonsThatAnswer()
    {
        var user = server.NewUser();
        var greeting = (await user.OpenAsync())!;
        Assert.Contains("판매자센터 도우미", Said(greeting));
        var buttons = QuickReplies(greeting);
        Assert.InRange(buttons.Count, 2, 10);
        Assert.All(buttons, b => Assert.InRange(((string)b!["data"]!["title"]!).Length, 1, 10));

        var topic = buttons.First(b => ((string)b!["data"]!["code"]!).Contains("정산"))!;
        var answer = (await user.PressAsync(topic))!;
        Assert.Contains("정산", Said(answer));
        Assert.Contains(QuickReplies(answer), b => (string?)b!["data"]!["title"] == "상담원 연결");
    }

    [Fact]
    public async Task AnFaqQuestionIsAnsweredInPlainText()
    {
        var answer = (await server.NewUser().SayAsync("정산 계좌 변경은 어떻게 하나요?"))!;
        Assert.Contains("1~2영업일", Said(answer));
        Assert.DoesNotContain("**", Said(answer));
    }

    [Fact]
    public async Task AClarifyingQuestionIsACompositeWhoseButtonsAnswer()
    {
        var user = server.NewUser();
        var clarify = (await user.SayAsync("정산 관련해서 궁금한게 있어요"))!;
        var item = clarify["compositeContent"]!["compositeList"]![0]!;
        var buttons = item["buttonList"]!.AsArray();
        Assert.InRange(buttons.Count, 1, 3);
        var answer = (await user.PressAsync(buttons[0]!))!;
        Assert.NotNull(answer["textContent"]);
        Assert.DoesNotContain("골라 주세요", Said(answer));
    }

    [Fact]
    public async Task AHandoffCollectsTheDetailsAndTheAgentsRepliesArriveThroughTheSendApi()
    {
        var user = server.NewUser();
        Assert.Contains("어떤 문제인지", Said((await user.SayAsync("상담원 연결해 주세요"))!) + string.Join("", server.TalkTalk.Received(user.Id).Select(Said)));
        await user.SayAsync("반품 수거가 일주일째 안 돼요");
        Assert.Contains("판매자 ID", Said((await user.SayAsync("2024112512345678"))!));
        Assert.Contains("상품명", Said((await user.SayAsync("tt_shop01"))!));
        var summary = (await user.SayAsync("캠핑 의자"))!;
        Assert.Contains("판매자 ID: tt_shop01", Said(summary));
        var confirm = QuickReplies(summary).First(b => (string?)b!["data"]!["title"] == "접수하기")!;
        var created = (await user.PressAsync(confirm))!;
        var number = System.Text.RegularExpressions.Regex.Match(Said(created), "T\\d{6}").Value;
        Assert.NotEmpty(number);

        var agent = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent1");
        var ticket = await agent.TicketAsync(number);
        Assert.Equal(("talktalk", "tt_shop01", "2024112512345678"), ((string?)ticket["channel"], (string?)ticket["sellerId"], (string?)ticket["orderNumber"]));
        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/claim"));
        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/reply", new { text = "톡톡으로 답변드려요. 수거 일정 확인했습니다." }));
        await server.TalkTalk.WaitForAsync(user.Id, e => Said(e) == "톡톡으로 답변드려요. 수거 일정 확인했습니다.");

        Assert.Null(await user.SayAsync("언제 오나요?")); // the agent owns the conversation: no bot reply
        Assert.Equal("언제 오나요?", (string?)(await agent.TicketAsync(number))["transcript"]!.AsArray()[^1]!["text"]);

        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/handback"));
        var handedBack = await server.TalkTalk.WaitForAsync(user.Id, e => Said(e).Contains("해결되셨나요"));
        Assert.Equal(2, QuickReplies(handedBack).Count);
    }

    [Fact]
    public async Task MessagesWaitOutASendApiOutageAndArriveInOrder()
    {
        var user = server.NewUser();
        await user.SayAsync("주문번호 2024112500001111 정산이 보류됐는데 확인해 주세요 아이디 outage01 상품 텐트");
        await user.SayAsync("접수");
        var number = (await server.Factory.Services.GetRequiredService<Assistant.Handoff.ITicketStore>()
            .FindLatestByConversationAsync("talktalk", user.Id))!.Number;
        var agent = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent2");

        server.TalkTalk.Down = true;
        try
        {
            await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/claim"));
            await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/reply", new { text = "장애 중 보낸 첫 번째 답변" }));
            await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/reply", new { text = "장애 중 보낸 두 번째 답변" }));
            await Task.Delay(500);
            Assert.DoesNotContain(server.TalkTalk.Received(user.Id), e => Said(e).StartsWith("장애 중"));
        }
        finally
        {
            server.TalkTalk.Down = false;
        }
        await server.TalkTalk.WaitForAsync(user.Id, e => Said(e) == "장애 중 보낸 두 번째 답변");
        var texts = server.TalkTalk.Received(user.Id).Select(Said).ToList();
        Assert.True(texts.IndexOf("장애 중 보낸 첫 번째 답변") < texts.IndexOf("장애 중 보낸 두 번째 답변"));
    }

    [Fact]
    public async Task LeaveAndFriendAreRecordedEchoesAndUnknownEventsAreIgnored()
    {
        var user = server.NewUser();
        Assert.Null(await user.EventAsync(new JsonObject { ["event"] = "friend", ["user"] = user.Id, ["options"] = new JsonObject { ["set"] = "on" } }));
        Assert.Null(await user.EventAsync(new JsonObject { ["event"] = "echo", ["user"] = user.Id, ["echoedEvent"] = "send", ["textContent"] = new JsonObject { ["text"] = "안녕하세요" } }));
        Assert.Null(await user.EventAsync(new JsonObject { ["event"] = "persistentMenu", ["user"] = user.Id }));
        Assert.Null(await user.EventAsync(new JsonObject { ["event"] = "somethingNew", ["user"] = user.Id }));
        Assert.Null(await user.EventAsync(new JsonObject { ["event"] = "leave", ["user"] = user.Id }));
        var users = server.Factory.Services.GetRequiredService<Assistant.Server.TalkTalk.TalkTalkUsers>();
        Assert.Equal(("leave", (bool?)true), (await users.GetAsync(user.Id))!.Value);
        Assert.Empty(server.TalkTalk.Received(user.Id));
    }
}
