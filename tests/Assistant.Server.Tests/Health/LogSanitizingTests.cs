using System.Net.Http.Json;
using Assistant.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Assistant.Server.Tests.Health;

/// <summary>A value from a client (here a conversation id with CR/LF) cannot write a forged line into the server's console log.</summary>
public sealed class LogSanitizingTests
{
    [Fact]
    public async Task AConversationIdWithCrLfStaysOnItsOwnLogLineInTheConsoleLog()
    {
        var marker = Guid.NewGuid().ToString("N");
        var conversation = $"conv-{marker}\r\nForged line {marker}";
        var console = new StringWriter();
        var original = Console.Out;
        AssistantFactory factory;
        Console.SetOut(TextWriter.Synchronized(console)); // the console logger takes its writer when the host is built
        try
        {
            factory = new AssistantFactory();
            factory.CreateClient().Dispose();
        }
        finally
        {
            Console.SetOut(original);
        }

        using (factory)
        {
            // handoff.status is logged at Information with the conversation id.
            var status = Activities.Message("", conversation);
            status["type"] = "event";
            status["name"] = "handoff.status";
            status["value"] = new System.Text.Json.Nodes.JsonObject { ["state"] = "accepted" };
            var response = await factory.CreateClient().PostAsJsonAsync("/api/messages", status);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
            Assert.Contains(factory.Log, line => line.Contains(conversation)); // the value did reach the logger, raw
        }

        var lines = console.ToString().Split('\n', '\r');
        var logged = Assert.Single(lines, l => l.Contains("handoff.status") && l.Contains(marker));
        Assert.Contains($"conv-{marker}\\r\\nForged line {marker}", logged);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("Forged line", StringComparison.Ordinal));
    }

    [Fact]
    public void TheConfiguredFormatterEscapesControlCharactersInMessagesAndScopes()
    {
        using var factory = new AssistantFactory().With("Logging:Console:FormatterOptions:IncludeScopes", "true");
        var formatter = factory.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == SanitizingConsoleFormatter.FormatterName);
        var scopes = new LoggerExternalScopeProvider();
        using var scope = scopes.Push("conversation c1\nScope line");
        var entry = new LogEntry<string>(LogLevel.Warning, "Test", default, "ignored", null, (_, _) => "value a\rb\u001b[31m\u2028c");

        var output = new StringWriter();
        formatter.Write(entry, scopes, output);

        var text = output.ToString().TrimEnd('\r', '\n');
        Assert.Contains("value a\\rb\\u001b[31m\\u2028c", text);
        Assert.DoesNotContain('\r', text);
        Assert.DoesNotContain('\u001b', text);
        Assert.Contains("c1\\nScope line", text);
        Assert.DoesNotContain(text.Split('\n'), l => l.TrimStart().StartsWith("Scope line", StringComparison.Ordinal));
    }
}
