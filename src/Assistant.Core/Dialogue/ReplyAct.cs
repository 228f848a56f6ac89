namespace Assistant.Dialogue;

/// <summary>
/// What a seller's message does in the conversation, apart from what it is about: says yes, says no,
/// stops, skips a question, asks to repeat, asks for a person. <see cref="None"/> when the message is
/// not such an act (a question, a value such as an order number, a problem description).
/// </summary>
public enum ReplyAct
{
    /// <summary>Not a conversational act: a question, a value, a problem description.</summary>
    None,
    /// <summary>Yes, that's right, go ahead ("ㅇㅇ", "네 접수해 주세요", "맞아요 진행해주세요").</summary>
    Affirm,
    /// <summary>No, that's wrong, no thanks ("아니요", "틀렸어요", "괜찮아요" as the decline of an offer).</summary>
    Deny,
    /// <summary>Stop, never mind, later ("아 됐어요", "나중에 할게요", "그만", "접수 안 할래요").</summary>
    Cancel,
    /// <summary>Don't know, don't have, not applicable ("주문번호는 몰라요", "상품은 딱히 없어요").</summary>
    Skip,
    /// <summary>Say that again ("다시 말해 주세요", "뭐라고요?", "요약 다시 보여주세요").</summary>
    Repeat,
    /// <summary>What can you do ("뭐 할 수 있어요?").</summary>
    Capabilities,
    /// <summary>What became of my request ("접수한 거 어떻게 됐어요?", "언제 연락 와요?").</summary>
    TicketStatus,
    /// <summary>Thank you.</summary>
    Thanks,
    /// <summary>Goodbye.</summary>
    Goodbye,
    /// <summary>Let me talk to a person ("상담원 연결해 주세요", "talk to a human").</summary>
    HumanRequest,
    /// <summary>Are you a person or a bot ("너 사람이야?"): a question about the assistant, not a request.</summary>
    AreYouBot,
}

/// <summary>The handoff detail a seller names when skipping or correcting it ("주문번호는 몰라요").</summary>
[Flags]
public enum ReplyField
{
    None = 0,
    OrderNumber = 1,
    SellerId = 2,
    Product = 4,
}

/// <summary>
/// One reading of a seller's message by <see cref="ReplyActs.Read"/>: the act, the field it names
/// (for a skip or a correction), the rest of the message after the act words, and whether the act
/// is the whole message ("ㅇㅇ") or only its opening ("네 근데 정산은 언제 돼요?").
/// </summary>
/// <param name="Act">The act; <see cref="ReplyAct.None"/> when the message is no conversational act.</param>
/// <param name="Remainder">The message after the act words (and a connective such as "근데"), trimmed;
/// empty when the act is the whole message; the whole message when the act is <see cref="ReplyAct.None"/>.</param>
/// <param name="Field">The detail named with a <see cref="ReplyAct.Skip"/> or <see cref="ReplyAct.Deny"/>.</param>
/// <param name="IsWhole">True when nothing but the act (and fillers, laughter, punctuation) was said.</param>
public sealed record ReplyActReading(ReplyAct Act, string Remainder, ReplyField Field, bool IsWhole)
{
    /// <summary>True when the message is exactly this act and nothing else: "ㅇㅇ" is a pure affirm, "네 근데 …?" is not.</summary>
    public bool IsOnly(ReplyAct act) => Act == act && IsWhole;

    /// <summary>True when the message is this act, alone or followed by more ("아니요 주문번호가 틀렸어요 …").</summary>
    public bool Opens(ReplyAct act) => Act == act;
}
