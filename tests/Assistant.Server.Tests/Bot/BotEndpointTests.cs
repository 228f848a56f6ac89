using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Bot;

public sealed class BotEndpointTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task AnFaqQuestionGetsItsKoreanAnswerAndTheDecision()
    {
        var reply = Assert.Single(await SendAsync(_client, Message("정산 계좌를 다른 통장으로 바꾸려면 어떻게 하나요?", NewConversation())));
        var decision = Decision(reply);
        Assert.Equal("answer", (string?)decision["action"]);
        Assert.Equal("settlement-account", (string?)decision["faqId"]);
        Assert.Equal("settlement-account", (string?)decision["intent"]);
        Assert.InRange((double)decision["confidence"]!, 0.5, 1.0);
        Assert.Contains("1~2영업일", (string?)reply["text"]);
        Assert.Equal("markdown", (string?)reply["textFormat"]);
    }

    [Fact]
    public async Task AVagueQuestionIsAnsweredWithChoices()
    {
        var reply = Assert.Single(await SendAsync(_client, Message("정산 관련해서 궁금한게 있어요", NewConversation())));
        var decision = Decision(reply);
        Assert.Equal("clarify", (string?)decision["action"]);
        Assert.Null(decision["faqId"]);
        var ids = decision["suggestions"]!.AsArray().Select(s => (string)s!).ToArray();
        Assert.InRange(ids.Length, 1, 3);
        Assert.All(ids, id => Assert.StartsWith("settlement", id));
        var titles = SuggestedTitles(reply);
        Assert.Equal(ids.Length + 1, titles.Length);
        Assert.Equal("상담원 연결", titles[^1]);
    }

    [Fact]
    public async Task AClickedChoiceAnswersThatTopic()
    {
        var conversation = NewConversation();
        var clarify = Assert.Single(await SendAsync(_client, Message("정산 관련해서 궁금한게 있어요", conversation)));
        var title = SuggestedTitles(clarify)[0];
        var expected = (string)Decision(clarify)["suggestions"]![0]!;

        var answer = Assert.Single(await SendAsync(_client, Message(title, conversation)));
        Assert.Equal(("answer", expected), ((string?)Decision(answer)["action"], (string?)Decision(answer)["faqId"]));
    }

    [Fact]
    public async Task AnOutOfScopeQuestionIsDeclinedInKorean()
    {
        var reply = Assert.Single(await SendAsync(_client, Message("내일 부산 날씨 알려줘", NewConversation())));
        Assert.Equal("decline", (string?)Decision(reply)["action"]);
        Assert.Contains("판매자센터", (string?)reply["text"]);
    }

    [Fact]
    public async Task AskingForAPersonHandsOff()
    {
        var replies = await SendAsync(_client, Message("상담원이랑 직접 얘기하고 싶어요", NewConversation()));
        Assert.All(replies, r => Assert.Equal("handoff", (string?)Decision(r)["action"]));
        Assert.Contains("상담원에게 연결해 드릴게요", (string?)replies[0]["text"]);
    }

    [Fact]
    public async Task ANewConversationIsWelcomedWithSuggestedTopics()
    {
        var reply = Assert.Single(await SendAsync(_client, MembersAdded(NewConversation())));
        Assert.Equal("welcome", (string?)Decision(reply)["action"]);
        Assert.Contains("판매자센터 도우미", (string?)reply["text"]);
        Assert.Contains("상담원 연결", SuggestedTitles(reply));
        Assert.True(SuggestedTitles(reply).Length >= 3);
    }

    [Fact]
    public async Task TwoMissesInOneConversationOfferAPerson()
    {
        var conversation = NewConversation();
        await SendAsync(_client, Message("주식 종목 추천 좀", conversation));
        var second = Assert.Single(await SendAsync(_client, Message("영화 추천해줘", conversation)));
        Assert.Contains("상담원에게 연결해 드릴까요", (string?)second["text"]);
        var yes = await SendAsync(_client, Message("네", conversation));
        Assert.Equal("handoff", (string?)Decision(yes[^1])["action"]);
    }

    [Fact]
    public async Task AnOverlongMessageGetsAPoliteRefusal()
    {
        var reply = Assert.Single(await SendAsync(_client, Message(new string('가', 2001), NewConversation())));
        Assert.Equal("too-long", (string?)Decision(reply)["intent"]);
        Assert.Contains("2,000자", (string?)reply["text"]);
    }

    [Theory]
    [InlineData("{\"type\":\"message\", bad json", "not a valid activity")]
    [InlineData("", "the body is empty")]
    [InlineData("{\"text\":\"안녕\",\"conversation\":{\"id\":\"c\"},\"channelId\":\"x\",\"deliveryMode\":\"expectReplies\"}", "'type'")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"x\",\"deliveryMode\":\"expectReplies\"}", "'conversation.id'")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"x\",\"conversation\":{\"id\":\"c\"}}", "'serviceUrl'")]
    public async Task MalformedActivitiesGetA400WithTheReason(string body, string reason)
    {
        var response = await _client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(reason, (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("accepted", 0, null)]
    [InlineData("completed", 1, "handoff.completed")]
    [InlineData("failed", 1, "handoff.failed")]
    public async Task HandoffStatusEventsAreAcceptedAndTheSellerIsToldOfAnEnd(string state, int messages, string? intent)
    {
        var activity = Message("", NewConversation());
        activity["type"] = "event";
        activity["name"] = "handoff.status";
        activity["value"] = new JsonObject { ["state"] = state, ["message"] = "hub says " + state };
        var replies = await SendAsync(_client, activity);
        Assert.Equal(messages, replies.Count);
        if (messages > 0) Assert.Equal(intent, (string?)Decision(replies[0])["intent"]);
    }

    [Fact]
    public async Task NonJsonContentIsRejected()
    {
        var response = await _client.PostAsync("/api/messages", new StringContent("hello", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
