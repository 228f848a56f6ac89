using System.Net;
using System.Net.Http.Json;
using Assistant.Server.Agents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Server.Tests.Agents;

/// <summary>
/// Sign-in throttling counts failures per (account, address) and per account, never per address alone,
/// and an unknown name goes through the same password check as a real one.
/// </summary>
public sealed class LoginProtectionTests : IDisposable
{
    private readonly AssistantFactory _factory = new();
    private readonly CountingVerifier _verifier = new();
    private readonly WebApplicationFactory<Program> _server;

    public LoginProtectionTests() =>
        _server = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddTransient<IStartupFilter, TestAddress>();
            services.AddSingleton<IPasswordVerifier>(_verifier);
        }));

    public void Dispose()
    {
        _server.Dispose();
        _factory.Dispose();
    }

    private async Task<HttpStatusCode> LoginAsync(string username, string password, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agent/login") { Content = JsonContent.Create(new { username, password }) };
        request.Headers.Add(TestAddress.Header, address);
        return (await _server.CreateClient().SendAsync(request)).StatusCode;
    }

    private static string Password(string id) => AssistantFactory.Agents.Single(a => a.Id == id).Password;

    [Fact]
    public async Task OtherUsersFailuresFromTheSameAddressDoNotBlockACorrectPassword()
    {
        const string office = "10.0.0.1";
        for (var i = 0; i < 12; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(i % 3 == 0 ? "agent2" : $"nobody{i}", "wrong-password", office));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync("agent1", Password("agent1"), office));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync("payments", Password("payments"), office));
    }

    [Fact]
    public async Task RepeatedFailuresOfOneAccountFromOneAddressAreStoppedThere()
    {
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync("agent1", "guess-" + i, "10.0.0.2"));
        // Guessing stops for this pair, the right password included ...
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync("agent1", "guess-x", "10.0.0.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync("agent1", Password("agent1"), "10.0.0.2"));
        // ... but the same agent elsewhere, and other agents at that address, still sign in.
        Assert.Equal(HttpStatusCode.OK, await LoginAsync("agent1", Password("agent1"), "10.0.0.3"));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync("agent2", Password("agent2"), "10.0.0.2"));
        // Unknown names are limited the same way (the limit tells nothing about which names exist).
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync("ghost", "guess-" + i, "10.0.0.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync("ghost", "guess-x", "10.0.0.2"));
    }

    [Fact]
    public async Task GuessingOneAccountFromManyAddressesHitsTheAccountBound()
    {
        // 20 failures spread over 5 addresses: each pair stays under its own limit.
        for (var i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync("payments", "guess-" + i, $"10.1.0.{i % 5}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync("payments", "guess-x", "10.1.0.99"));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync("agent2", Password("agent2"), "10.1.0.99"));
    }

    [Fact]
    public async Task AnUnknownUserIsCheckedAgainstADummyHashWithTheRealParameters()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync("no-such-agent", "whatever", "10.2.0.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync("agent1", "whatever", "10.2.0.1"));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync("agent2", Password("agent2"), "10.2.0.1"));

        var checks = _verifier.Hashes.ToArray();
        Assert.Equal(3, checks.Length); // exactly one password check per attempt, known or not
        string Shape(string hash) { var p = hash.Split('$'); return $"{p[0]}${p[1]}${Convert.FromBase64String(p[2]).Length}${Convert.FromBase64String(p[3]).Length}"; }
        Assert.Equal(Shape(checks[1]), Shape(checks[0])); // the unknown name cost the same as a real account
        Assert.Equal(Shape(checks[2]), Shape(checks[0]));
        Assert.NotEqual(checks[1], checks[0]);
        Assert.DoesNotContain(checks[0], AssistantFactory.Agents.Select(a => a.Password));
    }

    /// <summary>Counts password checks and the hashes they were made against, then does the real check.</summary>
    private sealed class CountingVerifier : IPasswordVerifier
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Hashes { get; } = new();

        public bool Verify(string password, string encodedHash)
        {
            Hashes.Enqueue(encodedHash);
            return Assistant.Security.PasswordHasher.Verify(password, encodedHash);
        }
    }

    /// <summary>Test-only: takes the caller's address from a header, to play several sources against one in-memory server.</summary>
    private sealed class TestAddress : IStartupFilter
    {
        public const string Header = "X-Test-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var address)) context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                return following(context);
            });
            next(app);
        };
    }
}
