using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Handoff;

public sealed class HandoffFlowTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.Factory.CreateClient();
    private Seller NewSeller() => new(_client, server.Channel);

    [Fact]
    public async Task AllThreeDetailsInOneMessageGoStraightToTheSummaryAndTheTicketIsStoredFirst()
    {
        var seller = NewSeller();
        var replies = await seller.SayAsync("myshop01 판매자인데 상품 무선이어폰 주문번호 2024-1125-1122-3344 건 환불이 안 돼요. 상담원 연결해 주세요");
        Assert.Equal(2, replies.Count);
        Assert.Equal("handoff.start", (string?)Decision(replies[0])["intent"]);
        var summary = (string)replies[1]["text"]!;
        Assert.Contains("2024112511223344", summary);
        Assert.Contains("myshop01", summary);
        Assert.Contains("무선이어폰", summary);
        Assert.Contains("접수하기", SuggestedTitles(replies[1]));

        var created = await seller.SayAllAsync("접수");
        var message = created.Single(a => (string?)a["type"] == "message");
        var number = (string)Decision(message)["ticket"]!;
        Assert.Matches("^T\\d{6}$", number);
        Assert.Contains($"접수번호는 {number}", (string?)message["text"]);

        var initiate = created.Single(a => (string?)a["type"] == "event");
        Assert.Equal("handoff.initiate", (string?)initiate["name"]);
        Assert.Equal(number, (string?)initiate["value"]!["number"]);
        Assert.Equal("Transcript", (string?)initiate["attachments"]![0]!["name"]);

        var agent = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent1");
        var ticket = await agent.TicketAsync(number);
        Assert.Equal(("2024112511223344", "myshop01", "무선이어폰"), ((string?)ticket["orderNumber"], (string?)ticket["sellerId"], (string?)ticket["productName"]));
        Assert.Equal("orders", (string?)ticket["category"]);
        Assert.Contains("환불이 안 돼요", (string?)ticket["description"]);
        Assert.Contains(ticket["transcript"]!.AsArray(), m => (string?)m!["role"] == "seller" && ((string)m["text"]!).Contains("무선이어폰"));
    }

    [Fact]
    public async Task EachMissingDetailIsAskedInTurnAfterTheProblem()
    {
        var seller = NewSeller();
        var start = await seller.SayAsync("상담원 연결해 주세요");
        Assert.Equal("handoff.ask-description", (string?)Decision(start[^1])["intent"]);
        Assert.Equal("handoff.ask-order", (string?)Decision((await seller.SayAsync("정산금이 3일째 안 들어와요"))[^1])["intent"]);
        Assert.Equal("handoff.ask-seller", (string?)Decision((await seller.SayAsync("2024112511223344"))[^1])["intent"]);
        Assert.Equal("handoff.ask-product", (string?)Decision((await seller.SayAsync("shop_kim01"))[^1])["intent"]);
        var summary = await seller.SayAsync("유기농 현미 5kg");
        Assert.Equal("handoff.confirm", (string?)Decision(summary[^1])["intent"]);
        Assert.Contains("정산금이 3일째 안 들어와요", (string?)summary[^1]["text"]);
        Assert.Contains("유기농 현미 5kg", (string?)summary[^1]["text"]);
    }

    [Fact]
    public async Task EarlierMessagesPreFillTheProblem()
    {
        var seller = NewSeller();
        await seller.SayAsync("정산 보류 사유는 어디서 확인하나요?");
        var replies = await seller.SayAsync("상담원 연결");
        Assert.Equal("handoff.ask-order", (string?)Decision(replies[^1])["intent"]);
    }

    [Fact]
    public async Task AnInvalidOrderNumberIsAskedAgainOnceWithAnExample()
    {
        var seller = NewSeller();
        await seller.SayAsync("상담원 연결해 주세요");
        await seller.SayAsync("배송이 안 돼서 항의가 들어왔어요");
        var retry = await seller.SayAsync("12345");
        Assert.Equal("handoff.ask-order-retry", (string?)Decision(retry[^1])["intent"]);
        Assert.Contains("2025031412345678", (string?)retry[^1]["text"]);
        Assert.Equal("handoff.ask-seller", (string?)Decision((await seller.SayAsync("2024 1125 1122 3344"))[^1])["intent"]);
        var badId = await seller.SayAsync("제 아이디요?");
        Assert.Equal("handoff.ask-seller-retry", (string?)Decision(badId[^1])["intent"]);
    }

    [Fact]
    public async Task AnUnknownOrderNumberIsRecordedAsUnknownNotInvented()
    {
        var seller = NewSeller();
        await seller.SayAsync("제 계정이 갑자기 정지됐어요 확인해 주세요");
        await seller.SayAsync("모름");
        await seller.SayAsync("kim.store");
        var summary = await seller.LastReplyAsync("없음");
        Assert.Contains("주문번호: 모름", summary);

        var created = await seller.SayAsync("네");
        var number = (string)Decision(created[^1])["ticket"]!;
        var agent = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent1");
        var ticket = await agent.TicketAsync(number);
        Assert.Null((string?)ticket["orderNumber"]);
        Assert.True((bool)ticket["orderNumberUnknown"]!);
        Assert.Null((string?)ticket["productName"]);
        Assert.Equal("urgent", (string?)ticket["urgency"]);
    }

    [Fact]
    public async Task CancelStopsTheCollectionAndTheBotAnswersAgain()
    {
        var seller = NewSeller();
        await seller.SayAsync("상담원 연결해 주세요");
        await seller.SayAsync("환불 처리가 안 돼요");
        var cancelled = await seller.SayAsync("취소");
        Assert.Equal("handoff.cancelled", (string?)Decision(cancelled[^1])["intent"]);
        var answer = await seller.SayAsync("정산 계좌 변경하는 방법 알려주세요");
        Assert.Equal(("answer", "settlement-account"), ((string?)Decision(answer[^1])["action"], (string?)Decision(answer[^1])["faqId"]));
    }

    [Fact]
    public async Task AFieldCanBeCorrectedFromTheSummary()
    {
        var seller = NewSeller();
        await seller.SayAsync("myshop01 판매자인데 상품 무선이어폰 주문번호 2024112511223344 건 배송 분쟁이 생겼어요 상담원 연결");
        var ask = await seller.SayAsync("주문번호 수정");
        Assert.Equal("handoff.ask-order", (string?)Decision(ask[^1])["intent"]);
        var summary = await seller.LastReplyAsync("2099-0101-0000-1111");
        Assert.Contains("2099010100001111", summary);

        var corrected = await seller.LastReplyAsync("아이디는 new_shop99 입니다");
        Assert.Contains("판매자 ID: new_shop99", corrected);
        Assert.Contains("2099010100001111", corrected);
    }

    [Fact]
    public async Task AskingAgainWhileQueuedPointsToTheOpenTicket()
    {
        var seller = NewSeller();
        var number = await seller.OpenTicketAsync();
        var again = await seller.SayAsync("상담원 연결해 주세요");
        Assert.Equal("handoff.already-queued", (string?)Decision(again[^1])["intent"]);
        Assert.Contains(number, (string?)again[^1]["text"]);
    }

    [Fact]
    public async Task WhileAnAgentOwnsTheConversationMessagesGoToTheAgentAndRepliesReachTheSeller()
    {
        var seller = NewSeller();
        var number = await seller.OpenTicketAsync();
        var agent = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent1");

        var claimed = await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/claim"));
        Assert.Equal("claimed", (string?)claimed["status"]);
        await server.Channel.WaitForAsync(seller.ConversationId, a => ((string?)a["text"] ?? "").Contains("김상담 상담원이 연결됐어요"));

        var silent = await seller.SayAsync("정산 보류는 어디서 확인해요?");
        Assert.Empty(silent);
        var ticket = await agent.TicketAsync(number);
        Assert.Equal("정산 보류는 어디서 확인해요?", (string?)ticket["transcript"]!.AsArray()[^1]!["text"]);

        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/reply", new { text = "확인해 보니 서류 검토 중이라 내일 지급돼요." }));
        var delivered = await server.Channel.WaitForAsync(seller.ConversationId, a => (string?)a["text"] == "확인해 보니 서류 검토 중이라 내일 지급돼요.");
        Assert.Equal("agent", (string?)delivered["channelData"]!["assistant"]!["action"]);

        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/handback"));
        var handedBack = await server.Channel.WaitForAsync(seller.ConversationId, a => ((string?)a["text"] ?? "").Contains("해결되셨나요"));
        Assert.Contains("네, 해결됐어요", SuggestedTitles(handedBack));

        var thanks = await seller.SayAsync("네, 해결됐어요");
        Assert.Equal("handoff.solved", (string?)Decision(thanks[^1])["intent"]);
        var answer = await seller.SayAsync("수수료가 얼마인가요?");
        Assert.Equal("answer", (string?)Decision(answer[^1])["action"]);
    }

    [Fact]
    public async Task NotSolvedAfterHandBackOffersAPersonAgain()
    {
        var seller = NewSeller();
        var number = await seller.OpenTicketAsync();
        var agent = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent2");
        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/claim"));
        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/handback"));

        var reply = await seller.SayAsync("아직 해결 안 됐어요");
        Assert.Contains("상담원 연결", SuggestedTitles(reply[^1]));
        var restart = await seller.SayAsync("네");
        Assert.Equal("handoff", (string?)Decision(restart[^1])["action"]);
    }
}
