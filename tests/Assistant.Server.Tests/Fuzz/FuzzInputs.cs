using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.Server.Tests.Fuzz;

/// <summary>Who sends a fuzz request.</summary>
public enum FuzzCaller
{
    /// <summary>127.0.0.1, no cookies: the only source the TalkTalk webhook accepts, and the one the rate-limit probes use.</summary>
    Local,
    /// <summary>No cookies, a new connection from another 127.x.y.z address each time, so per-address rate limits do not hide the handlers.</summary>
    Rotating,
    /// <summary>A signed-in agent sending the anti-forgery header.</summary>
    Agent,
    /// <summary>The signed-in agent without the anti-forgery header.</summary>
    AgentNoCsrf,
    /// <summary>The signed-in agent with a forged anti-forgery header.</summary>
    AgentWrongCsrf,
    /// <summary>A throwaway agent session signed in just for this request (for sign-out).</summary>
    FreshAgent,
}

/// <summary>One hostile request: the route template it targets, the kind of input, and what goes on the wire.</summary>
public sealed record FuzzRequest(string Method, string Template, string Kind, string Detail, string Target)
{
    public byte[]? Body { get; init; }
    public string? ContentType { get; init; }
    public bool Chunked { get; init; }
    public string? Authorization { get; init; }
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];
    public FuzzCaller Caller { get; init; } = FuzzCaller.Rotating;
    /// <summary>The conversation whose replies go to the fake Bot Framework channel (read back for apologies).</summary>
    public string? ChannelConversation { get; init; }
    /// <summary>Direct Line: read the conversation back afterwards (a failed turn shows only there).</summary>
    public bool ReadBack { get; init; }
}

/// <summary>An endpoint as the app maps it: template, methods (empty: any) and route parameters.</summary>
public sealed record FuzzRoute(string Template, IReadOnlyList<string> Methods, IReadOnlyList<string> Parameters);

/// <summary>The valid values the generators start from: a live Direct Line conversation, a ticket, the webhook secret.</summary>
public sealed record FuzzTargets(string ServiceUrl, string ConversationId, string Token, string OtherToken, string TicketNumber, string TalkTalkSecret);

/// <summary>
/// Deterministic generators of malformed and hostile requests for every endpoint: wrong JSON types
/// and missing fields at every path of a valid body, hostile strings (control characters, CR/LF,
/// NUL, lone surrogates, RTL marks, up to 1 MB), invalid, truncated and deeply nested JSON, wrong
/// content types, form and multipart bodies, chunked bodies over the size limits, hostile route
/// values and query strings, invalid and forged (correctly signed) tokens, and wrong methods.
/// </summary>
public sealed class FuzzInputs(FuzzTargets targets, int seed)
{
    private static readonly string[] AllMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Random _random = new(seed);
    private int _ids;

    /// <summary>Placeholders replaced after serialization by JSON text that a JSON DOM cannot hold.</summary>
    private static readonly Dictionary<string, string> Raw = new()
    {
        ["@@LONE_HIGH@@"] = "\"a\\ud800b\"",
        ["@@LONE_LOW@@"] = "\"\\udfff\"",
        ["@@REVERSED_PAIR@@"] = "\"\\udc00\\ud800\"",
        ["@@BIGINT@@"] = "9223372036854775808",
        ["@@HUGE_EXP@@"] = "1e999",
        ["@@DEEP@@"] = new string('[', 300) + new string(']', 300),
    };

    private static readonly (string Label, Func<JsonNode?> Value)[] TypeSwaps =
    [
        ("string", () => "x"), ("empty-string", () => ""), ("number", () => 1), ("float", () => 1.5), ("negative", () => -1),
        ("bigint", () => "@@BIGINT@@"), ("huge-exponent", () => "@@HUGE_EXP@@"), ("bool", () => true), ("null", () => null),
        ("object", () => new JsonObject()), ("object-with-id-object", () => new JsonObject { ["id"] = new JsonObject() }),
        ("array", () => new JsonArray(1)), ("empty-array", () => new JsonArray()), ("deep-array", () => "@@DEEP@@"),
    ];

    private static readonly (string Label, string Value)[] HostileStrings =
    [
        ("control-chars", "a\u0000b\u0001\u001b[31m\u007f"), ("cr-lf", "x\r\nSet-Cookie: a=b\r\n\r\n"), ("nul", "\u0000"),
        ("rtl-marks", "\u202Eevil\u202C\u200F\u061C"), ("zero-width-bom", "\u200B\uFEFF\u2060"), ("lone-high-surrogate", "@@LONE_HIGH@@"),
        ("lone-low-surrogate", "@@LONE_LOW@@"), ("reversed-surrogates", "@@REVERSED_PAIR@@"), ("emoji-zwj", "👩🏽‍💻🇰🇷"),
        ("combining", "a" + string.Concat(Enumerable.Repeat("\u0301", 300))), ("whitespace", " \t "), ("sql", "' OR '1'='1'; --"),
        ("path", "../../../etc/passwd"), ("format", "{0}%s%n${jndi:x}"), ("html", "<script>alert(1)</script>"),
        ("number-like", "9223372036854775808"), ("hangul-10k", new string('가', 10_001)), ("ascii-64k", new string('a', 64 * 1024)),
        ("ascii-300k", new string('b', 300 * 1024)), ("ascii-1m", new string('c', 1024 * 1024 - 200)),
    ];

