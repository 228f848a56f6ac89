using Assistant.Understanding;

namespace Assistant.Evaluation;

/// <summary>The rules of <c>shared/eval/README.md</c>: whether a first reply's decision is right for a case.</summary>
public static class EvalJudge
{
    public const string Handoff = "handoff", Smalltalk = "smalltalk", OutOfScope = "out-of-scope", ClarifyOutcome = "clarify";

    public static bool IsTopic(string expect) => expect is not (Handoff or Smalltalk or OutOfScope);

    public static bool IsRight(EvalCase c, Decision d) => c.Expect switch
    {
        Handoff => d.Action == "handoff" || (d.Action == "answer" && c.Accept.Contains(d.FaqId!)),
        Smalltalk => d.Action == "smalltalk",
        OutOfScope => d.Action == "decline",
        _ => d.Action switch
        {
            "answer" => d.FaqId == c.Expect || c.Accept.Contains(d.FaqId!),
            "clarify" => c.Accept.Contains(ClarifyOutcome),
            "handoff" => c.Accept.Contains(Handoff),
            _ => false,
        },
    };
}
