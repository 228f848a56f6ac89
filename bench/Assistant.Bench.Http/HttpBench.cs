using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Server.Bot;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;

// Throughput of POST /api/messages for FAQ questions, against an echo bot on the same CloudAdapter
// (same validation, same serialised turns, same middleware) in the same run, on loopback.
//   dotnet run -c Release --project bench/Assistant.Bench.Http -- [--file ../shared/eval/dev.jsonl] [--clients 20] [--seconds 10] [--profile]
internal static class HttpBench
{
    private static async Task<int> Main()
    {
        var file = Arg("--file") ?? Path.Combine(FindRoot(), "..", "shared", "eval", "dev.jsonl");
        var clients = int.Parse(Arg("--clients") ?? "20");
        var seconds = double.Parse(Arg("--seconds") ?? "10");
        // FAQ questions: the cases whose expected outcome is an FAQ entry (not a handoff, smalltalk or out-of-scope).
        var questions = File.ReadLines(file).Where(l => l.Trim().Length > 0).Select(l => JsonNode.Parse(l)!)
            .Where(c => (string?)c["expect"] is { } expect && expect is not ("handoff" or "smalltalk" or "out-of-scope" or "clarify"))
            .Select(c => (string)c["text"]!).ToArray();
        Console.WriteLine($"{questions.Length} questions from {file}; {clients} concurrent clients, {seconds} s per run, {Environment.ProcessorCount} cores");

        // --profile: where a turn's time goes, one part at a time, single-threaded (decision, ticket lookup, whole engine).
        if (Environment.GetCommandLineArgs().Contains("--profile"))
        {
            await using var h = new BenchHost(false);
            var engine = h.Services.GetRequiredService<Assistant.Dialogue.ConversationEngine>();
            var decider = h.Services.GetRequiredService<Assistant.Understanding.Decider>();
            var tickets = h.Services.GetRequiredService<Assistant.Handoff.ITicketStore>();
            for (var pass = 0; pass < 2; pass++)
            {
                var w = Stopwatch.StartNew();
                foreach (var q in questions) await decider.DecideAsync(q);
                Console.WriteLine($"decide: {w.Elapsed.TotalMilliseconds / questions.Length:0.000} ms");
                w.Restart();
                foreach (var q in questions) await tickets.FindLatestByConversationAsync("emulator", "x" + q.Length);
                Console.WriteLine($"ticket lookup: {w.Elapsed.TotalMilliseconds / questions.Length:0.000} ms");
                w.Restart();
                foreach (var q in questions) await engine.RespondAsync(new(q, new("emulator", "p" + Guid.NewGuid().ToString("N"), "{}")), new Assistant.Dialogue.DialogueState());
                Console.WriteLine($"engine: {w.Elapsed.TotalMilliseconds / questions.Length:0.000} ms");
            }
            return 0;
        }
        var runs = new List<(string Name, Result Result)>();
        foreach (var (name, echo, sharedConversations) in new[] { ("echo bot", true, 0), ("assistant", false, 0), ("assistant, 4 shared conversations", false, 4) })
        {
            await using var host = new BenchHost(echo);
            var client = host.CreateClient();
            await LoadAsync(client, questions, clients, TimeSpan.FromSeconds(2), sharedConversations); // warm-up
            var result = await LoadAsync(client, questions, clients, TimeSpan.FromSeconds(seconds), sharedConversations);
            runs.Add((name, result));
            Console.WriteLine($"{name,-36} {result.Requests,7} requests  {result.PerSecond,8:0.0} req/s  p50 {result.P50,6:0.0} ms  p99 {result.P99,6:0.0} ms  errors {result.Errors}");
        }
        var echoRate = runs[0].Result.PerSecond;
        Console.WriteLine($"assistant / echo throughput: {runs[1].Result.PerSecond / echoRate:0.00} (target >= 0.70)");
        Console.WriteLine($"shared conversations (serialised turns) / own conversations: {runs[2].Result.PerSecond / runs[1].Result.PerSecond:0.00}");
        Console.WriteLine(GateCost());
        return runs.Any(r => r.Result.Errors > 0) ? 1 : 0;
    }

    private static async Task<Result> LoadAsync(HttpClient client, string[] questions, int clients, TimeSpan duration, int sharedConversations)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        var run = Guid.NewGuid().ToString("N");
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = latencies[c] = [];
            var conversation = sharedConversations > 0 ? $"shared-{c % sharedConversations}-{run}" : $"bench-{c}-{Guid.NewGuid():N}";
            for (var i = c; stop.Elapsed < duration; i++)
            {
                var activity = new JsonObject
                {
                    ["type"] = "message", ["id"] = Guid.NewGuid().ToString("N"), ["channelId"] = "emulator",
                    ["serviceUrl"] = "http://localhost:1", ["deliveryMode"] = "expectReplies",
                    ["from"] = new JsonObject { ["id"] = "seller-" + c }, ["recipient"] = new JsonObject { ["id"] = "bot" },
                    ["conversation"] = new JsonObject { ["id"] = conversation }, ["text"] = questions[i % questions.Length],
                };
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync("/api/messages", activity);
                await response.Content.ReadAsByteArrayAsync();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(all.Length, all.Length / stop.Elapsed.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)], errors);
    }

    // The serialisation's own cost: one uncontended pass through the gate, per turn.
    private static string GateCost()
    {
        var database = new Assistant.Server.Storage.SqliteDatabase(Path.Combine(Path.GetTempPath(), $"bench-gate-{Guid.NewGuid():N}.db"));
        var gate = new ConversationGate(database, Microsoft.Extensions.Logging.Abstractions.NullLogger<ConversationGate>.Instance);
        const int n = 200_000;
        for (var i = 0; i < 1000; i++) gate.RunAsync("c", "x" + (i % 16), _ => Task.CompletedTask, default).GetAwaiter().GetResult();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) gate.RunAsync("c", "x" + (i % 16), _ => Task.CompletedTask, default).GetAwaiter().GetResult();
        return $"gate cost per turn (SQLite, in process): {watch.Elapsed.TotalMilliseconds * 1000 / n:0.00} µs";
    }

    private static string? Arg(string name) => Environment.GetCommandLineArgs().SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Assistant.sln"))) return dir.FullName;
        throw new InvalidOperationException("Assistant.sln not found");
    }
}

internal sealed record Result(int Requests, double PerSecond, double P50, double P99, int Errors);

/// <summary>The real server on a loopback port, with its own SQLite file; optionally the echo bot in place of the seller bot.</summary>
internal sealed class BenchHost : WebApplicationFactory<Program>
{
    private readonly bool _echo;
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.db");

    public BenchHost(bool echo)
    {
        _echo = echo;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSolutionRelativeContentRoot("src/Assistant.Server");
        builder.UseEnvironment("Production");
        builder.UseSetting("Bot:AllowAnonymous", "true");
        builder.UseSetting("DirectLine:Secret", "benchmark-direct-line-secret-0123456789");
        builder.UseSetting("Storage:SqlitePath", _database);
        if (_echo) builder.ConfigureTestServices(services => services.AddTransient<IBot, EchoBot>());
    }

    private sealed class EchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<Microsoft.Bot.Schema.IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(MessageFactory.Text(turnContext.Activity.Text), cancellationToken);
    }
}