    /// <summary>
    /// Route values, already percent-encoded as they go on the wire. No NUL (%00) and nothing past
    /// Kestrel's 8 KB request line: Kestrel refuses those itself, before the app could answer.
    /// </summary>
    private static readonly (string Label, string Value)[] HostileRouteValues =
    [
        ("long-2k", new string('a', 2000)), ("long-7k", new string('k', 7000)), ("cr-lf", "a%0D%0Ab"),
        ("control", "%01%1B%7F"), ("rtl", Uri.EscapeDataString("\u202Eabc\u200F")), ("invalid-utf8", "%FF%FE%C0%AF"),
        ("lone-surrogate-utf8", "%ED%A0%80"), ("encoded-slash", "a%2Fb"), ("dot-dot", "..%2F..%2Fetc"), ("space", "%20"),
        ("sql", Uri.EscapeDataString("' OR 1=1--")), ("hangul", Uri.EscapeDataString("가나다")), ("emoji", Uri.EscapeDataString("👍")),
        ("digits-40", new string('9', 40)), ("percent", "%25"), ("ticket-like", "T999999"), ("ticket-zero", "T000000"),
    ];

    private static readonly (string Label, string Query)[] HostileQueries =
    [
        ("watermark-empty", "watermark="), ("watermark-negative", "watermark=-1"), ("watermark-text", "watermark=abc"),
        ("watermark-overflow", "watermark=9223372036854775808"), ("watermark-long", "watermark=" + new string('9', 5000)),
        ("watermark-nul", "watermark=%00"), ("watermark-twice", "watermark=1&watermark=2"), ("watermark-crlf", "watermark=1%0D%0A"),
        ("key-6k", new string('k', 6000) + "=v"), ("params-400", string.Join('&', Enumerable.Range(0, 400).Select(i => $"p{i}={i}"))),
        ("key-crlf-nul", "a%0D%0Ab%00=1"), ("unicode", "q=" + Uri.EscapeDataString("\u202E가👍")), ("no-value", "watermark&t"),
        ("t-garbage", "t=" + new string('t', 3000)), ("bad-escape", "q=%zz%"),
    ];

    // ---------------------------------------------------------------- known faults

