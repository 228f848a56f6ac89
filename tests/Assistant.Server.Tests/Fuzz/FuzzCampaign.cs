using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Knowledge;
using Assistant.Server.Tests.Handoff;
using Assistant.Server.Tests.TalkTalk;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Server.Tests.Fuzz;

/// <summary>What one fuzz request got back, and why it counts as a failure (null when it does not).</summary>
public sealed record FuzzOutcome(FuzzRequest Request, int Status, string? ContentType, string Body, string? Failure);

/// <summary>The result of a fuzz run: every outcome, the routes it covered, how long it took.</summary>
public sealed class FuzzReport
{
    public List<FuzzOutcome> Outcomes { get; } = [];
    public List<FuzzRoute> Routes { get; init; } = [];
    public int Requests { get; set; }
    public TimeSpan Elapsed { get; set; }
    public string? StoppedBy { get; set; }

    public IEnumerable<FuzzOutcome> Failures => Outcomes.Where(o => o.Failure is not null);

    /// <summary>Failures grouped by route template, input kind, status and reason (with the methods and example inputs).</summary>
    public string FailureSummary()
    {
        var text = new StringBuilder();
        var groups = Failures.GroupBy(o => (o.Request.Template, o.Request.Kind, o.Status, o.Failure))
            .OrderBy(g => g.Key.Template, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Status).ToList();
        text.AppendLine($"{Failures.Count()} failing requests in {groups.Count} groups:");
        foreach (var group in groups)
        {
            var first = group.First();
            var methods = string.Join(',', group.Select(o => o.Request.Method).Distinct().Order(StringComparer.Ordinal));
            var details = group.Select(o => o.Request.Detail).Distinct().ToList();
            text.AppendLine($"- {methods} {group.Key.Template} [{group.Key.Kind}] -> {(group.Key.Status == 0 ? "no response" : group.Key.Status.ToString())}: {group.Key.Failure} (x{group.Count()})");
            text.AppendLine($"    inputs: {string.Join(" | ", details.Take(4).Select(d => Clip(d, 90)))}{(details.Count > 4 ? $" | … {details.Count - 4} more" : "")}");
            text.AppendLine($"    body: {(first.Body.Length == 0 ? "(empty)" : Clip(first.Body, 200))}");
        }
        return text.ToString();
    }

    public string Statistics()
    {
        var text = new StringBuilder();
        text.AppendLine($"{Requests} requests in {Elapsed.TotalSeconds:0.0} s ({StoppedBy ?? "all generated inputs sent"}); {Failures.Count()} failures");
        text.AppendLine("by status: " + string.Join(", ", Outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "none" : g.Key.ToString())}: {g.Count()}")));
        text.AppendLine("the inputs the issue names:");
        foreach (var o in Outcomes.Where(o => o.Request.Kind == "known"))
            text.AppendLine($"  {o.Request.Method} {o.Request.Template} ({o.Request.Detail}) -> {o.Status}{(o.Failure is null ? "" : " FAIL: " + o.Failure)}");
        text.AppendLine("by route:");
        foreach (var g in Outcomes.GroupBy(o => o.Request.Template).OrderBy(g => g.Key, StringComparer.Ordinal))
            text.AppendLine($"  {g.Key}: {g.Count()}");
        return text.ToString();
    }

    private static string Clip(string text, int max)
    {
        var flat = text.Replace("\r", "\\r").Replace("\n", "\\n");
        return flat.Length <= max ? flat : flat[..max] + "…";
    }
}

/// <summary>
/// The real server on a loopback port (TalkTalk on, local Bot Framework channel and TalkTalk doubles),
/// with a live Direct Line conversation, a ticket and a signed-in agent; runs the fuzz campaign once
/// for the tests that share it. Bounded: at most <see cref="MaxRequests"/> requests and
/// <see cref="Budget"/> of sending, all to 127.0.0.0/8.
/// </summary>
public sealed class FuzzCampaign : IAsyncLifetime
{
    public const int Seed = 20240611;
    public const int MaxRequests = 4000;
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    private const int MaxBodyRead = 64 * 1024;

