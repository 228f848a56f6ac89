using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Server.Tests.DirectLine;

/// <summary>
/// What a hostile or broken client may send the Direct Line endpoint: every body shape, forged and
/// overlong tokens, oversized activities and bodies, full conversations, floods of tokens. Each gets a
/// 4xx with an <c>application/problem+json</c> reason, never a 5xx, and nothing unbounded is stored.
/// </summary>
public sealed class DirectLineHardeningTests(DirectLineHardeningTests.RoomyFactory factory) : IClassFixture<DirectLineHardeningTests.RoomyFactory>
{
    /// <summary>The server with room for the many conversations these tests start (in memory, they all come from one "client").</summary>
    public sealed class RoomyFactory : AssistantFactory
    {
        public RoomyFactory() => With("DirectLine:ConversationsPerMinutePerClient", "100000");
    }

    private const string Base = "/v3/directline";

    public static TheoryData<string> WrongUserBodies =>
    [
        """{"user":"x"}""",
        """{"user":{"id":{}}}""",
        """{"user":[1]}""",
        """{"user":{"id":123}}""",
        """{"user":{"id":"abc","name":{}}, "locale": 5}""",
        """{"user":{"id":"%LONG%"}}""",
        "[1]",
        "\"x\"",
        "null",
        "42",
        "{",
        "%DEEP%",
    ];

    private static string Expand(string body) => body
        .Replace("%LONG%", new string('u', 65))
        .Replace("%DEEP%", "{\"user\":" + new string('[', 1000) + new string(']', 1000) + "}");