    /// <summary>Inputs the issue names, always sent first.</summary>
    public IEnumerable<FuzzRequest> Known()
    {
        const string messages = "/api/messages", generate = "/v3/directline/tokens/generate", conversations = "/v3/directline/conversations";
        var activity = ActivitySeed("message", expectReplies: true);
        activity.Remove("serviceUrl");
        yield return Json("POST", messages, messages, "known", "expectReplies without serviceUrl", activity) with { Caller = FuzzCaller.Local };
        foreach (var expect in new[] { true, false })
        {
            var bad = ActivitySeed("message", expectReplies: expect);
            bad["serviceUrl"] = "not a url";
            yield return Json("POST", messages, messages, "known", $"serviceUrl 'not a url' (expectReplies: {expect})", bad);
        }
        yield return Json("POST", messages, messages, "known", "chunked 300 KB", Padded(ActivitySeed("message", true), 300 * 1024)) with { Chunked = true };

        foreach (var route in new[] { generate, conversations })
            foreach (var body in new[] { "{\"user\":\"x\"}", "{\"user\":{\"id\":{}}}", "{\"user\":[1]}" })
                yield return Bytes("POST", route, route, "known", body, Encoding.UTF8.GetBytes(body)) with { Authorization = "Bearer " + AssistantFactory.DirectLineSecret };

        var forged = "Bearer " + SignToken($"{{\"Conv\":\"{targets.ConversationId}\",\"User\":\"u\",\"Exp\":{1L << 62}}}");
        yield return new FuzzRequest("POST", "/v3/directline/tokens/refresh", "known", "signed token exp=2^62", "/v3/directline/tokens/refresh") { Authorization = forged };
        yield return new FuzzRequest("POST", conversations, "known", "signed token exp=2^62", conversations) { Authorization = forged };
        yield return new FuzzRequest("GET", "/v3/directline/conversations/{conversationId}/activities", "known", "signed token exp=2^62",
            $"/v3/directline/conversations/{targets.ConversationId}/activities") { Authorization = forged };

        const string talk = "/talktalk/{secret}";
        var hook = "/talktalk/" + targets.TalkTalkSecret;
        foreach (var (detail, body) in new (string, string)[]
        {
            ("user is an object", "{\"event\":\"send\",\"user\":{}}"),
            ("standby is \"yes\"", "{\"event\":\"send\",\"user\":\"tt-fuzz\",\"standby\":\"yes\",\"textContent\":{\"text\":\"안녕\"}}"),
            ("textContent.text is an object", "{\"event\":\"send\",\"user\":\"tt-fuzz\",\"textContent\":{\"text\":{}}}"),
            ("textContent.text is an array", "{\"event\":\"send\",\"user\":\"tt-fuzz\",\"textContent\":{\"text\":[1]}}"),
            ("textContent.code is an object", "{\"event\":\"send\",\"user\":\"tt-fuzz\",\"textContent\":{\"text\":\"a\",\"code\":{}}}"),
            ("options.standby is an object", "{\"event\":\"send\",\"user\":\"tt-fuzz\",\"options\":{\"standby\":{}},\"textContent\":{\"text\":\"a\"}}"),
            ("options.inflow is an object", "{\"event\":\"open\",\"user\":\"tt-fuzz\",\"options\":{\"inflow\":{}}}"),
            ("options.control is an array", "{\"event\":\"handover\",\"user\":\"tt-fuzz\",\"options\":{\"control\":[1]}}"),
            ("options.metadata is an object", "{\"event\":\"handover\",\"user\":\"tt-fuzz\",\"options\":{\"control\":\"passThread\",\"metadata\":{}}}"),
            ("options.set is an array", "{\"event\":\"friend\",\"user\":\"tt-fuzz\",\"options\":{\"set\":[1]}}"),
        })
            yield return Bytes("POST", talk, hook, "known", detail, Encoding.UTF8.GetBytes(body)) with { Caller = FuzzCaller.Local };

        var claim = $"/api/agent/tickets/{targets.TicketNumber}/claim";
        yield return new FuzzRequest("POST", "/api/agent/tickets/{number}/claim", "known", "signed in, form-encoded, no anti-forgery header", claim)
        {
            Caller = FuzzCaller.AgentNoCsrf, Body = "a=1&b=2"u8.ToArray(), ContentType = "application/x-www-form-urlencoded",
        };
        foreach (var (detail, form) in new[] { ("form key of 5,000 characters", new string('k', 5000) + "=1"), ("form of 1,500 fields", LongForm(1500)) })
            yield return new FuzzRequest("POST", "/api/agent/tickets/{number}/claim", "known", "signed in, no anti-forgery header, " + detail, claim)
            {
                Caller = FuzzCaller.AgentNoCsrf, Body = Encoding.ASCII.GetBytes(form), ContentType = "application/x-www-form-urlencoded",
            };
        var longKey = new string('T', 7000);
        yield return new FuzzRequest("GET", "/api/agent/tickets/{number}", "known", "ticket number of 7,000 characters", "/api/agent/tickets/" + longKey) { Caller = FuzzCaller.Agent };
        yield return new FuzzRequest("POST", "/api/agent/tickets/{number}/claim", "known", "ticket number of 7,000 characters", $"/api/agent/tickets/{longKey}/claim")
        {
            Caller = FuzzCaller.Agent, Body = "{}"u8.ToArray(), ContentType = "application/json",
        };

        foreach (var (label, value) in new (string, JsonNode?)[] { ("a string", "done"), ("an array", new JsonArray(1)), ("a number", 5), ("true", true) })
        {
            var status = ActivitySeed("handoff", expectReplies: true);
            status["value"] = value;
            yield return Json("POST", messages, messages, "known", $"handoff.status value is {label}", status);
        }
        foreach (var (label, value) in new (string, JsonNode?)[] { ("an object", new JsonObject()), ("an array", new JsonArray(1)), ("a number", 5) })
        {
            var feedback = ActivitySeed("feedback", expectReplies: true);
            feedback["entities"]![0]!["@id"] = value;
            yield return Json("POST", messages, messages, "known", $"feedback entity @id is {label}", feedback);
        }

        yield return new FuzzRequest("GET", "(no route)", "known", "unknown path (framework 404)", "/no-such-page");
        yield return new FuzzRequest("GET", messages, "known", "GET on a POST route (framework 405)", messages);
        yield return Bytes("POST", "/api/agent/login", "/api/agent/login", "known", "text/plain login (framework 415)", "username=agent1"u8.ToArray()) with { ContentType = "text/plain" };
        yield return Bytes("POST", talk, hook, "known", "body over TalkTalk's 64 KB limit (413)", Padded(TalkTalkSeed("send"), 200 * 1024)) with { Caller = FuzzCaller.Local };
        yield return Bytes("POST", talk, hook, "known", "chunked body over TalkTalk's 64 KB limit", Padded(TalkTalkSeed("send"), 200 * 1024)) with { Caller = FuzzCaller.Local, Chunked = true };
        yield return new FuzzRequest("POST", talk, "known", "wrong webhook secret (404)", "/talktalk/wrong-secret-0123456789") { Body = Serialize(TalkTalkSeed("send")), ContentType = "application/json", Caller = FuzzCaller.Local };
        yield return new FuzzRequest("POST", talk, "known", "webhook from a source outside the allowed ranges (403)", hook) { Body = Serialize(TalkTalkSeed("send")), ContentType = "application/json", Caller = FuzzCaller.Rotating };
        yield return new FuzzRequest("GET", "/api/agent/tickets", "known", "not signed in (401)", "/api/agent/tickets");
    }

