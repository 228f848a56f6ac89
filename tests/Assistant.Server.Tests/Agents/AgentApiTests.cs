using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Server.Tests.Handoff;

namespace Assistant.Server.Tests.Agents;

public sealed class AgentApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private Seller NewSeller() => new(server.Factory.CreateClient(), server.Channel);

    [Fact]
    public async Task UnauthenticatedCallsAreRejected()
    {
        var anonymous = server.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/agent/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/agent/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/agent/tickets/T000001/claim", new { })).StatusCode);
        var wrong = await anonymous.PostAsJsonAsync("/api/agent/login", new { username = "agent1", password = "not-the-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task StateChangingCallsNeedTheAntiForgeryToken()
    {
        var number = await NewSeller().OpenTicketAsync();
        var agent = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent1");
        var withoutToken = await agent.Http.PostAsJsonAsync($"/api/agent/tickets/{number}/claim", new { });
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal("queued", (string?)(await agent.TicketAsync(number))["status"]);
    }

    [Fact]
    public async Task OneAgentCannotActOnAnothersClaimedTicket()
    {
        var number = await NewSeller().OpenTicketAsync();
        var first = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent1");
        var second = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent2");
        await first.JsonAsync(await first.PostAsync($"/api/agent/tickets/{number}/claim"));

        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsync($"/api/agent/tickets/{number}/claim")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsync($"/api/agent/tickets/{number}/reply", new { text = "제가 대신 답할게요" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsync($"/api/agent/tickets/{number}/handback")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsync($"/api/agent/tickets/{number}/resolve")).StatusCode);
        var ticket = await first.TicketAsync(number);
        Assert.Equal(("claimed", "agent1"), ((string?)ticket["status"], (string?)ticket["owner"]!["id"]));
        Assert.DoesNotContain(ticket["transcript"]!.AsArray(), m => (string?)m!["text"] == "제가 대신 답할게요");
    }

    [Fact]
    public async Task AnAgentSeesOnlyTheCategoriesTheirRoleAllows()
    {
        var number = await NewSeller().OpenTicketAsync("정산금이 들어오지 않았어요");
        var payments = await AgentClient.SignInAsync(server.Factory.CreateClient(), "payments");
        Assert.Equal(HttpStatusCode.NotFound, (await payments.GetAsync($"/api/agent/tickets/{number}")).StatusCode);
        var queue = await payments.JsonAsync(await payments.GetAsync("/api/agent/tickets"));
        Assert.DoesNotContain(queue.AsArray(), t => (string?)t!["number"] == number);
        Assert.Equal(HttpStatusCode.NotFound, (await payments.PostAsync($"/api/agent/tickets/{number}/claim")).StatusCode);
    }

    [Fact]
    public async Task NewTicketsArePushedToSignedInAgents()
    {
        var agent = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent1");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var stream = await agent.Http.GetStreamAsync("/api/agent/events", cancel.Token);
        using var reader = new StreamReader(stream);

        var number = await NewSeller().OpenTicketAsync();
        string? line;
        while ((line = await reader.ReadLineAsync(cancel.Token)) is not null)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var e = JsonNode.Parse(line[6..])!;
            if ((string?)e["ticket"]!["number"] != number) continue;
            Assert.Equal("created", (string?)e["type"]);
            Assert.Equal("myshop01", (string?)e["ticket"]!["sellerId"]);
            return;
        }
        Assert.Fail("the stream ended without the new ticket");
    }

    [Fact]
    public async Task TheApiIsDescribedByOpenApi()
    {
        var document = await server.Factory.CreateClient().GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/agent/login", "/api/agent/tickets", "/api/agent/tickets/{number}/claim", "/api/agent/tickets/{number}/reply", "/api/agent/tickets/{number}/handback", "/api/agent/tickets/{number}/resolve" })
            Assert.Contains($"\"{path}\"", document);
    }

    [Fact]
    public async Task TheConsolePageIsServed()
    {
        var client = server.Factory.CreateClient();
        var page = await client.GetStringAsync("/agent/");
        Assert.Contains("agent.js", page);
    }
}