    [Theory]
    [MemberData(nameof(WrongUserBodies))]
    public async Task ABodyOfTheWrongShapeIsA400WithAReason(string body)
    {
        var http = factory.CreateClient();
        var json = Expand(body);
        await AssertProblemAsync(await SendAsync(http, HttpMethod.Post, $"{Base}/tokens/generate", AssistantFactory.DirectLineSecret, json), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await SendAsync(http, HttpMethod.Post, $"{Base}/conversations", AssistantFactory.DirectLineSecret, json), HttpStatusCode.BadRequest);
        var client = await DirectLineClient.StartAsync(http);
        await AssertProblemAsync(await SendAsync(http, HttpMethod.Post, $"{Base}/conversations", client.Token, json), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"user":{}}""")]
    [InlineData("""{"user":null}""")]
    [InlineData("""{"user":{"id":null},"locale":"ko-KR"}""")]
    [InlineData("""{"user":{"id":"seller-7","name":"판매자"},"locale":"ko-KR","trustedOrigin":"x"}""")]
    public async Task TheBodiesWebChatSendsStillWork(string? body)
    {
        var http = factory.CreateClient();
        var minted = await SendAsync(http, HttpMethod.Post, $"{Base}/tokens/generate", AssistantFactory.DirectLineSecret, body);
        Assert.True(minted.IsSuccessStatusCode, await minted.Content.ReadAsStringAsync());
        var token = (string)JsonNode.Parse(await minted.Content.ReadAsStringAsync())!["token"]!;
        var started = await SendAsync(http, HttpMethod.Post, $"{Base}/conversations", token, body);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var bySecret = await SendAsync(http, HttpMethod.Post, $"{Base}/conversations", AssistantFactory.DirectLineSecret, body);
        Assert.Equal(HttpStatusCode.Created, bySecret.StatusCode);
        if (body?.Contains("seller-7") == true)
            Assert.Contains("seller-7", Encoding.UTF8.GetString(Convert.FromBase64String(Pad(token.Split('.')[0]))));
    }

    [Fact]
    public async Task ThePageTokenIgnoresWhateverBodyItGets()
    {
        var response = await SendAsync(factory.CreateClient(), HttpMethod.Post, "/api/webchat/token", null, """{"user":[1]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ASignedTokenExpiringTooFarAheadOrMalformedIsRefusedOnEveryRoute()
    {
        var http = factory.CreateClient();
        var client = await DirectLineClient.StartAsync(http);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string Payload(long exp) => $$"""{"Conv":"{{client.ConversationId}}","User":"seller-web-1","Exp":{{exp}}}""";

        // The crafted signature is the server's own: a sane expiry is accepted.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Get, $"{Base}/conversations/{client.ConversationId}/activities", Sign(Payload(now + 60)), null)).StatusCode);

        string[] forged =
        [
            Sign(Payload(1L << 62)),
            Sign(Payload(long.MaxValue)),
            Sign(Payload(long.MinValue)),
            Sign(Payload(now + 1800 + 3600)), // beyond the configured 30-minute lifetime
            Sign("not json"),
            Sign("[]"),
            Sign("""{"Exp":9999999999}"""),
            Sign($$"""{"Conv":{},"User":"u","Exp":{{now + 60}}}"""),
            Sign($$"""{"Conv":"{{client.ConversationId}}","User":"u","Exp":"{{now + 60}}"}"""),
            "." + Sign(Payload(now + 60)),
            "a.b.c",
            "!!!.???",
        ];
        foreach (var token in forged)
        {
            await AssertProblemAsync(await SendAsync(http, HttpMethod.Get, $"{Base}/conversations/{client.ConversationId}/activities", token, null), HttpStatusCode.Forbidden, token);
            await AssertProblemAsync(await SendAsync(http, HttpMethod.Post, $"{Base}/conversations/{client.ConversationId}/activities", token, """{"type":"message","text":"hi"}"""), HttpStatusCode.Forbidden, token);
            await AssertProblemAsync(await SendAsync(http, HttpMethod.Get, $"{Base}/conversations/{client.ConversationId}", token, null), HttpStatusCode.Forbidden, token);
            await AssertProblemAsync(await SendAsync(http, HttpMethod.Post, $"{Base}/conversations", token, null), HttpStatusCode.Forbidden, token);
            await AssertProblemAsync(await SendAsync(http, HttpMethod.Post, $"{Base}/tokens/refresh", token, null), HttpStatusCode.Forbidden, token);
        }

        var stream = factory.Server.CreateWebSocketClient();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => stream.ConnectAsync(new Uri(factory.Server.BaseAddress,
            $"{Base}/conversations/{client.ConversationId}/stream?t={Uri.EscapeDataString(Sign(Payload(1L << 62)))}"), CancellationToken.None));
        Assert.Contains("403", refused.Message);
    }

    [Fact]
    public async Task AnActivityOverTheSizeCapIsRefusedAndNotStored()
    {
        var http = factory.CreateClient();
        var client = await DirectLineClient.StartAsync(http);
        var big = $$$"""{"type":"message","text":"큰 메시지","channelData":{"blob":"{{{new string('A', 40_000)}}}"}}""";
        await AssertProblemAsync(await SendAsync(http, HttpMethod.Post, $"{Base}/conversations/{client.ConversationId}/activities", client.Token, big), HttpStatusCode.RequestEntityTooLarge);

        // Under the cap as a body, over it once the many small fields are counted as a whole.
        var many = "{\"type\":\"message\",\"entities\":[" + string.Join(',', Enumerable.Repeat("{\"type\":\"x\"}", 3000)) + "]}";
        await AssertProblemAsync(await SendAsync(http, HttpMethod.Post, $"{Base}/conversations/{client.ConversationId}/activities", client.Token, many), HttpStatusCode.RequestEntityTooLarge);

        var fits = $$$"""{"type":"message","text":"작은 메시지","channelData":{"blob":"{{{new string('B', 20_000)}}}"}}""";
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Post, $"{Base}/conversations/{client.ConversationId}/activities", client.Token, fits)).StatusCode);
        var stored = await client.PollAsync();
        Assert.DoesNotContain(stored, a => (string?)a!["text"] == "큰 메시지");
        Assert.Contains(stored, a => (string?)a!["text"] == "작은 메시지");
    }

    [Fact]
    public async Task TheActivityCapIsConfigurable()
    {
        using var small = new AssistantFactory().With("DirectLine:MaxActivityBytes", "2048");
        var http = small.CreateClient();
        var client = await DirectLineClient.StartAsync(http);
        var body = $$"""{"type":"message","text":"{{new string('가', 1000)}}"}""";
        await AssertProblemAsync(await SendAsync(http, HttpMethod.Post, $"{Base}/conversations/{client.ConversationId}/activities", client.Token, body), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("activities")]
    [InlineData("tokens")]
    [InlineData("conversations")]
    public async Task AHugeChunkedBodyIsRefusedBeforeItIsRead(string route)
    {
        // No redirect handler: it would buffer the whole request body on the client side first.
        var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var client = await DirectLineClient.StartAsync(http);
        var (path, bearer) = route switch
        {
            "activities" => ($"{Base}/conversations/{client.ConversationId}/activities", client.Token),
            "tokens" => ($"{Base}/tokens/generate", AssistantFactory.DirectLineSecret),
            _ => ($"{Base}/conversations", AssistantFactory.DirectLineSecret),
        };
        var source = new EndlessJson(256L << 20);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StreamContent(source) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.TransferEncodingChunked = true;
        await AssertProblemAsync(await http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
        Assert.True(source.Served < 16L << 20, $"the server read {source.Served} bytes of a body it should have refused");
    }

    [Fact]
    public async Task AHugeChunkedBodyIsRefusedOnKestrel()
    {
        using var real = new RoomyFactory();
        real.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        real.StartServer();
        var address = new Uri(real.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var http = real.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = address, AllowAutoRedirect = false, HandleCookies = false });
        var client = await DirectLineClient.StartAsync(http);
        foreach (var (path, bearer) in new[]
        {
            ($"{Base}/conversations/{client.ConversationId}/activities", client.Token),
            ($"{Base}/tokens/generate", AssistantFactory.DirectLineSecret),
            ($"{Base}/conversations", AssistantFactory.DirectLineSecret),
        })
        {
            const long total = 256L << 20;
            var source = new EndlessJson(total);
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StreamContent(source) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            request.Headers.TransferEncodingChunked = true;
            try
            {
                // Either the 413 arrives while the client is still sending, or the server closes the connection first.
                var response = await http.SendAsync(request);
                await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, path);
            }
            catch (HttpRequestException ex) when (ex.InnerException is IOException)
            {
            }
            Assert.True(source.Served < 16L << 20, $"{path}: the client sent {source.Served} bytes of a body the server should have refused");
        }
    }

    [Fact]
    public async Task ABodyDeclaredTooLargeIsRefusedUpFront()
    {
        var http = factory.CreateClient();
        var client = await DirectLineClient.StartAsync(http);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Base}/conversations/{client.ConversationId}/activities")
        {
            Content = new ByteArrayContent(new byte[200_000]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
        await AssertProblemAsync(await http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AFullConversationRefusesNewPostsButStaysReadable()
    {
        using var capped = new AssistantFactory().With("DirectLine:MaxConversationActivities", "6");
        var http = capped.CreateClient();
        var client = await DirectLineClient.StartAsync(http);
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            var response = await SendAsync(http, HttpMethod.Post, $"{Base}/conversations/{client.ConversationId}/activities", client.Token, $$"""{"type":"message","text":"안녕하세요 {{i}}"}""");
            if (response.StatusCode != HttpStatusCode.OK) refused = response;
        }
        Assert.NotNull(refused);
        await AssertProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);
        var stored = (await client.PollAsync()).Count;
        Assert.True(stored >= 6, $"only {stored} activities were stored before the conversation was full");

        await AssertProblemAsync(await SendAsync(http, HttpMethod.Post, $"{Base}/conversations/{client.ConversationId}/activities", client.Token, """{"type":"typing"}"""), HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await client.PollAsync());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Get, $"{Base}/conversations/{client.ConversationId}?watermark=0", client.Token, null)).StatusCode);

        // Another conversation is not affected.
        var other = await DirectLineClient.StartAsync(http);
        await other.PostAsync("안녕하세요", "other-1");
    }

    [Fact]
    public async Task AConversationsStoredSizeIsCapped()
    {
        using var capped = new AssistantFactory().With("DirectLine:MaxConversationBytes", "30000");
        var http = capped.CreateClient();
        var client = await DirectLineClient.StartAsync(http);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var response = await SendAsync(http, HttpMethod.Post, $"{Base}/conversations/{client.ConversationId}/activities", client.Token,
                $$"""{"type":"event","name":"blob","value":"{{new string('C', 9000)}}"}""");
            statuses.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.OK) await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, statuses[^1]);
        var activities = await client.PollAsync();
        Assert.True(activities.ToJsonString().Length < 40_000, $"{activities.ToJsonString().Length} characters stored");
    }

    [Fact]
    public async Task TokensAndNewConversationsAreLimitedPerClient()
    {
        using var limited = new AssistantFactory().With("DirectLine:ConversationsPerMinutePerClient", "3");
        limited.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        limited.StartServer();
        var address = new Uri(limited.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var first = From(IPAddress.Parse("127.0.0.1"), address);
        using var second = From(IPAddress.Parse("127.0.0.2"), address);

        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync("/api/webchat/token", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(first, HttpMethod.Post, $"{Base}/tokens/generate", AssistantFactory.DirectLineSecret, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(first, HttpMethod.Post, $"{Base}/conversations", AssistantFactory.DirectLineSecret, null)).StatusCode);
        foreach (var path in new[] { "/api/webchat/token", $"{Base}/tokens/generate", $"{Base}/conversations" })
        {
            var refused = await SendAsync(first, HttpMethod.Post, path, AssistantFactory.DirectLineSecret, null);
            Assert.NotNull(refused.Headers.RetryAfter);
            await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, path);
        }
        // Another client's budget is its own.
        Assert.Equal(HttpStatusCode.OK, (await second.PostAsync("/api/webchat/token", null)).StatusCode);
    }

    [Fact]
    public async Task ForgedTokensDoNotSpendAConversationsMessageBudget()
    {
        using var limited = new AssistantFactory().With("DirectLine:MessagesPerMinute", "2");
        var http = limited.CreateClient();
        var victim = await DirectLineClient.StartAsync(http);
        var attacker = await DirectLineClient.StartAsync(http);
        var path = $"{Base}/conversations/{victim.ConversationId}/activities";
        foreach (var forged in new[] { victim.Token + "x", attacker.Token, "abc.def", Sign("""{"Conv":"x","User":"y","Exp":4611686018427387904}""") })
            for (var i = 0; i < 5; i++)
                await AssertProblemAsync(await SendAsync(http, HttpMethod.Post, path, forged, """{"type":"message","text":"스팸"}"""), HttpStatusCode.Forbidden);

        await victim.PostAsync("안녕하세요", "v1");
        await victim.PostAsync("감사합니다", "v2");
        var third = await SendAsync(http, HttpMethod.Post, path, victim.Token, """{"type":"message","text":"또요"}""");
        Assert.NotNull(third.Headers.RetryAfter);
        await AssertProblemAsync(third, HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [InlineData("typing", HttpStatusCode.OK)]
    [InlineData("event", HttpStatusCode.OK)]
    [InlineData("Message", HttpStatusCode.OK)]
    [InlineData("conversationUpdate", HttpStatusCode.BadRequest)]
    [InlineData("invoke", HttpStatusCode.BadRequest)]
    [InlineData("endOfConversation", HttpStatusCode.BadRequest)]
    [InlineData("handoff", HttpStatusCode.BadRequest)]
    [InlineData("어떤유형", HttpStatusCode.BadRequest)]
    [InlineData(" ", HttpStatusCode.BadRequest)]
    public async Task ActivityTypesAreAcceptedOrRefusedWithAReason(string type, HttpStatusCode expected)
    {
        var http = factory.CreateClient();
        var client = await DirectLineClient.StartAsync(http);
        var response = await SendAsync(http, HttpMethod.Post, $"{Base}/conversations/{client.ConversationId}/activities", client.Token,
            new JsonObject { ["type"] = type, ["text"] = "안녕", ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "x" }) }.ToJsonString());
        if (expected == HttpStatusCode.OK) Assert.Equal(expected, response.StatusCode);
        else await AssertProblemAsync(response, expected);
    }

    [Fact]
    public async Task UploadsAreRefusedWithAReason()
    {
        var http = factory.CreateClient();
        var client = await DirectLineClient.StartAsync(http);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[100_000]), "file", "a.png" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Base}/conversations/{client.ConversationId}/upload?userId=x") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
        var response = await http.SendAsync(request);
        Assert.InRange((int)response.StatusCode, 400, 499);
        await AssertProblemAsync(response, response.StatusCode);
    }

    public static TheoryData<string> ActivityBodies =>
    [
        """{"type":{}}""", """{"type":[]}""", """{"type":5}""", """{"type":null}""", """{"type":true}""",
        """{"type":"message","text":{}}""", """{"type":"message","text":[1]}""", """{"type":"message","text":5}""", """{"type":"message","text":null}""",
        """{"type":"message","channelData":"x"}""", """{"type":"message","channelData":[1,{}]}""", """{"type":"message","channelData":null}""",
        """{"type":"message","value":5}""", """{"type":"message","value":[[]]}""", """{"type":"event","name":{},"value":{}}""", """{"type":"event","name":"handoff","value":"x"}""",
        """{"type":"message","from":"x"}""", """{"type":"message","from":[1]}""", """{"type":"message","from":{"id":{},"name":[]}}""", """{"type":"message","from":{"role":5}}""",
        """{"type":"message","attachments":{}}""", """{"type":"message","attachments":"x"}""", """{"type":"message","attachments":[1]}""",
        """{"type":"message","attachments":[{"contentType":{},"content":5}]}""", """{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.hero","content":"x"}]}""",
        """{"type":"message","entities":{}}""", """{"type":"message","entities":[1]}""", """{"type":"message","entities":[{"type":{}}]}""", """{"type":"message","entities":[null]}""",
        """{"type":"message","locale":{}}""", """{"type":"message","locale":"xx-!!-invalid","text":"안녕"}""", """{"type":"message","locale":"","text":"안녕"}""",
        """{"type":"message","timestamp":"garbage"}""", """{"type":"message","localTimestamp":"0001-01-01T00:00:00+14:00"}""", """{"type":"message","localTimestamp":"9999-12-31T23:59:59-14:00"}""",
        """{"type":"message","localTimestamp":12}""", """{"type":"message","expiration":"x"}""", """{"type":"message","conversation":"x"}""", """{"type":"message","recipient":[]}""",
        """{"type":"message","suggestedActions":"x"}""", """{"type":"message","suggestedActions":{"actions":{}}}""", """{"type":"message","membersAdded":{}}""",
        """{"type":"message","id":{},"replyToId":[]}""", """{"type":"message","text":"안녕","textFormat":{},"importance":[]}""", """{"type":"message","semanticAction":"x"}""",
        """{"type":"message","text":"안녕","channelData":{"clientActivityID":{},"assistant":{"action":5}}}""", """{"type":"message","text":"안녕","value":{"action":"handoff","category":{}}}""",
        """{"type":"message","deliveryMode":"expectReplies","text":"안녕"}""", """{"type":"message","text":"안녕","__proto__":{}}""",
        "{\"type\":\"message\",\"channelData\":" + new string('[', 2000) + new string(']', 2000) + "}",
        "{\"type\":\"message\",\"text\":\"" + new string('가', 10_001) + "\"}",
        "[]", "null", "\"message\"", "42", "", " ", "{", "{\"type\":\"message\"", "\u0000", "{\"type\":\"message\",\"text\":\"\\ud800\"}",
    ];

    [Theory]
    [MemberData(nameof(ActivityBodies))]
    public async Task NoActivityBodyGivesA5xx(string body)
    {
        var http = factory.CreateClient();
        var client = await DirectLineClient.StartAsync(http);
        var response = await SendAsync(http, HttpMethod.Post, $"{Base}/conversations/{client.ConversationId}/activities", client.Token, body);
        if (response.StatusCode != HttpStatusCode.OK) await AssertProblemAsync(response, HttpStatusCode.BadRequest, body.Length > 200 ? body[..200] : body);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Get, $"{Base}/conversations/{client.ConversationId}/activities", client.Token, null)).StatusCode);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("99999999999999999999999")]
    [InlineData("1.5")]
    [InlineData("1&watermark=2")]
    [InlineData("%00")]
    [InlineData("9223372036854775807")]
    public async Task AnyWatermarkIsReadWithoutA5xx(string watermark)
    {
        var http = factory.CreateClient();
        var client = await DirectLineClient.StartAsync(http);
        foreach (var path in new[] { $"{Base}/conversations/{client.ConversationId}/activities?watermark={watermark}", $"{Base}/conversations/{client.ConversationId}?watermark={watermark}" })
        {
            var response = await SendAsync(http, HttpMethod.Get, path, client.Token, null);
            if (response.StatusCode != HttpStatusCode.OK) await AssertProblemAsync(response, HttpStatusCode.BadRequest, path);
        }
    }

    [Theory]
    [InlineData(5000)]
    [InlineData(100)]
    public async Task AnOverlongConversationIdIsA4xx(int length)
    {
        var http = factory.CreateClient();
        var client = await DirectLineClient.StartAsync(http);
        var id = new string('a', length);
        foreach (var bearer in new[] { AssistantFactory.DirectLineSecret, client.Token })
        {
            var expected = bearer == client.Token ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;
            await AssertProblemAsync(await SendAsync(http, HttpMethod.Get, $"{Base}/conversations/{id}", bearer, null), expected);
            await AssertProblemAsync(await SendAsync(http, HttpMethod.Get, $"{Base}/conversations/{id}/activities", bearer, null), expected);
            await AssertProblemAsync(await SendAsync(http, HttpMethod.Post, $"{Base}/conversations/{id}/activities", bearer, """{"type":"message","text":"x"}"""), expected);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? bearer, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await http.SendAsync(request);
    }

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? what = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{what}: expected {(int)status}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)status, (int?)problem["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]), text);
        return problem;
    }

    /// <summary>A token as the server signs it (see <c>DirectLineTokens</c>), around any payload.</summary>
    private static string Sign(string payload)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(AssistantFactory.DirectLineSecret), "assistant/directline/token/v1"u8.ToArray());
        var body = Base64Url(Encoding.UTF8.GetBytes(payload));
        return body + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
    }

    /// <summary>An HTTP client whose connections come from the given loopback address (another "client" for per-IP limits).</summary>
    private static HttpClient From(IPAddress source, Uri server) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = server };

    /// <summary>A JSON-looking body of the given length that is produced as it is read (and counts how much was).</summary>
    private sealed class EndlessJson(long length) : Stream
    {
        private static readonly byte[] Prefix = "{\"type\":\"message\",\"channelData\":\""u8.ToArray();

        public long Served { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Served);
            for (var i = 0; i < n; i++)
                buffer[offset + i] = Served + i < Prefix.Length ? Prefix[Served + i] : (byte)'A';
            Served += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