    /// <summary>Bursts past the per-address limits from one address (the limiter's own answer must have a body too).</summary>
    public IEnumerable<FuzzRequest> RateLimitProbes()
    {
        for (var i = 0; i < 12; i++)
            yield return Json("POST", "/api/agent/login", "/api/agent/login", "rate-limit", "12 sign-ins from one address", LoginSeed()) with { Caller = FuzzCaller.Local };
        for (var i = 0; i < 32; i++)
            yield return new FuzzRequest("POST", "/api/webchat/token", "rate-limit", "32 tokens from one address", "/api/webchat/token") { Caller = FuzzCaller.Local };
    }

    // ---------------------------------------------------------------- per route

    /// <summary>Every generated input for one route, in a seeded random order.</summary>
    public List<FuzzRequest> For(FuzzRoute route)
    {
        var cases = new List<FuzzRequest>();
        var declared = route.Methods.Count > 0 ? route.Methods : ["GET", "POST"];
        var path = Fill(route, null, null);
        var caller = CallerFor(route.Template);
        var authorization = AuthorizationFor(route.Template);
        var seeds = SeedsFor(route.Template);

        FuzzRequest Base(string method, string kind, string detail, string? target = null) =>
            new(method, route.Template, kind, detail, target ?? path)
            {
                Caller = caller, Authorization = authorization,
                ReadBack = method == "POST" && route.Template == "/v3/directline/conversations/{conversationId}/activities",
            };

        foreach (var method in declared)
        {
            var hasBody = method is "POST" or "PUT" or "PATCH";
            if (hasBody)
            {
                foreach (var (name, seedBody) in seeds)
                {
                    cases.Add(WithJson(Base(method, "valid", name), seedBody));
                    foreach (var (label, segments, node) in Walk(seedBody))
                    {
                        foreach (var (swap, value) in TypeSwaps)
                            cases.Add(WithJson(Base(method, "wrong-type", $"{name}: {label} = {swap}"), Replace(seedBody, segments, value())));
                        cases.Add(WithJson(Base(method, "missing-field", $"{name}: without {label}"), Remove(seedBody, segments)));
                        if (node is JsonValue v && v.TryGetValue<string>(out _))
                            foreach (var (hostile, text) in HostileStrings)
                                cases.Add(WithJson(Base(method, "hostile-string", $"{name}: {label} = {hostile}"), Replace(seedBody, segments, text)));
                    }
                    var serialized = Serialize(seedBody);
                    foreach (var cut in new[] { 1, serialized.Length / 3, serialized.Length / 2, serialized.Length - 1 })
                        cases.Add(Base(method, "truncated-json", $"{name}: first {cut} bytes") with { Body = serialized[..cut], ContentType = "application/json" });
                }
                var first = seeds[0].Body;
                foreach (var (label, body, type) in BodyVariants(first))
                    cases.Add(Base(method, "body", label) with { Body = body, ContentType = type });
                foreach (var (label, body, type) in ContentTypeVariants(first))
                    cases.Add(Base(method, "content-type", label) with { Body = body, ContentType = type });
                foreach (var size in new[] { 0, 80 * 1024, 300 * 1024, 1024 * 1024 })
                    cases.Add(Base(method, "chunked", size == 0 ? "valid body, chunked" : $"chunked {size / 1024} KB")
                        with { Body = size == 0 ? Serialize(first) : Padded(first, size), ContentType = "application/json", Chunked = true });
                cases.Add(Base(method, "body", "1 MB with Content-Length") with { Body = Padded(first, 1024 * 1024), ContentType = "application/json" });
            }
            else
            {
                cases.Add(Base(method, "valid", "as is"));
            }

            foreach (var (label, query) in HostileQueries)
                cases.Add(WithFirstBody(Base(method, "query", label, path + "?" + query), hasBody, seeds));
            foreach (var (label, value) in AuthVariants(route.Template))
                cases.Add(WithFirstBody(Base(method, "auth", label) with { Authorization = value }, hasBody, seeds));
            foreach (var callerVariant in CallerVariants(route.Template))
                cases.Add(WithFirstBody(Base(method, "auth", "caller " + callerVariant) with { Caller = callerVariant }, hasBody, seeds));
            foreach (var (label, name, value) in HeaderVariants())
                cases.Add(WithFirstBody(Base(method, "header", label) with { Headers = [(name, value)] }, hasBody, seeds));
            foreach (var parameter in route.Parameters)
                foreach (var (label, value) in HostileRouteValues)
                    cases.Add(WithFirstBody(Base(method, "route-value", $"{parameter} = {label}", Fill(route, parameter, value)), hasBody, seeds));
        }

        foreach (var method in AllMethods.Where(m => !declared.Contains(m)))
            cases.Add(WithFirstBody(Base(method, "wrong-method", method), method is "POST" or "PUT" or "PATCH", seeds));

        return Shuffle(cases);
    }

