using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Assistant.Server.Tests.Handoff;
using Assistant.Server.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Assistant.Server.Tests.Webhooks;

public sealed class WebhookTests
{
    private const string Secret = "test-webhook-secret";

    [Fact]
    public async Task EventsWaitInTheOutboxWhileTheReceiverIsDownAndArriveSignedWhenItComesBack()
    {
        var port = LoopbackServer.FreePort();
        await using var channel = await FakeChannel.StartAsync();
        using var factory = new AssistantFactory()
            .With("Webhook:Url", $"http://127.0.0.1:{port}/hooks/tickets")
            .With("Webhook:Secret", Secret)
            .With("Webhook:FirstRetrySeconds", "0.05")
            .With("Webhook:MaxRetrySeconds", "0.2")
            .With("Outbox:PollSeconds", "0.05");
        var number = await new Seller(factory.CreateClient(), channel).OpenTicketAsync();
        await Task.Delay(400); // the receiver is not listening: deliveries fail and are retried

        var received = new ConcurrentQueue<(string Body, string Signature)>();
        var (receiver, _) = await LoopbackServer.StartAsync(app => app.MapPost("/hooks/tickets", async (HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            received.Enqueue((body, context.Request.Headers["X-Assistant-Signature"].ToString()));
            return Results.Ok();
        }), port);
        await using var _ = receiver;

        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until && !received.Any(r => r.Body.Contains(number))) await Task.Delay(50);

        var (payload, signature) = Assert.Single(received, r => JsonNode.Parse(r.Body)!["ticket"]!["number"]!.GetValue<string>() == number);
        Assert.Equal("sha256=" + WebhookDelivery.Sign(Secret, payload), signature);
        Assert.Equal("created", (string?)JsonNode.Parse(payload)!["type"]);
        Assert.Equal("myshop01", (string?)JsonNode.Parse(payload)!["ticket"]!["sellerId"]);
    }

}
