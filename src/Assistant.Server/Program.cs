using Assistant.Server.Bot;
using Assistant.Server.DirectLine;
using Assistant.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddAssistantCore();
builder.AddHandoff();
builder.AddSellerBot();
builder.AddAgentConsole();
builder.AddWebChat();

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseWebSockets();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.MapBotEndpoint();
app.MapAgentConsole();
app.MapDirectLine();
app.Run();

public partial class Program;