    /// <summary>Static files and paths no route serves.</summary>
    public List<FuzzRequest> StaticAndFallback()
    {
        var cases = new List<FuzzRequest>();
        string[] files = ["/", "/index.html", "/agent/", "/agent/index.html", "/agent/agent.js", "/webchat/widget.js", "/demo/seller-center.css"];
        string[] missing = ["/no-such-page", "/api/no-such", "/api/agent/no-such", "/v3/directline/no-such", "/talktalk", "/talktalk/", "/.env",
            "/%2e%2e/%2e%2e/etc/passwd", "/webchat/lib/no-such.js", "/" + new string('p', 7000), "/agent/%FF%FE", "/a%0D%0Ab"];
        foreach (var file in files)
            foreach (var method in AllMethods)
                cases.Add(new FuzzRequest(method, "(static files)", "static", file, file) { Body = method == "POST" ? "{}"u8.ToArray() : null, ContentType = method == "POST" ? "application/json" : null });
        foreach (var path in missing)
            foreach (var method in new[] { "GET", "POST", "DELETE" })
                cases.Add(new FuzzRequest(method, "(no route)", "fallback", Short(path), path) { Body = method == "POST" ? "{}"u8.ToArray() : null, ContentType = method == "POST" ? "application/json" : null });
        return Shuffle(cases);
    }

    // ---------------------------------------------------------------- per-family knowledge

    private List<(string Name, JsonObject Body)> SeedsFor(string template) => template switch
    {
        "/api/messages" => [("message", ActivitySeed("message", true)), ("message delivered to the channel", ActivitySeed("message", false)),
            ("handoff.status", ActivitySeed("handoff", true)), ("feedback", ActivitySeed("feedback", true)), ("conversationUpdate", ActivitySeed("update", true))],
        "/v3/directline/conversations/{conversationId}/activities" => [("message", DirectLineActivity("message")),
            ("handoff.status", DirectLineActivity("handoff")), ("feedback", DirectLineActivity("feedback")), ("typing", DirectLineActivity("typing"))],
        "/v3/directline/tokens/generate" or "/v3/directline/conversations" => [("user", new JsonObject { ["user"] = new JsonObject { ["id"] = "seller-fuzz", ["name"] = "판매자" } })],
        "/talktalk/{secret}" => new[] { "open", "send", "button", "handover", "leave", "friend", "echo", "action" }.Select(e => (e, TalkTalkSeed(e))).ToList(),
        "/api/agent/login" => [("login", LoginSeed())],
        "/api/agent/tickets/{number}/reply" => [("reply", new JsonObject { ["text"] = "확인해 보고 다시 안내해 드릴게요." })],
        _ => [("empty object", new JsonObject())],
    };

