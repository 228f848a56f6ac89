using System.Text.RegularExpressions;

namespace Assistant.Evaluation.Scenarios;

/// <summary>How scenario results are printed (CLI and tests alike) and written as JSON.</summary>
public static class ScenarioReport
{
    /// <summary><c>PASS name</c>, or <c>FAIL name: turn N: key: reason</c> with the count of further failures.</summary>
    public static string Line(ScenarioResult result) => result.Passed
        ? $"PASS {result.Scenario.Name}"
        : $"FAIL {result.Scenario.Name}: {result.Failures[0]}" + (result.Failures.Count > 1 ? $" (+{result.Failures.Count - 1} more)" : "");

    public static string Summary(IReadOnlyList<ScenarioResult> results) =>
        $"{results.Count(r => r.Passed)} passed, {results.Count(r => !r.Passed)} failed";

    /// <summary>Every turn: what was said or done, the decision, what the seller received, and the turn's failures.</summary>
    public static void WriteTurns(TextWriter output, ScenarioResult result)
    {
        foreach (var turn in result.Turns)
        {
            output.WriteLine($"    {turn.Turn.Number}. {(turn.Turn.Kind == ScenarioTurnKind.Agent ? "agent" : "seller")}: {turn.Input}");
            output.WriteLine($"       action: {turn.Seen.DescribeAction()}" + (turn.Seen.CreatedTicket is { } t ? $", ticket {t.Number} created" : ""));
            foreach (var message in turn.Seen.Messages)
            {
                output.WriteLine($"       [{message.Info.Action} {message.Info.Intent}] " + Regex.Replace(message.Text.Trim(), @"\n", "\n         "));
                if (message.SuggestedActions.Count > 0) output.WriteLine($"         buttons: {string.Join(" | ", message.SuggestedActions)}");
            }
            foreach (var failure in turn.Failures) output.WriteLine($"       ✗ {failure}");
        }
    }

    /// <summary>The results as a JSON-ready object: counts, then per scenario its outcome, failures and turns.</summary>
    public static object Json(IReadOnlyList<ScenarioResult> results) => new
    {
        Passed = results.Count(r => r.Passed),
        Failed = results.Count(r => !r.Passed),
        Scenarios = results.Select(r => new
        {
            r.Scenario.Name,
            r.Passed,
            r.Failures,
            Turns = r.Turns.Select(t => new
            {
                t.Turn.Number,
                Kind = t.Turn.Kind.ToString().ToLowerInvariant(),
                t.Input,
                Action = t.Seen.Action,
                FaqIds = t.Seen.AnsweredFaqIds,
                Suggestions = t.Seen.OfferedFaqIds,
                Ticket = t.Seen.CreatedTicket?.Number,
                Replies = t.Seen.Messages.Select(m => new { m.Text, m.SuggestedActions, m.Info.Action, m.Info.Intent, m.Info.FaqId }),
                t.Failures,
            }),
        }),
    };
}
