using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Assistant.Server.Tests;

/// <summary>
/// The real server (knowledge, model, Bot Framework adapter, SQLite) in memory, on its own database
/// file, with test agents and optional setting overrides.
/// </summary>
public class AssistantFactory : WebApplicationFactory<Program>
{
    public static readonly (string Id, string Name, string Password, string Role, string Categories)[] Agents =
    [
        ("agent1", "김상담", "agent1-password", "Agent", ""),
        ("agent2", "이상담", "agent2-password", "Agent", ""),
        ("payments", "최결제", "payments-password", "Agent", "payment"),
    ];

    private static readonly Lazy<string[]> Hashes = new(() => Agents.Select(a => PasswordHasher.Hash(a.Password)).ToArray());
    private readonly Dictionary<string, string?> _settings = new();

    public AssistantFactory()
    {
        DatabasePath = Path.Combine(Path.GetTempPath(), "assistant-test-" + Guid.NewGuid().ToString("N") + ".db");
        _settings["Storage:SqlitePath"] = DatabasePath;
        _settings["DirectLine:Secret"] = DirectLineSecret;
        // Tests run outside Development, where an unauthenticated bot endpoint must be allowed explicitly.
        _settings["Bot:AllowAnonymous"] = "true";
        _settings["DirectLine:AllowedOrigins:0"] = "https://seller.example.com";
        for (var i = 0; i < Agents.Length; i++)
        {
            _settings[$"Agents:Accounts:{i}:Id"] = Agents[i].Id;
            _settings[$"Agents:Accounts:{i}:Name"] = Agents[i].Name;
            _settings[$"Agents:Accounts:{i}:PasswordHash"] = Hashes.Value[i];
            _settings[$"Agents:Accounts:{i}:Role"] = Agents[i].Role;
            if (Agents[i].Categories.Length > 0) _settings[$"Agents:Accounts:{i}:Categories:0"] = Agents[i].Categories;
        }
    }

    public const string DirectLineSecret = "test-direct-line-secret-0123456789abcdef";

    public string DatabasePath { get; private set; }

    /// <summary>An instance on a shared PostgreSQL database (several of them behave as one deployment).</summary>
    public static AssistantFactory OnPostgres(string connectionString) =>
        new AssistantFactory().With("Storage:Provider", "postgres").With("Storage:PostgresConnectionString", connectionString);

    public AssistantFactory With(string key, string? value)
    {
        _settings[key] = value;
        if (key == "Storage:SqlitePath") DatabasePath = value!;
        return this;
    }

    /// <summary>Everything the server logged, for tests that check what it says.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

    /// <summary>The copy of the repository's knowledge this server serves and may write (a saved knowledge version is written there).</summary>
    private string? _knowledgeCopy;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(new CollectingLoggerProvider(Log)));
        // A test never writes the repository's knowledge/: unless it names its own folder, the server gets a copy.
        if (!_settings.ContainsKey("Knowledge:Directory"))
        {
            _knowledgeCopy ??= CopyKnowledge();
            builder.UseSetting("Knowledge:Directory", _knowledgeCopy);
        }
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    private static string CopyKnowledge()
    {
        var target = Path.Combine(Path.GetTempPath(), "assistant-knowledge-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Knowledge, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(RepoPaths.Knowledge, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        DeleteKnowledgeCopy();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteKnowledgeCopy();
    }

    private void DeleteKnowledgeCopy()
    {
        try { if (_knowledgeCopy is not null) Directory.Delete(_knowledgeCopy, recursive: true); }
        catch (IOException) { }
    }
}

internal sealed class CollectingLoggerProvider(System.Collections.Concurrent.ConcurrentQueue<string> sink) : Microsoft.Extensions.Logging.ILoggerProvider
{
    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(sink, categoryName);

    public void Dispose() { }

    private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> sink, string category) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Information;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
    }
}

/// <summary>Builds Bot Framework activities as a channel would send them and reads the replies.</summary>
public static class Activities
{
    public static JsonObject Message(string text, string conversationId, string serviceUrl = "http://localhost:1") => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "emulator",
        ["serviceUrl"] = serviceUrl,
        ["deliveryMode"] = "expectReplies",
        ["from"] = new JsonObject { ["id"] = "seller-1", ["name"] = "판매자" },
        ["recipient"] = new JsonObject { ["id"] = "assistant-bot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["locale"] = "ko-KR",
        ["text"] = text,
    };

    public static JsonObject MembersAdded(string conversationId)
    {
        var activity = Message("", conversationId);
        activity["type"] = "conversationUpdate";
        activity.Remove("text");
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "seller-1" }, new JsonObject { ["id"] = "assistant-bot" });
        return activity;
    }

    /// <summary>Posts one activity with deliveryMode expectReplies and returns every activity the bot sent back.</summary>
    public static async Task<IReadOnlyList<JsonObject>> SendAllAsync(HttpClient client, JsonObject activity)
    {
        var response = await client.PostAsJsonAsync("/api/messages", activity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        if (string.IsNullOrWhiteSpace(body)) return [];
        return JsonNode.Parse(body)!["activities"]!.AsArray().Select(a => a!.AsObject()).ToArray();
    }

    /// <summary>The bot's message replies only.</summary>
    public static async Task<IReadOnlyList<JsonObject>> SendAsync(HttpClient client, JsonObject activity) =>
        (await SendAllAsync(client, activity)).Where(a => (string?)a["type"] == "message").ToArray();

    public static JsonObject Decision(JsonObject reply) => reply["channelData"]!["assistant"]!.AsObject();

    public static string[] SuggestedTitles(JsonObject reply) =>
        reply["suggestedActions"]?["actions"]?.AsArray().Select(a => (string)a!["title"]!).ToArray() ?? [];
}
