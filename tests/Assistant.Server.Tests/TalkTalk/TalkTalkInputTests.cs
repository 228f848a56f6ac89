using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Assistant.Server.Tests.TalkTalk;

/// <summary>Whatever a caller puts in the fields the webhook reads, the answer is a 4xx problem naming the field, never a 5xx.</summary>
public sealed class TalkTalkInputTests(TalkTalkFixture server) : IClassFixture<TalkTalkFixture>
{
    private static readonly string Url = $"/talktalk/{TalkTalkFixture.WebhookSecret}";

    private async Task<(HttpStatusCode Status, string? ContentType, JsonNode? Body)> PostAsync(string json)
    {
        var response = await server.Http.PostAsync(Url, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
    }

    [Theory]
    [InlineData("""{"event":"send","user":{}}""", "user")]
    [InlineData("""{"event":"send","user":["u"]}""", "user")]
    [InlineData("""{"event":"send","user":42}""", "user")]
    [InlineData("""{"event":{},"user":"u1"}""", "event")]
    [InlineData("""{"event":"send","user":"u1","standby":"yes"}""", "standby")]
    [InlineData("""{"event":"send","user":"u1","options":{"standby":"yes"}}""", "options.standby")]
    [InlineData("""{"event":"send","user":"u1","options":[]}""", "options")]
    [InlineData("""{"event":"send","user":"u1","textContent":"hi"}""", "textContent")]
    [InlineData("""{"event":"send","user":"u1","textContent":{"text":{"a":1}}}""", "textContent.text")]
    [InlineData("""{"event":"send","user":"u1","textContent":{"text":["a"]}}""", "textContent.text")]
    [InlineData("""{"event":"send","user":"u1","textContent":{"text":"a","code":{"x":1}}}""", "textContent.code")]
    [InlineData("""{"event":"send","user":"u1","textContent":{"text":"a","code":[1]}}""", "textContent.code")]
    [InlineData("""{"event":"open","user":"u1","options":{"inflow":{"a":1}}}""", "options.inflow")]
    [InlineData("""{"event":"open","user":"u1","options":"list"}""", "options")]
    [InlineData("""{"event":"friend","user":"u1","options":{"set":["on"]}}""", "options.set")]
    [InlineData("""{"event":"leave","user":"u1","options":{"set":true}}""", "options.set")]
    [InlineData("""{"event":"handover","user":"u1","options":{"control":["passThread"]}}""", "options.control")]
    [InlineData("""{"event":"handover","user":"u1","options":{"control":"passThread","metadata":{"m":1}}}""", "options.metadata")]
    public async Task AWrongTypeInAFieldTheWebhookReadsIsA400NamingTheField(string json, string field)
    {
        var (status, contentType, body) = await PostAsync(json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains($"'{field}'", (string?)body!["detail"]);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"send\"")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("""{"event":"send"}""")]
    [InlineData("""{"event":"send","user":""}""")]
    [InlineData("""{"event":null,"user":"u1"}""")]
    public async Task ABodyThatIsNotAnEventIsA400Problem(string json)
    {
        var (status, contentType, body) = await PostAsync(json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.False(string.IsNullOrWhiteSpace((string?)body!["detail"]));
    }

    [Fact]
    public async Task AnOverlongUserIdIsA400()
    {
        var (status, _, body) = await PostAsync(new JsonObject { ["event"] = "send", ["user"] = new string('u', 5000), ["textContent"] = new JsonObject { ["text"] = "안녕" } }.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'user'", (string?)body!["detail"]);
    }

    [Fact]
    public async Task DeeplyNestedJsonIsA400()
    {
        var json = "{\"event\":\"send\",\"user\":\"u1\",\"x\":" + new string('[', 500) + new string(']', 500) + "}";
        var (status, contentType, _) = await PostAsync(json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
    }

    [Fact]
    public async Task AChunkedBodyOverTheCapIsRefusedWithoutA5xx()
    {
        var payload = Encoding.UTF8.GetBytes("{\"event\":\"send\",\"user\":\"u1\",\"textContent\":{\"text\":\"" + new string('가', 40_000) + "\"}}");
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true; // no Content-Length: the cap must hold while reading
        var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UnknownEventsAndFieldsTheWebhookDoesNotReadStillGet200()
    {
        // An unknown event is not checked at all, and an event is not refused for fields it does not read.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("""{"event":"persistentMenu","user":"u1","options":[1,2]}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("""{"event":"echo","user":"u1","echoedEvent":"send","textContent":[]}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("""{"event":"open","user":"u-open","options":{"inflow":"list","friend":false,"under14":"n"}}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("""{"event":"send","user":"u1","standby":true,"textContent":{"text":"hi","inputType":7}}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("""{"event":"send","user":"u-null","standby":null,"options":null,"textContent":{"text":"안녕하세요","code":null}}""")).Status);
    }
}
