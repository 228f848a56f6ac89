using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Server.Bot;
using Microsoft.Extensions.DependencyInjection;
using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Bot;

/// <summary>What a probe of <c>/api/messages</c> found: every bad request is a 4xx with a reason, and the endpoint opens no door.</summary>
public sealed class BotEndpointHardeningTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static string NewConversation() => "hard-" + Guid.NewGuid().ToString("N");

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task ExpectRepliesWithoutAServiceUrlIsA400()
    {
        var activity = Message("정산은 언제 들어와요?", NewConversation());
        activity.Remove("serviceUrl");
        var problem = await ProblemAsync(await _client.PostAsJsonAsync("/api/messages", activity), HttpStatusCode.BadRequest);
        Assert.Contains("'serviceUrl'", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://localhost/")]
    [InlineData("/relative/path")]
    public async Task AServiceUrlThatIsNotAnHttpUrlIsA400(string serviceUrl)
    {
        var problem = await ProblemAsync(await _client.PostAsJsonAsync("/api/messages", Message("정산", NewConversation(), serviceUrl)), HttpStatusCode.BadRequest);
        Assert.Contains("absolute http", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/")]
    [InlineData("https://attacker.example.com/")]
    [InlineData("http://10.0.0.1/")]
    public async Task AnUnauthenticatedCallerCannotMakeTheServerPostElsewhere(string serviceUrl)
    {
        var activity = Message("정산은 언제 들어와요?", NewConversation(), serviceUrl);
        activity.Remove("deliveryMode");
        var problem = await ProblemAsync(await _client.PostAsJsonAsync("/api/messages", activity), HttpStatusCode.Forbidden);
        Assert.Contains("does not send to", (string?)problem["detail"]);
    }

    [Fact]
    public async Task AChunkedBodyOverTheLimitIsA413()
    {
        var activity = Message(new string('가', 10), NewConversation());
        activity["channelData"] = new JsonObject { ["padding"] = new string('x', ActivityRequestValidator.MaxBodyBytes) };
        // Over a real socket, so the body really is chunked (no Content-Length).
        using var server = new AssistantFactory();
        server.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        server.StartServer();
        using var content = new UnsizedContent(Encoding.UTF8.GetBytes(activity.ToJsonString()));
        var response = await server.CreateClient().PostAsync("/api/messages", content);
        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("larger than", (string?)problem["detail"]);
    }

    [Fact]
    public async Task AChunkedBodyWithinTheLimitIsAnswered()
    {
        var activity = Message("정산은 언제 들어와요?", NewConversation());
        using var content = new UnsizedContent(Encoding.UTF8.GetBytes(activity.ToJsonString()));
        var response = await _client.PostAsync("/api/messages", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("activities", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("\"completed\"")]
    [InlineData("[1,2]")]
    [InlineData("42")]
    [InlineData("{\"state\":{}}")]
    [InlineData("{\"state\":\"completed\",\"message\":[1]}")]
    public async Task AHandoffStatusWhoseValueIsMalformedIsA400NotAnApology(string value)
    {
        var activity = Message("", NewConversation());
        activity["type"] = "event";
        activity["name"] = "handoff.status";
        activity["value"] = JsonNode.Parse(value);
        var problem = await ProblemAsync(await _client.PostAsJsonAsync("/api/messages", activity), HttpStatusCode.BadRequest);
        Assert.Contains("handoff.status", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[\"feedback:like:x\"]")]
    [InlineData("7")]
    public async Task AFeedbackEventWhoseIdIsNotAStringIsA400(string id)
    {
        var activity = Message("", NewConversation());
        activity["type"] = "event";
        activity["name"] = "webchat:activity-status/feedback";
        activity["entities"] = new JsonArray(new JsonObject { ["type"] = "https://schema.org/Message", ["@id"] = JsonNode.Parse(id) });
        var problem = await ProblemAsync(await _client.PostAsJsonAsync("/api/messages", activity), HttpStatusCode.BadRequest);
        Assert.Contains("'@id'", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData(Assistant.Server.DirectLine.DirectLineBridge.ChannelId)]
    [InlineData(Assistant.Server.TalkTalk.TalkTalkAdapter.ChannelId)]
    public async Task AConversationOfAChannelServedHereCannotBeDrivenFromTheBotEndpoint(string channel)
    {
        var activity = Message("접수", NewConversation());
        activity["channelId"] = channel;
        var problem = await ProblemAsync(await _client.PostAsJsonAsync("/api/messages", activity), HttpStatusCode.Forbidden);
        Assert.Contains("own endpoint", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("Bearer secret")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer bnVsbA.bnVsbA.c2ln")]
    [InlineData("Basic YTpi")]
    public async Task AMalformedOrForgedAuthorizationHeaderIsA401WithAReason(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(Message("정산", NewConversation())) };
        request.Headers.TryAddWithoutValidation("Authorization", header);
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("[{\"id\":\"seller-1\"},null]")]
    [InlineData("[{\"id\":\"seller-1\"},\"\"]")]
    [InlineData("[{\"name\":\"no id\"}]")]
    public async Task AMembersAddedEntryWithoutAnIdIsA400NotAnApology(string members)
    {
        var activity = MembersAdded(NewConversation());
        activity["membersAdded"] = JsonNode.Parse(members);
        var problem = await ProblemAsync(await _client.PostAsJsonAsync("/api/messages", activity), HttpStatusCode.BadRequest);
        Assert.Contains("membersAdded", (string?)problem["detail"]);
    }

    [Fact]
    public async Task AStoredReferenceToADisallowedHostIsNeverPostedTo()
    {
        var sender = factory.Services.GetServices<IChannelSender>().OfType<BotFrameworkSender>().Single();
        var reference = new Microsoft.Bot.Schema.ConversationReference
        {
            ChannelId = "emulator", ServiceUrl = "http://169.254.169.254/", Conversation = new(id: "c"), Bot = new("bot"), User = new("seller"),
        };
        var address = new Assistant.Handoff.ConversationAddress("emulator", "c", Newtonsoft.Json.JsonConvert.SerializeObject(reference));
        var reply = new Assistant.Dialogue.AssistantReply("안녕하세요", [], new("agent", null, null, "agent", 1));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAsync(address, reply, CancellationToken.None));
        Assert.Contains("not allowed", ex.Message);
    }

    [Theory]
    [InlineData("Production", "false", false)]
    [InlineData("Staging", "false", false)]
    [InlineData("Production", "true", true)]
    [InlineData("Development", "false", true)]
    public async Task AnUnauthenticatedBotEndpointStartsOnlyInDevelopmentOrWhenAllowed(string environment, string allowAnonymous, bool starts)
    {
        using var app = new AssistantFactory().With("Bot:AllowAnonymous", allowAnonymous).WithWebHostBuilder(b => b.UseSetting("environment", environment));
        if (starts)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz")).StatusCode);
            return;
        }
        var ex = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Bot:AllowAnonymous", ex.ToString());
    }

    [Fact]
    public void WithAnAppIdTheEndpointStartsInProductionAndAcceptsOnlyAzureServiceHosts()
    {
        var options = new BotOptions();
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationManager();
        configuration["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555";
        var hosts = options.ServiceHosts(configuration);
        Assert.True(BotOptions.IsAllowed("https://smba.trafficmanager.net/kr/", hosts));
        Assert.True(BotOptions.IsAllowed("https://directline.botframework.com/", hosts));
        Assert.False(BotOptions.IsAllowed("https://botframework.com.attacker.example/", hosts));
        Assert.False(BotOptions.IsAllowed("http://169.254.169.254/", hosts));
    }

    /// <summary>A body sent without Content-Length (chunked), as a streaming client would.</summary>
    private sealed class UnsizedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnsizedContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
