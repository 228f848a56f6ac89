using System.Net;
using System.Text.Json.Nodes;

namespace Assistant.Server.Tests.Health;

public sealed class HealthTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    [Fact]
    public async Task LivenessAndReadinessReportEachDependency()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = JsonNode.Parse(await client.GetStringAsync("/readyz"))!;
        Assert.Equal("healthy", (string?)ready["status"]);
        foreach (var check in new[] { "knowledge", "database", "vector-index" })
            Assert.Equal("healthy", (string?)ready["checks"]![check]!["status"]);
        Assert.Equal("sqlite", (string?)ready["checks"]!["database"]!["description"]);
    }
}
