using Assistant.Server.Bot;
using Assistant.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddAssistantCore();
builder.AddHandoff();
builder.AddSellerBot();
builder.AddAgentConsole();

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.MapBotEndpoint();
app.MapAgentConsole();
app.Run();

public partial class Program;
