using Assistant.Dialogue;
using Assistant.Server.Bot;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Assistant.Server.Tests.Bot;

/// <summary><c>channelData.assistant</c> is built member by member: it must be what serialising the record with camel-case names writes.</summary>
public sealed class ReplyActivitiesTests
{
    private static readonly JsonSerializer Camel = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        NullValueHandling = NullValueHandling.Ignore,
    });

    public static TheoryData<AssistantInfo> Infos() =>
    [
        new AssistantInfo("answer", "settlement-date", null, "faq.settlement", 0.8731f),
        new AssistantInfo("clarify", null, ["정산 일정", "정산 보류", "배송 지연"], "clarify", 0.25f),
        new AssistantInfo("handoff", null, [], "handoff.request", 1) { Ticket = "T-20261203-0001" },
        new AssistantInfo("agent", null, null, "agent.message", 0) { Agent = "김상담", Ticket = "T-1" },
        new AssistantInfo("decline", null, null, "out-of-scope", 0.45000002f),
    ];

    [Theory]
    [MemberData(nameof(Infos))]
    public void TheAssistantChannelDataIsTheCamelCaseRecord(AssistantInfo info)
    {
        var expected = JObject.FromObject(info, Camel).ToString(Formatting.None);
        Assert.Equal(expected, ReplyActivities.InfoJson(info).ToString(Formatting.None));
        var activity = ReplyActivities.ToActivity(new AssistantReply("답", ["상담원 연결"], info));
        Assert.Equal(expected, ((JObject)activity.ChannelData)["assistant"]!.ToString(Formatting.None));
    }
}
