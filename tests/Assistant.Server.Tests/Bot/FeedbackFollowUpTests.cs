using System.Text.Json.Nodes;
using Assistant.Server.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Bot;

/// <summary>After a 👎 the bot asks what was missing; the next message is the comment, unless it is a new request.</summary>
public sealed class FeedbackFollowUpTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<(string Conversation, string FaqId)> DislikedAnswerAsync()
    {
        var conversation = "feedback-" + Guid.NewGuid().ToString("N");
        var answer = Assert.Single(await SendAsync(_client, Message("정산 계좌 변경하는 방법 알려주세요", conversation)));
        var faqId = (string)Decision(answer)["faqId"]!;
        var dislike = Message("", conversation);
        dislike["type"] = "event";
        dislike["name"] = "webchat:activity-status/feedback";
        dislike["entities"] = new JsonArray(new JsonObject { ["type"] = "https://schema.org/Message", ["@id"] = $"feedback:dislike:{faqId}" });
        var ask = Assert.Single(await SendAsync(_client, dislike));
        Assert.Equal("feedback.ask", (string?)Decision(ask)["intent"]);
        return (conversation, faqId);
    }

    [Fact]
    public async Task ACommentIsThankedAndStoredWithTheDislike()
    {
        var (conversation, faqId) = await DislikedAnswerAsync();
        var thanks = Assert.Single(await SendAsync(_client, Message("변경하는 데 며칠 걸리는지가 안 나와 있어요", conversation)));
        Assert.Equal("feedback.comment", (string?)Decision(thanks)["intent"]);
        var stored = Assert.Single(await factory.Services.GetRequiredService<FeedbackStore>().ListAsync("emulator", conversation));
        Assert.Equal((faqId, false, "변경하는 데 며칠 걸리는지가 안 나와 있어요"), (stored.FaqId, stored.Helpful, stored.Comment));
    }

    [Theory]
    [InlineData("세금계산서는 어떻게 발행하나요?", "answer")]
    [InlineData("상담원 연결해 주세요", "handoff")]
    public async Task ANewRequestAfterTheQuestionIsHandledAsUsual(string text, string action)
    {
        var (conversation, faqId) = await DislikedAnswerAsync();
        var replies = await SendAsync(_client, Message(text, conversation));
        Assert.Equal(action, (string?)Decision(replies[0])["action"]);
        Assert.NotEqual(faqId, (string?)Decision(replies[0])["faqId"]);
        // The question is asked once: the message after that is an ordinary one too.
        Assert.NotEqual("feedback.comment", (string?)Decision((await SendAsync(_client, Message("고마워요", conversation)))[0])["intent"]);
    }
}
