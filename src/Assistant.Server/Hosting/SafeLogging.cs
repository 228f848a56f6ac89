using System.Collections;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Hosting;

/// <summary>
/// Console log lines that values from clients cannot forge: the console formatter configured (simple by default,
/// or <c>Logging:Console:FormatterName</c>) is wrapped by one that escapes CR, LF and every other control character
/// (<c>\r</c>, <c>\n</c>, <c>\u001b</c>…) in the formatted message and in scope values, so one log call is one line.
/// Exception stack traces keep their own lines.
/// </summary>
public static class SafeLogging
{
    public static WebApplicationBuilder AddSafeLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.AddConsoleFormatter<SanitizingConsoleFormatter, ConsoleFormatterOptions>();
        builder.Services.AddSingleton<SanitizingConsoleFormatter.InnerName>();
        builder.Services.AddSingleton<IPostConfigureOptions<ConsoleLoggerOptions>, UseSanitizingFormatter>();
        return builder;
    }

    /// <summary>The text with control characters (and Unicode line/paragraph separators) written as escapes; the same string when there are none.</summary>
    public static string Escape(string text)
    {
        var clean = true;
        foreach (var c in text)
            if (NeedsEscape(c)) { clean = false; break; }
        if (clean) return text;

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!NeedsEscape(c)) escaped.Append(c);
            else escaped.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    /// <summary>Points the console logger at the sanitizing formatter, remembering the one it was configured with.</summary>
    private sealed class UseSanitizingFormatter(SanitizingConsoleFormatter.InnerName inner) : IPostConfigureOptions<ConsoleLoggerOptions>
    {
        public void PostConfigure(string? name, ConsoleLoggerOptions options)
        {
            if (options.FormatterName == SanitizingConsoleFormatter.FormatterName) return;
            inner.Name = options.FormatterName ?? ConsoleFormatterNames.Simple;
            options.FormatterName = SanitizingConsoleFormatter.FormatterName;
        }
    }
}

/// <summary>Wraps the configured console formatter: the message and scope values it writes are escaped first.</summary>
public sealed class SanitizingConsoleFormatter(IServiceProvider services, SanitizingConsoleFormatter.InnerName inner) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "sanitizing";

    /// <summary>The name of the formatter that writes the (escaped) entries: the one the console logger was configured with.</summary>
    public sealed class InnerName
    {
        public string Name { get; set; } = ConsoleFormatterNames.Simple;
    }

    private ConsoleFormatter? _inner;

    private ConsoleFormatter InnerFormatter => _inner ??=
        services.GetServices<ConsoleFormatter>().FirstOrDefault(f => f.Name == inner.Name && f is not SanitizingConsoleFormatter)
        ?? services.GetServices<ConsoleFormatter>().First(f => f.Name == ConsoleFormatterNames.Simple);

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var format = logEntry.Formatter;
        var entry = new LogEntry<TState>(logEntry.LogLevel, logEntry.Category, logEntry.EventId, logEntry.State, logEntry.Exception,
            (state, exception) => SafeLogging.Escape(format(state, exception)));
        InnerFormatter.Write(entry, scopeProvider is null ? null : new SanitizingScopes(scopeProvider), textWriter);
    }

    /// <summary>The scopes as the inner formatter sees them: string values and the scope's text escaped.</summary>
    private sealed class SanitizingScopes(IExternalScopeProvider inner) : IExternalScopeProvider
    {
        public void ForEachScope<TState>(Action<object?, TState> callback, TState state) =>
            inner.ForEachScope((scope, s) => callback(Sanitize(scope), s), state);

        public IDisposable Push(object? state) => inner.Push(state);

        private static object? Sanitize(object? scope) => scope switch
        {
            null => null,
            IEnumerable<KeyValuePair<string, object?>> pairs => new Scope(pairs.Select(p => new KeyValuePair<string, object?>(
                SafeLogging.Escape(p.Key), p.Value is string text ? SafeLogging.Escape(text) : p.Value)).ToArray(), SafeLogging.Escape(scope.ToString() ?? "")),
            _ => SafeLogging.Escape(scope.ToString() ?? ""),
        };
    }

    private sealed class Scope(KeyValuePair<string, object?>[] pairs, string text) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public KeyValuePair<string, object?> this[int index] => pairs[index];
        public int Count => pairs.Length;
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)pairs).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        public override string ToString() => text;
    }
}
