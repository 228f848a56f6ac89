using Assistant.Server.Bot;
using Assistant.Server.Storage;
using Assistant.Server.TalkTalk;

namespace Assistant.Server.Hosting;

public static class TalkTalkExtensions
{
    /// <summary>The Naver TalkTalk channel (off unless <c>TalkTalk:Enabled</c>): adapter, send-API delivery, proactive sender.</summary>
    public static WebApplicationBuilder AddTalkTalk(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TalkTalkOptions>().BindConfiguration(TalkTalkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TalkTalkUsers>();
        builder.Services.AddSingleton<TalkTalkAdapter>();
        builder.Services.AddSingleton<IChannelSender, TalkTalkSender>();
        builder.Services.AddHttpClient(TalkTalkDelivery.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<IOutboxDelivery, TalkTalkDelivery>();
        return builder;
    }
}
