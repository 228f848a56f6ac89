using System.Net.Http.Json;
using System.Reflection;
using Assistant.Server.Bot;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Bot;

/// <summary>
/// The connector client is built once per service URL and shared by the turns (the SDK disposes each turn's handle,
/// which must leave it working); the user-token client is built only when a turn calls it.
/// </summary>
public sealed class ReusedClientsAuthenticationTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    [Fact]
    public async Task TurnsOfOneChannelShareOneConnectorClientAndEveryReplyStillArrives()
    {
        var authentication = Assert.IsType<ReusedClientsAuthentication>(factory.Services.GetRequiredService<BotFrameworkAuthentication>());
        await using var channel = await FakeChannel.StartAsync(); // a service URL no turn has used yet
        var client = factory.CreateClient();
        var conversation = "shared-client-" + Guid.NewGuid().ToString("N");
        var before = authentication.ClientsBuilt;

        // One at a time (each turn disposes its handle before the next starts), then five at once.
        foreach (var question in ConcurrentTurnsTests.Questions.Take(3))
        {
            var activity = Message(question, conversation, channel.ServiceUrl);
            activity.Remove("deliveryMode");
            var response = await client.PostAsJsonAsync("/api/messages", activity);
            Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        }
        await ConcurrentTurnsTests.SendTogetherAsync(client, channel, conversation + "-burst", ConcurrentTurnsTests.Questions);

        Assert.Equal(3, channel.Received(conversation).Count);
        Assert.Equal(5, channel.Received(conversation + "-burst").Count);
        Assert.Equal(before + 1, authentication.ClientsBuilt);
    }

    [Fact]
    public async Task WebChatTurnsShareOneInProcessConnectorClient()
    {
        var adapter = factory.Services.GetRequiredService<AssistantCloudAdapter>();
        foreach (var question in ConcurrentTurnsTests.Questions.Take(2))
        {
            var web = await Assistant.Server.Tests.DirectLine.DirectLineClient.StartAsync(factory.CreateClient());
            await web.PostAsync(question, "client-" + Guid.NewGuid().ToString("N"));
            var answers = (await web.PollAsync()).Where(a => (string?)a!["type"] == "message" && (string?)a["from"]!["role"] == "bot").ToArray();
            Assert.Contains(answers, a => (string?)a!["channelData"]?["assistant"]?["action"] == "answer");
        }
        Assert.Equal(1, adapter.InProcessConnectorClients);
    }

    [Fact]
    public async Task TheUserTokenClientIsBuiltOnlyWhenCalledAndThenOnce()
    {
        var builds = 0;
        var inner = new RecordingTokenClient();
        using var client = new ReusedClientsAuthentication.OnFirstUseTokenClient(() =>
        {
            builds++;
            return Task.FromResult<UserTokenClient>(inner);
        });
        Assert.False(client.Built);
        Assert.Equal(0, builds);

        await client.GetTokenStatusAsync("seller-1", "emulator", "", CancellationToken.None);
        await client.SignOutUserAsync("seller-1", "conn", "emulator", CancellationToken.None);

        Assert.Equal(1, builds);
        Assert.Equal(["GetTokenStatusAsync", "SignOutUserAsync"], inner.Calls);
        client.Dispose();
        Assert.True(inner.Disposed);
    }

    [Fact]
    public async Task AuthenticationIsTheConfiguredOnesAndClientsAreSharedPerBotAndServiceUrl()
    {
        var configured = new FakeAuthentication();
        var authentication = new ReusedClientsAuthentication(configured);
        var activity = new Activity { ServiceUrl = "https://smba.trafficmanager.net/kr/" };

        var first = await authentication.AuthenticateRequestAsync(activity, "Bearer a", CancellationToken.None);
        var second = await authentication.AuthenticateRequestAsync(activity, "Bearer a", CancellationToken.None);
        Assert.Same(configured.Identities[0], first.ClaimsIdentity);
        Assert.Equal(("caller", "scope"), (first.CallerId, first.Audience));

        var a = await first.ConnectorFactory.CreateAsync(activity.ServiceUrl, "scope", CancellationToken.None);
        a.Dispose(); // the SDK disposes each turn's client at the end of the turn
        var b = await second.ConnectorFactory.CreateAsync(activity.ServiceUrl, "scope", CancellationToken.None);
        var elsewhere = await second.ConnectorFactory.CreateAsync("https://directline.botframework.com/", "scope", CancellationToken.None);
        var otherBot = await (await authentication.AuthenticateRequestAsync(activity, "Bearer b", CancellationToken.None))
            .ConnectorFactory.CreateAsync(activity.ServiceUrl, "scope", CancellationToken.None);

        Assert.Same(a.Conversations, b.Conversations);
        Assert.NotSame(a.Conversations, elsewhere.Conversations);
        Assert.NotSame(a.Conversations, otherBot.Conversations);
        Assert.Equal(3, configured.Built.Count);
        Assert.DoesNotContain(configured.Built, c => c.Disposed);
    }

    [Fact]
    public void EveryOverridableMemberIsPassedOn()
    {
        // A member the SDK adds in a later version would otherwise run the base class's code instead of the configured client's.
        static string[] Missing(Type @base, Type wrapper) => @base
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.IsVirtual && !m.IsFinal)
            .Where(m => wrapper.GetMethod(m.Name, m.GetParameters().Select(p => p.ParameterType).ToArray())?.DeclaringType != wrapper)
            .Select(m => m.Name).ToArray();

        Assert.Empty(Missing(typeof(UserTokenClient), typeof(ReusedClientsAuthentication.OnFirstUseTokenClient)));
        Assert.Empty(Missing(typeof(BotFrameworkAuthentication), typeof(ReusedClientsAuthentication)));
    }

    /// <summary>The configured authentication: each bearer token names its bot (the audience claim); every client it builds is recorded.</summary>
    private sealed class FakeAuthentication : BotFrameworkAuthentication
    {
        public List<System.Security.Claims.ClaimsIdentity> Identities { get; } = [];
        public List<FakeConnector> Built { get; } = [];

        public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
        {
            var identity = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(AuthenticationConstants.AudienceClaim, "bot-" + authHeader[^1])]);
            Identities.Add(identity);
            return Task.FromResult(new AuthenticateRequestResult { ClaimsIdentity = identity, CallerId = "caller", Audience = "scope", ConnectorFactory = new Factory(this) });
        }

        public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override ConnectorFactory CreateConnectorFactory(System.Security.Claims.ClaimsIdentity claimsIdentity) => new Factory(this);

        public override Task<UserTokenClient> CreateUserTokenClientAsync(System.Security.Claims.ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
            Task.FromResult<UserTokenClient>(new RecordingTokenClient());

        private sealed class Factory(FakeAuthentication owner) : ConnectorFactory
        {
            public override Task<Microsoft.Bot.Connector.IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
            {
                var client = new FakeConnector(new Uri(serviceUrl));
                owner.Built.Add(client);
                return Task.FromResult<Microsoft.Bot.Connector.IConnectorClient>(client);
            }
        }
    }

    private sealed class FakeConnector(Uri baseUri) : Microsoft.Bot.Connector.IConnectorClient
    {
        private readonly Microsoft.Bot.Connector.ConnectorClient _real = new(baseUri, MicrosoftAppCredentials.Empty);

        public bool Disposed { get; private set; }
        public Uri BaseUri { get => _real.BaseUri; set => _real.BaseUri = value; }
        public Newtonsoft.Json.JsonSerializerSettings SerializationSettings => _real.SerializationSettings;
        public Newtonsoft.Json.JsonSerializerSettings DeserializationSettings => _real.DeserializationSettings;
        public Microsoft.Rest.ServiceClientCredentials Credentials => _real.Credentials;
        public Microsoft.Bot.Connector.IAttachments Attachments => _real.Attachments;
        public Microsoft.Bot.Connector.IConversations Conversations => _real.Conversations;
        public void Dispose() => Disposed = true;
    }

    private sealed class RecordingTokenClient : UserTokenClient
    {
        public List<string> Calls { get; } = [];
        public bool Disposed { get; private set; }

        public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
            Record<TokenResponse>(new TokenResponse());
        public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            Record(new SignInResource());
        public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            Record(true);
        public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            Record(Array.Empty<TokenStatus>());
        public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
            Record(new Dictionary<string, TokenResponse>());
        public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
            Record(new TokenResponse());

        protected override void Dispose(bool disposing) => Disposed = true;

        private Task<T> Record<T>(T result, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
        {
            Calls.Add(name);
            return Task.FromResult(result);
        }
    }
}