    private JsonObject ActivitySeed(string kind, bool expectReplies)
    {
        var conversation = NextConversation();
        var activity = new JsonObject
        {
            ["type"] = "message", ["id"] = "act-" + conversation, ["channelId"] = "emulator", ["serviceUrl"] = targets.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "seller-fuzz", ["name"] = "판매자" }, ["recipient"] = new JsonObject { ["id"] = "assistant-bot" },
            ["conversation"] = new JsonObject { ["id"] = conversation }, ["locale"] = "ko-KR", ["text"] = "정산은 언제 들어와요?",
        };
        if (expectReplies) activity["deliveryMode"] = "expectReplies";
        switch (kind)
        {
            case "handoff":
                activity["type"] = "event";
                activity["name"] = "handoff.status";
                activity["value"] = new JsonObject { ["state"] = "completed", ["message"] = "hub says done" };
                activity.Remove("text");
                break;
            case "feedback":
                activity["type"] = "event";
                activity["name"] = "webchat:activity-status/feedback";
                activity["entities"] = new JsonArray(new JsonObject { ["type"] = "https://schema.org/LikeAction", ["@id"] = "feedback:like:settlement-account" });
                activity.Remove("text");
                break;
            case "update":
                activity["type"] = "conversationUpdate";
                activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "seller-fuzz" }, new JsonObject { ["id"] = "assistant-bot" });
                activity.Remove("text");
                break;
        }
        return activity;
    }

    private static JsonObject DirectLineActivity(string kind) => kind switch
    {
        "message" => new JsonObject
        {
            ["type"] = "message", ["text"] = "정산은 언제 들어와요?", ["locale"] = "ko-KR",
            ["from"] = new JsonObject { ["id"] = "seller-web", ["name"] = "판매자" }, ["channelData"] = new JsonObject { ["clientActivityID"] = "c-1" },
        },
        "handoff" => new JsonObject
        {
            ["type"] = "event", ["name"] = "handoff.status", ["value"] = new JsonObject { ["state"] = "completed", ["message"] = "done" },
            ["from"] = new JsonObject { ["id"] = "seller-web" },
        },
        "feedback" => new JsonObject
        {
            ["type"] = "event", ["name"] = "webchat:activity-status/feedback", ["from"] = new JsonObject { ["id"] = "seller-web" },
            ["entities"] = new JsonArray(new JsonObject { ["type"] = "https://schema.org/LikeAction", ["@id"] = "feedback:like:settlement-account" }),
        },
        _ => new JsonObject { ["type"] = "typing", ["from"] = new JsonObject { ["id"] = "seller-web" } },
    };

    private JsonObject TalkTalkSeed(string kind)
    {
        var user = "tt-fuzz-" + NextConversation();
        return kind switch
        {
            "open" => new JsonObject { ["event"] = "open", ["user"] = user, ["options"] = new JsonObject { ["inflow"] = "list", ["referer"] = "https://seller.example.com", ["friend"] = false, ["under14"] = false, ["under19"] = false } },
            "send" => new JsonObject { ["event"] = "send", ["user"] = user, ["textContent"] = new JsonObject { ["text"] = "정산은 언제 들어와요?", ["inputType"] = "typing" }, ["options"] = new JsonObject { ["standby"] = false } },
            "button" => new JsonObject { ["event"] = "send", ["user"] = user, ["standby"] = false, ["textContent"] = new JsonObject { ["text"] = "정산 일정", ["code"] = "reply:정산 일정", ["inputType"] = "button" } },
            "handover" => new JsonObject { ["event"] = "handover", ["user"] = user, ["options"] = new JsonObject { ["control"] = "passThread", ["metadata"] = "partner done" } },
            "leave" => new JsonObject { ["event"] = "leave", ["user"] = user, ["options"] = new JsonObject { ["set"] = "off" } },
            "friend" => new JsonObject { ["event"] = "friend", ["user"] = user, ["options"] = new JsonObject { ["set"] = "on" } },
            "echo" => new JsonObject { ["event"] = "echo", ["user"] = user, ["echoedEvent"] = "send", ["textContent"] = new JsonObject { ["text"] = "메아리" } },
            _ => new JsonObject { ["event"] = "action", ["user"] = user, ["options"] = new JsonObject { ["action"] = "typingOn" } },
        };
    }

    // A user that does not exist: hostile passwords then never reach the (deliberately slow) hash check.
    private static JsonObject LoginSeed() => new() { ["username"] = "fuzz-nobody", ["password"] = "not-a-password" };

    private static FuzzCaller CallerFor(string template) =>
        template.StartsWith("/talktalk/", StringComparison.Ordinal) ? FuzzCaller.Local
        : template.EndsWith("/logout", StringComparison.Ordinal) ? FuzzCaller.FreshAgent
        : template.StartsWith("/api/agent/", StringComparison.Ordinal) && !template.EndsWith("/login", StringComparison.Ordinal) ? FuzzCaller.Agent
        : FuzzCaller.Rotating;

    private string? AuthorizationFor(string template) =>
        template is "/v3/directline/tokens/generate" or "/v3/directline/conversations" ? "Bearer " + AssistantFactory.DirectLineSecret
        : template.StartsWith("/v3/directline/", StringComparison.Ordinal) ? "Bearer " + targets.Token
        : null;

    private static IEnumerable<FuzzCaller> CallerVariants(string template) =>
        template.StartsWith("/api/agent/", StringComparison.Ordinal)
            ? [FuzzCaller.Rotating, FuzzCaller.AgentNoCsrf, FuzzCaller.AgentWrongCsrf, FuzzCaller.Agent]
            : template.StartsWith("/talktalk/", StringComparison.Ordinal) ? [FuzzCaller.Rotating] : [];

    private IEnumerable<(string Label, string? Value)> AuthVariants(string template)
    {
        if (!template.StartsWith("/v3/directline/", StringComparison.Ordinal) && template != "/api/messages")
        {
            yield return ("bearer garbage", "Bearer garbage");
            yield break;
        }
        var conv = targets.ConversationId;
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        yield return ("none", null);
        yield return ("bearer empty", "Bearer ");
        yield return ("scheme only", "Bearer");
        yield return ("basic", "Basic " + Convert.ToBase64String("a:b"u8.ToArray()));
        yield return ("garbage", "Bearer garbage");
        yield return ("dots", "Bearer a.b.c");
        yield return ("no signature", "Bearer abc.");
        yield return ("not base64", "Bearer !!!.***");
        yield return ("6 KB token", "Bearer " + new string('t', 6000));
        yield return ("secret", "Bearer " + AssistantFactory.DirectLineSecret);
        yield return ("other conversation's token", "Bearer " + targets.OtherToken);
        yield return ("token with a flipped signature", "Bearer " + targets.Token[..^2] + (targets.Token[^2] == 'A' ? "BA" : "AA"));
        foreach (var (label, payload) in new (string, string)[]
        {
            ("signed, exp = 2^62", $"{{\"Conv\":\"{conv}\",\"User\":\"u\",\"Exp\":{1L << 62}}}"),
            ("signed, exp = -2^62", $"{{\"Conv\":\"{conv}\",\"User\":\"u\",\"Exp\":{-(1L << 62)}}}"),
            ("signed, exp = long.MaxValue", $"{{\"Conv\":\"{conv}\",\"User\":\"u\",\"Exp\":{long.MaxValue}}}"),
            ("signed, exp is a string", $"{{\"Conv\":\"{conv}\",\"User\":\"u\",\"Exp\":\"soon\"}}"),
            ("signed, exp is 1e999", $"{{\"Conv\":\"{conv}\",\"User\":\"u\",\"Exp\":1e999}}"),
            ("signed, conv is null", $"{{\"Conv\":null,\"User\":null,\"Exp\":{now + 3600}}}"),
            ("signed, conv is an object", $"{{\"Conv\":{{}},\"User\":\"u\",\"Exp\":{now + 3600}}}"),
            ("signed, payload is JSON null", "null"),
            ("signed, payload is an array", "[1,2]"),
            ("signed, payload is not JSON", "not json at all"),
            ("signed, payload is empty", ""),
            ("signed, deep payload", new string('[', 5000) + new string(']', 5000)),
        })
            yield return (label, "Bearer " + SignToken(payload));
    }

    private static IEnumerable<(string Label, string Name, string Value)> HeaderVariants() =>
    [
        ("foreign origin", "Origin", "https://evil.example"),
        ("allowed origin", "Origin", "https://seller.example.com"),
        ("accept xml", "Accept", "application/xml"),
        ("garbage cookie", "Cookie", "assistant.agent=garbage; assistant.csrf=garbage"),
        ("4 KB header", "x-ms-bot-agent", new string('h', 4000)),
        ("non-ascii header", "x-ms-bot-agent", "%E2%80%AE"),
    ];

    private static IEnumerable<(string Label, byte[]? Body, string? Type)> BodyVariants(JsonObject seed)
    {
        var json = Serialize(seed);
        const string type = "application/json";
        yield return ("empty with Content-Length 0", [], type);
        yield return ("no body, no content type", null, null);
        yield return ("whitespace", "  \r\n "u8.ToArray(), type);
        foreach (var top in new[] { "null", "true", "1", "\"str\"", "[]", "[{}]", "{}" })
            yield return ("top-level " + top, Encoding.UTF8.GetBytes(top), type);
        foreach (var invalid in new[] { "{", "}", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "{\"a\":NaN}", "/*c*/{}", "{\"a\":\"\u0001\"}", "{\"a\":\"line\nbreak\"}", "nul", "\0\0\0" })
            yield return ("invalid JSON " + Escape(invalid), Encoding.UTF8.GetBytes(invalid), type);
        yield return ("duplicate keys", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(json).TrimEnd('}') + (seed.Count > 0 ? "," : "") + "\"type\":1,\"type\":{}}"), type);
        yield return ("byte order mark", [0xEF, 0xBB, 0xBF, .. json], type);
        yield return ("trailing garbage", [.. json, .. "garbage"u8.ToArray()], type);
        yield return ("two documents", [.. json, .. json], type);
        yield return ("invalid UTF-8", [.. "{\"type\":\"message\",\"text\":\""u8.ToArray(), 0xFF, 0xFE, 0xC0, 0xAF, 0xED, 0xA0, 0x80, .. "\"}"u8.ToArray()], type);
        yield return ("UTF-16 without charset", Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(json)), type);
        yield return ("UTF-16 with charset", Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(json)), "application/json; charset=utf-16");
        yield return ("nested arrays 10,000 deep", Encoding.ASCII.GetBytes(new string('[', 10_000) + new string(']', 10_000)), type);
        yield return ("nested objects 2,000 deep", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000)), type);
        yield return ("unclosed nesting 5,000 deep", Encoding.ASCII.GetBytes(new string('[', 5000)), type);
    }

    private static IEnumerable<(string Label, byte[]? Body, string? Type)> ContentTypeVariants(JsonObject seed)
    {
        var json = Serialize(seed);
        yield return ("JSON without a content type", json, null);
        foreach (var type in new[] { "text/plain", "application/xml", "application/json; charset=bogus", "application/json; charset=utf-16", "application/jsonx",
                     "application/problem+json", "*/*", "application/json, text/plain", "garbage;;;=", "application/octet-stream" })
            yield return ("JSON as " + type, json, type);
        var form = string.Join('&', seed.Where(p => p.Value is JsonValue).Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value!.ToString())));
        yield return ("form-encoded", Encoding.UTF8.GetBytes(form.Length > 0 ? form : "a=1"), "application/x-www-form-urlencoded");
        yield return ("form-encoded labelled JSON", Encoding.UTF8.GetBytes(form.Length > 0 ? form : "a=1"), "application/json");
        yield return ("form-encoded, invalid escapes", "a=%zz&%%=1&=&&"u8.ToArray(), "application/x-www-form-urlencoded");
        yield return ("form key of 5,000 characters", Encoding.ASCII.GetBytes(new string('k', 5000) + "=1"), "application/x-www-form-urlencoded");
        yield return ("form of 1,500 fields", Encoding.ASCII.GetBytes(LongForm(1500)), "application/x-www-form-urlencoded");
        yield return ("form-encoded 300 KB", Encoding.ASCII.GetBytes("a=" + new string('f', 300 * 1024)), "application/x-www-form-urlencoded");
        yield return ("multipart", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n"u8.ToArray(), "multipart/form-data; boundary=x");
        yield return ("multipart without boundary", "--x\r\n"u8.ToArray(), "multipart/form-data");
        yield return ("multipart, broken", "--x\r\nContent-Disposition: form-data\r\n"u8.ToArray(), "multipart/form-data; boundary=x");
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>A Direct Line token signed exactly as the server signs them (see DirectLineTokens), around any payload.</summary>
    public static string SignToken(string payloadJson)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(AssistantFactory.DirectLineSecret), "assistant/directline/token/v1"u8.ToArray());
        var body = Base64Url(Encoding.UTF8.GetBytes(payloadJson));
        return body + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Serialize(JsonNode node)
    {
        var text = node.ToJsonString(Relaxed);
        foreach (var (placeholder, raw) in Raw) text = text.Replace("\"" + placeholder + "\"", raw, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The body grown to about <paramref name="size"/> bytes with one long string field, still valid JSON.</summary>
    private static byte[] Padded(JsonObject seed, int size)
    {
        var copy = seed.DeepClone().AsObject();
        copy["padding"] = new string('p', Math.Max(0, size - Serialize(seed).Length));
        return Serialize(copy);
    }

    private static FuzzRequest WithJson(FuzzRequest request, JsonNode body) =>
        request with { Body = Serialize(body), ContentType = "application/json", ChannelConversation = ConversationOf(body) };

    /// <summary>conversation.id when it is a string (the generators swap it for anything).</summary>
    private static string? ConversationOf(JsonNode body) =>
        body is JsonObject o && o["conversation"] is JsonObject c && c["id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;

    private static FuzzRequest WithFirstBody(FuzzRequest request, bool hasBody, List<(string Name, JsonObject Body)> seeds) =>
        hasBody ? WithJson(request, seeds[0].Body) : request;

    private FuzzRequest Json(string method, string template, string target, string kind, string detail, JsonNode body) =>
        new(method, template, kind, detail, target) { Body = Serialize(body), ContentType = "application/json", ChannelConversation = ConversationOf(body) };

    private static FuzzRequest Json(string method, string template, string target, string kind, string detail, byte[] body) =>
        new(method, template, kind, detail, target) { Body = body, ContentType = "application/json" };

    private static FuzzRequest Bytes(string method, string template, string target, string kind, string detail, byte[] body) =>
        new(method, template, kind, detail, target) { Body = body, ContentType = "application/json" };

    private string Fill(FuzzRoute route, string? hostileParameter, string? hostileValue)
    {
        var path = route.Template;
        foreach (var parameter in route.Parameters)
        {
            var value = parameter == hostileParameter ? hostileValue! : parameter switch
            {
                "conversationId" => targets.ConversationId,
                "number" => targets.TicketNumber,
                "secret" => targets.TalkTalkSecret,
                "documentName" => "v1",
                _ => "x",
            };
            path = System.Text.RegularExpressions.Regex.Replace(path, "\\{" + parameter + "[^}]*\\}", value.Replace("$", "$$", StringComparison.Ordinal));
        }
        return path;
    }

    private static IEnumerable<(string Label, List<object> Segments, JsonNode? Node)> Walk(JsonNode? node, string label = "", List<object>? segments = null)
    {
        segments ??= [];
        if (node is JsonObject o)
        {
            foreach (var (key, child) in o)
            {
                var path = new List<object>(segments) { key };
                var name = label.Length == 0 ? key : label + "." + key;
                yield return (name, path, child);
                foreach (var inner in Walk(child, name, path)) yield return inner;
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                var path = new List<object>(segments) { i };
                yield return ($"{label}[{i}]", path, a[i]);
                foreach (var inner in Walk(a[i], $"{label}[{i}]", path)) yield return inner;
            }
        }
    }

    private static JsonObject Replace(JsonObject seed, List<object> segments, JsonNode? value) => Edit(seed, segments, (parent, last) =>
    {
        if (parent is JsonObject o) o[(string)last] = value;
        else parent.AsArray()[(int)last] = value;
    });

    private static JsonObject Remove(JsonObject seed, List<object> segments) => Edit(seed, segments, (parent, last) =>
    {
        if (parent is JsonObject o) o.Remove((string)last);
        else parent.AsArray().RemoveAt((int)last);
    });

    private static JsonObject Edit(JsonObject seed, List<object> segments, Action<JsonNode, object> edit)
    {
        var copy = seed.DeepClone().AsObject();
        JsonNode parent = copy;
        foreach (var segment in segments.Take(segments.Count - 1))
            parent = segment is string key ? parent[key]! : parent[(int)segment]!;
        edit(parent, segments[^1]);
        return copy;
    }

    private string NextConversation() => $"fuzz-{seed}-{++_ids:D5}";

    private List<FuzzRequest> Shuffle(List<FuzzRequest> cases)
    {
        for (var i = cases.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (cases[i], cases[j]) = (cases[j], cases[i]);
        }
        return cases;
    }

    private static string LongForm(int fields) => string.Join('&', Enumerable.Range(0, fields).Select(i => $"f{i}={i}"));

    private static string Escape(string text) => JsonSerializer.Serialize(text)[1..^1];

    private static string Short(string text) => text.Length <= 40 ? text : text[..20] + $"…({text.Length} chars)";
}
