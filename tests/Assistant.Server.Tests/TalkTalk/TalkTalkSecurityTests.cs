using System.Net;
using System.Net.Http.Json;
using System.Text;
using Assistant.Server.TalkTalk;
using Microsoft.Bot.Schema;

namespace Assistant.Server.Tests.TalkTalk;

public sealed class TalkTalkSecurityTests(TalkTalkFixture server) : IClassFixture<TalkTalkFixture>
{
    [Fact]
    public async Task AWrongPathSecretLooksLikeNothingIsThere()
    {
        var response = await server.Http.PostAsJsonAsync("/talktalk/wrong-secret-value", new { @event = "send", user = "u1" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MalformedAndOversizedPayloadsAreRefused()
    {
        var bad = await server.Http.PostAsync($"/talktalk/{TalkTalkFixture.WebhookSecret}", new StringContent("{\"event\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var big = await server.Http.PostAsync($"/talktalk/{TalkTalkFixture.WebhookSecret}", new StringContent(new string('x', 70_000), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
    }

    [Fact]
    public async Task CallsFromOutsideTheAllowedRangesAreRefused()
    {
        await using var talkTalk = await FakeTalkTalk.StartAsync();
        using var factory = new AssistantFactory()
            .With("TalkTalk:Enabled", "true").With("TalkTalk:WebhookSecret", TalkTalkFixture.WebhookSecret)
            .With("TalkTalk:PartnerKey", "k").With("TalkTalk:SendApiUrl", talkTalk.SendApiUrl)
            .With("TalkTalk:AllowedSources:0", "203.0.113.0/24").With("TalkTalk:AllowedSources:1", "198.51.100.0/24");
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var response = await factory.CreateClient().PostAsJsonAsync($"/talktalk/{TalkTalkFixture.WebhookSecret}", new { @event = "send", user = "u1" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public void LongTextIsSplitWithinTheLimitAndButtonsKeepTheirFullTextInTheCode()
    {
        var activity = Activity.CreateMessageActivity();
        activity.Text = string.Join('\n', Enumerable.Repeat(new string('가', 99), 250));
        activity.SuggestedActions = new SuggestedActions { Actions = [new CardAction(ActionTypes.ImBack, "판매자 등급·페널티 기준", value: "판매자 등급·페널티 기준")] };
        var replies = Assistant.Knowledge.KnowledgeLoader.Load(RepoPaths.Knowledge).Replies;
        var events = TalkTalkMessages.ToEvents("u1", activity, replies);
        Assert.True(events.Count >= 3);
        Assert.All(events, e => Assert.Null(FakeTalkTalk.Validate(System.Text.Json.Nodes.JsonNode.Parse(e.ToString())!.AsObject())));
        var button = events[^1]["textContent"]!["quickReply"]!["buttonList"]![0]!;
        Assert.Equal(10, ((string)button["data"]!["title"]!).Length);
        Assert.Equal("판매자 등급·페널티 기준", TalkTalkMessages.IncomingText(new Newtonsoft.Json.Linq.JObject { ["text"] = "x", ["code"] = (string?)button["data"]!["code"] }));
    }
}
