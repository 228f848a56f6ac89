using Assistant.Server.Bot;
using Assistant.Server.DirectLine;
using Assistant.Server.Health;
using Assistant.Server.Hosting;
using Assistant.Server.TalkTalk;

var builder = WebApplication.CreateBuilder(args);
builder.AddAssistantCore();
builder.AddHandoff();
builder.AddSellerBot();
builder.AddAgentConsole();
builder.AddWebChat();
builder.AddTalkTalk();
builder.AddHealth();
builder.AddProblemResponses();
builder.AddSafeLogging();
builder.AddStartupFailureReporting();


try
{
    var app = builder.Build();
    app.UseProblemResponses();
    app.UseDefaultFiles();
    app.UseStaticFiles();
    app.UseWebSockets();
    app.UseCors();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRateLimiter();

    app.MapHealth();
    app.MapBotEndpoint();
    app.MapAgentConsole();
    app.MapDirectLine();
    app.MapTalkTalk();
    app.Run();
}
catch (Exception ex) when (StartupFailure.IsOwnProcess && StartupFailure.Describe(ex) is { } message)
{
    // A bad knowledge file or setting: the operator needs the file:line: field messages, not a stack trace.
    Console.Error.WriteLine(message);
    return 1;
}
return 0;

public partial class Program;
