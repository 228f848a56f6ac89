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
