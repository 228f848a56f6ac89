using Assistant.Server.Bot;
using Assistant.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddAssistantCore();
builder.AddSellerBot();

var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.MapBotEndpoint();
app.Run();

public partial class Program;