    private readonly Lazy<Task<FuzzReport>> _run;
    private HttpClient _local = null!, _rotating = null!, _agent = null!;
    private string _csrf = "";
    private int _nextAddress;
    private string _apology = "";
    private long _watermark;

    public FuzzCampaign() => _run = new(RunAsync);

    public AssistantFactory Factory { get; private set; } = null!;
    public FakeChannel Channel { get; private set; } = null!;
    public FakeTalkTalk TalkTalk { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public FuzzTargets Targets { get; private set; } = null!;
    public HttpClient Local => _local;

    /// <summary>The campaign's report; it runs on the first call.</summary>
    public Task<FuzzReport> ReportAsync() => _run.Value;

    public async Task InitializeAsync()
    {
        Channel = await FakeChannel.StartAsync();
        TalkTalk = await FakeTalkTalk.StartAsync();
        Factory = new AssistantFactory()
            .With("TalkTalk:Enabled", "true")
            .With("TalkTalk:WebhookSecret", TalkTalkFixture.WebhookSecret)
            .With("TalkTalk:PartnerKey", FakeTalkTalk.PartnerKey)
            .With("TalkTalk:SendApiUrl", TalkTalk.SendApiUrl)
            // One conversation takes hundreds of fuzzed posts: the per-conversation limit would answer most of them.
            .With("DirectLine:MessagesPerMinute", "10000");
        Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        BaseUrl = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _apology = Factory.Services.GetRequiredService<KnowledgeBase>().Replies.Error;

        _local = new HttpClient(Handler(() => IPAddress.Loopback, cookies: false)) { BaseAddress = new Uri(BaseUrl), Timeout = Timeout.InfiniteTimeSpan };
        _rotating = new HttpClient(Handler(NextAddress, cookies: false)) { BaseAddress = new Uri(BaseUrl), Timeout = Timeout.InfiniteTimeSpan };
        (_agent, _csrf) = await SignInAsync();

        var minted = await PostJsonAsync("/v3/directline/tokens/generate", AssistantFactory.DirectLineSecret, new JsonObject { ["user"] = new JsonObject { ["id"] = "seller-fuzz" } });
        var started = await PostJsonAsync("/v3/directline/conversations", (string)minted["token"]!, new JsonObject());
        var other = await PostJsonAsync("/v3/directline/tokens/generate", AssistantFactory.DirectLineSecret, new JsonObject());
        var ticket = await new Seller(_local, Channel).OpenTicketAsync();
        Targets = new FuzzTargets(Channel.ServiceUrl, (string)started["conversationId"]!, (string)started["token"]!, (string)other["token"]!, ticket, TalkTalkFixture.WebhookSecret);
    }

    public async Task DisposeAsync()
    {
        _local?.Dispose();
        _rotating?.Dispose();
        _agent?.Dispose();
        await Factory.DisposeAsync();
        await TalkTalk.DisposeAsync();
        await Channel.DisposeAsync();
    }

    /// <summary>Every route the app maps (so a new endpoint is fuzzed without touching this file), merged by template.</summary>
    public List<FuzzRoute> Routes() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .GroupBy(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Select(g => new FuzzRoute(
                g.Key,
                g.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Distinct().Order(StringComparer.Ordinal).ToList(),
                g.First().RoutePattern.Parameters.Select(p => p.Name).ToList()))
            .OrderBy(r => r.Template, StringComparer.Ordinal)
            .ToList();

    private async Task<FuzzReport> RunAsync()
    {
        var routes = Routes();
        var inputs = new FuzzInputs(Targets, Seed);
        var report = new FuzzReport { Routes = routes };

        // Known faults and rate-limit probes first; then one input per route in turn, so every route is
        // covered however early the budget ends the run.
        var queues = routes.Select(inputs.For).Append(inputs.StaticAndFallback()).Select(l => new Queue<FuzzRequest>(l)).ToList();
        IEnumerable<FuzzRequest> Ordered()
        {
            foreach (var r in inputs.Known()) yield return r;
            foreach (var r in inputs.RateLimitProbes()) yield return r;
            while (queues.Any(q => q.Count > 0))
                foreach (var queue in queues)
                    if (queue.TryDequeue(out var r)) yield return r;
        }

        var clock = Stopwatch.StartNew();
        foreach (var request in Ordered())
        {
            if (report.Requests >= MaxRequests) { report.StoppedBy = $"stopped at the cap of {MaxRequests} requests"; break; }
            if (clock.Elapsed > Budget) { report.StoppedBy = $"stopped at the {Budget.TotalSeconds:0} s budget"; break; }
            report.Outcomes.Add(await SendAsync(request, report));
        }
        report.Elapsed = clock.Elapsed;
        return report;
    }

    /// <summary>The largest body a route reads: 256 KB for the bot endpoint, 64 KB or less everywhere else.</summary>
    private static int BodyLimit(string template) => template == "/api/messages" ? 256 * 1024 : 64 * 1024;

    private async Task<FuzzOutcome> SendAsync(FuzzRequest r, FuzzReport report)
    {
        HttpClient? fresh = null;
        try
        {
            (HttpClient Client, string? Csrf) caller = r.Caller switch
            {
                FuzzCaller.Local => (_local, null),
                FuzzCaller.Agent => (_agent, _csrf),
                FuzzCaller.AgentNoCsrf => (_agent, null),
                FuzzCaller.AgentWrongCsrf => (_agent, "CfDJ8forged-token"),
                FuzzCaller.FreshAgent => await FreshAgentAsync(report),
                _ => (_rotating, null),
            };
            var (client, csrf) = caller;
            if (r.Caller == FuzzCaller.FreshAgent) fresh = client;

            using var message = new HttpRequestMessage(new HttpMethod(r.Method), new Uri(BaseUrl + r.Target));
            if (r.Caller == FuzzCaller.Rotating) message.Headers.ConnectionClose = true; // the next request comes from another address
            if (r.Body is not null)
            {
                message.Content = r.Chunked ? new ChunkedContent(r.Body) : new ByteArrayContent(r.Body);
                if (r.ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", r.ContentType);
                if (r.Chunked) message.Headers.TransferEncodingChunked = true;
            }
            if (r.Authorization is not null) message.Headers.TryAddWithoutValidation("Authorization", r.Authorization);
            if (csrf is not null) message.Headers.TryAddWithoutValidation("X-CSRF-TOKEN", csrf);
            foreach (var (name, value) in r.Headers) message.Headers.TryAddWithoutValidation(name, value);

            report.Requests++;
            using var timeout = new CancellationTokenSource(RequestTimeout);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType;
            // A server-sent event stream never ends: its headers are the answer.
            var body = type == "text/event-stream" ? "" : await ReadAsync(response, timeout.Token);
            // Reads (GET) return history that earlier inputs wrote: only a request that ran a turn can fail one.
            var failure = Judge(status, type, body, ranTurn: r.Method != "GET");

            if (failure is null && status < 300 && r.ChannelConversation is { } conversation
                && Channel.Received(conversation).Any(a => Apologises(a.ToJsonString())))
                failure = "the bot sent the channel its failed-turn apology";
            if (failure is null && status < 300 && r.ReadBack)
                failure = await ReadBackAsync(report);
            if (r.Caller == FuzzCaller.Agent && status < 300 && r.Target.EndsWith("/logout", StringComparison.Ordinal))
                (_agent, _csrf) = await SignInAsync();
            return new FuzzOutcome(r, status, type, body, failure);
        }
        catch (Exception ex) when (r.Body is { } body && body.Length > BodyLimit(r.Template) && ex is HttpRequestException or IOException)
        {
            // A body over the route's limit refused before it was all sent: the server answered 413 and
            // closed the connection while the client was still uploading. That is a refusal, not a failure.
            return new FuzzOutcome(r, 413, null, "(connection closed while uploading)", null);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or SocketException)
        {
            return new FuzzOutcome(r, 0, null, "", $"no response: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            fresh?.Dispose();
        }
    }

    /// <summary>Why a response fails the contract: 5xx, or a 4xx without a JSON (problem) body, or the failed-turn apology.</summary>
    private string? Judge(int status, string? type, string body, bool ranTurn)
    {
        if (status >= 500) return "server error";
        if (status >= 400)
        {
            if (body.Length == 0) return "4xx without a body";
            if (type is not ("application/problem+json" or "application/json")) return $"4xx body is {type ?? "untyped"}, not JSON";
            try { JsonNode.Parse(body); }
            catch (System.Text.Json.JsonException) { return "4xx body does not parse as JSON"; }
        }
        return ranTurn && Apologises(body) ? "reply is the failed-turn apology" : null;
    }

    /// <summary>The failed-turn apology anywhere in a body, raw or inside JSON strings (however escaped).</summary>
    private bool Apologises(string body)
    {
        if (body.Contains(_apology, StringComparison.Ordinal)) return true;
        if (!body.Contains("\\u", StringComparison.Ordinal)) return false;
        try { return Strings(JsonNode.Parse(body)).Any(s => s.Contains(_apology, StringComparison.Ordinal)); }
        catch (System.Text.Json.JsonException) { return false; }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    /// <summary>Direct Line: a failed turn shows only as the apology stored in the conversation; read what was added.</summary>
    private async Task<string?> ReadBackAsync(FuzzReport report)
    {
        report.Requests++;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{Targets.ConversationId}/activities?watermark={_watermark}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Targets.Token);
        using var response = await _local.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) return $"reading the conversation back failed: {(int)response.StatusCode}";
        var set = JsonNode.Parse(body)!;
        _watermark = long.Parse((string)set["watermark"]!, System.Globalization.CultureInfo.InvariantCulture);
        return Apologises(body) ? "the bot stored its failed-turn apology in the conversation" : null;
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxBodyRead];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0) total += read;
        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    private async Task<(HttpClient Client, string? Csrf)> FreshAgentAsync(FuzzReport report)
    {
        report.Requests++;
        var (client, csrf) = await SignInAsync();
        return (client, csrf);
    }

    /// <summary>Signs agent1 in from a new address (the sign-in limit is per address), with its own cookie jar.</summary>
    private async Task<(HttpClient, string)> SignInAsync()
    {
        var address = NextAddress();
        var client = new HttpClient(Handler(() => address, cookies: true)) { BaseAddress = new Uri(BaseUrl), Timeout = Timeout.InfiniteTimeSpan };
        var password = AssistantFactory.Agents.Single(a => a.Id == "agent1").Password;
        var response = await client.PostAsJsonAsync("/api/agent/login", new { username = "agent1", password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in failed: {(int)response.StatusCode} {body}");
        return (client, (string)JsonNode.Parse(body)!["csrfToken"]!);
    }

    private async Task<JsonNode> PostJsonAsync(string path, string bearer, JsonNode body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await _local.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>127.0.1.1, 127.0.1.2, …: all loopback, each its own rate-limit partition.</summary>
    private IPAddress NextAddress()
    {
        var n = Interlocked.Increment(ref _nextAddress);
        return new IPAddress([127, (byte)(1 + n / 250 % 250), (byte)(1 + n % 250), 1]);
    }

    private static SocketsHttpHandler Handler(Func<IPAddress> source, bool cookies) => new()
    {
        UseCookies = cookies,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source(), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>A body sent with <c>Transfer-Encoding: chunked</c> (no length known up front), in 16 KB chunks.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 16 * 1024)
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(16 * 1024, body.Length - offset)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
