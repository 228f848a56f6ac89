using System.Text.Json.Nodes;
using static Assistant.Server.Tests.TalkTalk.TalkTalkUser;

namespace Assistant.Server.Tests.TalkTalk;

public sealed class PartnerHandoverTests(PartnerHandoverFixture server) : IClassFixture<PartnerHandoverFixture>
{
    [Fact]
    public async Task TheThreadIsPassedToThePartnerTheBotStaysSilentOnStandbyAndTakesItBackWhenTheyFinish()
    {
        var user = server.NewUser();
        await user.SayAsync("아이디 partner01 상품 텐트 주문번호 2024112577776666 건 환불 분쟁이 있어요 상담원 연결해 주세요");
        await user.SayAsync("접수");
        await server.TalkTalk.WaitForAsync(user.Id, e => (string?)e["event"] == "handover" && (string?)e["options"]!["control"] == "passThread");
        Assert.True(server.TalkTalk.PartnerOwns(user.Id));

        Assert.Null(await user.SayAsync("상담원님 계세요?", standby: true));
        Assert.Equal(0, server.TalkTalk.Rejected);

        server.TalkTalk.PartnerFinished(user.Id);
        var back = (await user.EventAsync(new JsonObject
        {
            ["event"] = "handover", ["user"] = user.Id,
            ["options"] = new JsonObject { ["control"] = "passThread", ["metadata"] = "partner done" },
        }))!;
        Assert.Contains("해결되셨나요", Said(back));
        var answer = (await user.SayAsync("수수료가 얼마예요?"))!;
        Assert.Contains("2%", Said(answer));
    }
}
