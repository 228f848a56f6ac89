using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Server.Tests.Postgres;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Assistant.Server.Tests.Agents;

/// <summary>Two instances on one PostgreSQL: signing out on one refuses the same cookie on the other.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SessionRevocationAcrossInstancesTests(PostgresServer server)
{
    [Fact]
    public async Task ALogoutOnOneInstanceRevokesTheCookieOnAnother()
    {
        var connectionString = await server.CreateDatabaseAsync();
        using var a = AssistantFactory.OnPostgres(connectionString);
        using var b = AssistantFactory.OnPostgres(connectionString);
        var options = new WebApplicationFactoryClientOptions { HandleCookies = false };
        var onA = a.CreateClient(options);
        var onB = b.CreateClient(options);

        var login = await onA.PostAsJsonAsync("/api/agent/login", new { username = "agent1", password = "agent1-password" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var csrf = (string)JsonNode.Parse(await login.Content.ReadAsStringAsync())!["csrfToken"]!;
        var cookies = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        HttpRequestMessage Request(HttpMethod method, string path)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Add("Cookie", cookies);
            return request;
        }

        Assert.Equal(HttpStatusCode.OK, (await onB.SendAsync(Request(HttpMethod.Get, "/api/agent/me"))).StatusCode);
        var logout = Request(HttpMethod.Post, "/api/agent/logout");
        logout.Headers.Add("X-CSRF-TOKEN", csrf);
        logout.Content = JsonContent.Create(new { });
        Assert.Equal(HttpStatusCode.NoContent, (await onA.SendAsync(logout)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.SendAsync(Request(HttpMethod.Get, "/api/agent/me"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onA.SendAsync(Request(HttpMethod.Get, "/api/agent/tickets"))).StatusCode);
    }
}
