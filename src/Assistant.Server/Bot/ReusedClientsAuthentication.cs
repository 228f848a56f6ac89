using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace Assistant.Server.Bot;

/// <summary>
/// The configured Bot Framework authentication, without the two clients the SDK builds afresh for every turn.
/// <para>
/// <c>CloudAdapterBase</c> creates a connector client (for replies) and a user-token client (for sign-in prompts) at
/// the start of each turn and disposes both at its end. Each is a REST client with its own handler pipeline and JSON
/// settings: together about a fifth of the server's CPU per <c>/api/messages</c> request in the throughput bench, also
/// for <c>expectReplies</c> turns, which send nothing over HTTP.
/// </para>
/// <para>
/// Here a connector client is built once per bot, service URL and audience and shared by the turns (as the SDK's older
/// <c>BotFrameworkAdapter</c> did; its HTTP client and credentials are made for concurrent use), behind a handle whose
/// disposal leaves it open. The user-token client is built on first use only; this bot has no sign-in, so never.
/// Authentication itself is the configured one's, unchanged.
/// </para>
/// </summary>
public sealed class ReusedClientsAuthentication(BotFrameworkAuthentication configured) : BotFrameworkAuthentication
{
    /// <summary>Shared connector clients kept at most (service URLs are few: the allowed channels' own).</summary>
    internal const int MaxSharedClients = 64;

    private readonly ConcurrentDictionary<(string? AppId, string ServiceUrl, string? Audience), Lazy<Task<IConnectorClient>>> _clients = new();

    /// <summary>Connector clients built so far (for tests and diagnostics).</summary>
    internal int ClientsBuilt => _built;

    private int _built;

    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        var result = await configured.AuthenticateRequestAsync(activity, authHeader, cancellationToken).ConfigureAwait(false);
        result.ConnectorFactory = Sharing(result.ConnectorFactory, result.ClaimsIdentity);
        return result;
    }

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
    {
        var result = await configured.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken).ConfigureAwait(false);
        result.ConnectorFactory = Sharing(result.ConnectorFactory, result.ClaimsIdentity);
        return result;
    }

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        Sharing(configured.CreateConnectorFactory(claimsIdentity), claimsIdentity);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        Task.FromResult<UserTokenClient>(new OnFirstUseTokenClient(() => configured.CreateUserTokenClientAsync(claimsIdentity, cancellationToken)));

    public override Microsoft.Bot.Builder.Skills.BotFrameworkClient CreateBotFrameworkClient() => configured.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => configured.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        configured.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    /// <summary>
    /// The configured factory's clients, shared per bot: the bot it acts for is the audience of the inbound token (empty
    /// when anonymous).
    /// </summary>
    private SharingFactory Sharing(ConnectorFactory factory, ClaimsIdentity? identity) =>
        new(this, factory, identity?.FindFirst(AuthenticationConstants.AudienceClaim)?.Value);

    private async Task<IConnectorClient> SharedAsync(ConnectorFactory factory, string? appId, string serviceUrl, string? audience, CancellationToken cancellationToken)
    {
        var key = (appId, serviceUrl, audience);
        if (!_clients.TryGetValue(key, out var shared))
        {
            if (_clients.Count >= MaxSharedClients) return await factory.CreateAsync(serviceUrl, audience, cancellationToken).ConfigureAwait(false);
            // Built without the first caller's cancellation: other turns share the result.
            shared = _clients.GetOrAdd(key, _ => new Lazy<Task<IConnectorClient>>(() =>
            {
                Interlocked.Increment(ref _built);
                return factory.CreateAsync(serviceUrl, audience, CancellationToken.None);
            }));
        }
        try
        {
            return new SharedHandle(await shared.Value.WaitAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception) when (shared.Value.IsFaulted || shared.Value.IsCanceled)
        {
            _clients.TryRemove(KeyValuePair.Create(key, shared)); // a failed build is tried again by the next turn
            throw;
        }
    }

    private sealed class SharingFactory(ReusedClientsAuthentication owner, ConnectorFactory factory, string? appId) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            owner.SharedAsync(factory, appId, serviceUrl, audience, cancellationToken);
    }

    /// <summary>A turn's view of a shared connector client: the SDK disposes it after the turn, which must not close the client.</summary>
    internal sealed class SharedHandle(IConnectorClient client) : IConnectorClient
    {
        public Uri BaseUri { get => client.BaseUri; set => throw new NotSupportedException("a shared connector client's base URI is fixed"); }
        public JsonSerializerSettings SerializationSettings => client.SerializationSettings;
        public JsonSerializerSettings DeserializationSettings => client.DeserializationSettings;
        public ServiceClientCredentials Credentials => client.Credentials;
        public IAttachments Attachments => client.Attachments;
        public IConversations Conversations => client.Conversations;
        public void Dispose() { }
    }

    /// <summary>A user-token client built when a turn first calls it (sign-in prompts); most turns never do.</summary>
    internal sealed class OnFirstUseTokenClient(Func<Task<UserTokenClient>> create) : UserTokenClient
    {
        private Task<UserTokenClient>? _client;

        internal bool Built => _client is not null;

        private Task<UserTokenClient> Client() => LazyInitializer.EnsureInitialized(ref _client, create);

        public override async Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
            await (await Client().ConfigureAwait(false)).GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken).ConfigureAwait(false);

        public override async Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            await (await Client().ConfigureAwait(false)).GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken).ConfigureAwait(false);

        public override async Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            await (await Client().ConfigureAwait(false)).SignOutUserAsync(userId, connectionName, channelId, cancellationToken).ConfigureAwait(false);

        public override async Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            await (await Client().ConfigureAwait(false)).GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken).ConfigureAwait(false);

        public override async Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
            await (await Client().ConfigureAwait(false)).GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken).ConfigureAwait(false);

        public override async Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
            await (await Client().ConfigureAwait(false)).ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken).ConfigureAwait(false);

        protected override void Dispose(bool disposing)
        {
            if (disposing && _client is { IsCompletedSuccessfully: true } built) built.Result.Dispose();
            base.Dispose(disposing);
        }
    }
}
