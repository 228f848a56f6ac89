using Microsoft.Extensions.Options;

namespace Assistant.Server.Bot;

/// <summary>
/// Who may use <c>POST /api/messages</c> and where the bot may send. Without <c>MicrosoftAppId</c>
/// the endpoint is unauthenticated: fine for the Emulator in Development, refused at start-up in any
/// other environment unless <see cref="AllowAnonymous"/> says this is a deliberate local setup.
/// Replies and proactive messages go only to service URLs whose host matches
/// <see cref="AllowedServiceHosts"/> ("*.example.com" matches subdomains); unauthenticated, the
/// default is this machine only.
/// </summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    public bool AllowAnonymous { get; set; }

    /// <summary>Hosts the bot may post to; empty means the defaults of the authentication mode.</summary>
    public List<string> AllowedServiceHosts { get; set; } = [];

    public static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>Azure Bot Service's connector hosts (public and government clouds), plus the local Emulator.</summary>
    public static readonly string[] AzureHosts = ["*.botframework.com", "*.botframework.azure.us", "smba.trafficmanager.net", "*.trafficmanager.net", .. LoopbackHosts];

    public static bool IsAnonymous(IConfiguration configuration) => string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]);

    /// <summary>The host patterns in force: the configured ones, or the defaults for the authentication mode.</summary>
    public IReadOnlyList<string> ServiceHosts(IConfiguration configuration) =>
        AllowedServiceHosts.Count > 0 ? AllowedServiceHosts : IsAnonymous(configuration) ? LoopbackHosts : AzureHosts;

    /// <summary>Whether the bot may send to this service URL: absolute http(s), with an allowed host.</summary>
    public static bool IsAllowed(string? serviceUrl, IReadOnlyList<string> hosts)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;
        var host = uri.Host.ToLowerInvariant();
        if (uri.HostNameType == UriHostNameType.IPv6) host = "[" + host.Trim('[', ']') + "]";
        return hosts.Any(pattern => pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>Refuses to start an unauthenticated bot endpoint outside Development unless explicitly allowed.</summary>
internal sealed class BotOptionsValidator(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options) =>
        BotOptions.IsAnonymous(configuration) && !environment.IsDevelopment() && !options.AllowAnonymous
            ? ValidateOptionsResult.Fail(
                $"MicrosoftAppId is empty, so /api/messages would accept anyone in the {environment.EnvironmentName} environment. " +
                "Set MicrosoftAppId and MicrosoftAppPassword (or MicrosoftAppTenantId), or set Bot:AllowAnonymous=true for a local setup.")
            : ValidateOptionsResult.Success;
}
