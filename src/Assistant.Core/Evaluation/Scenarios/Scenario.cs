using System.Text.RegularExpressions;

namespace Assistant.Evaluation.Scenarios;

/// <summary>One multi-turn conversation of <c>shared/eval/scenarios.json</c>, played from a fresh conversation.</summary>
public sealed record Scenario(string Name, string Why, IReadOnlyList<ScenarioTurn> Turns);

public enum ScenarioTurnKind { Say, Press, Agent }

/// <summary>What a human agent does on the scenario's most recent ticket.</summary>
public enum AgentStep { Claim, Reply, HandBack, Resolve }

/// <summary>
/// One turn: a seller message (<see cref="Say"/>), a button press (<see cref="Press"/>, a regex over the
/// labels of the latest reply) or an agent action (<see cref="Agent"/>, with <see cref="AgentText"/> for a reply).
/// <see cref="Number"/> counts from 1, as failure reasons say it.
/// </summary>
public sealed record ScenarioTurn(int Number, ScenarioTurnKind Kind, string? Say, Regex? Press, AgentStep? Agent, string? AgentText, Expectation? Expect)
{
    /// <summary>How the turn reads in a report: <c>say "..."</c>, <c>press /.../</c>, <c>agent reply "..."</c>.</summary>
    public string Describe() => Kind switch
    {
        ScenarioTurnKind.Say => $"say \"{Say}\"",
        ScenarioTurnKind.Press => $"press /{Press}/",
        _ => $"agent {Agent.ToString()!.ToLowerInvariant()}" + (AgentText is null ? "" : $" \"{AgentText}\""),
    };
}

/// <summary>
/// What must hold after a turn; every key given must hold (see <c>shared/eval/scenarios.md</c>).
/// Lists of decisions or FAQ ids accept any of them; lists of regexes must all match (<see cref="Text"/>)
/// or none match (<see cref="NotText"/>).
/// </summary>
public sealed record Expectation
{
    public IReadOnlyList<string>? Action { get; init; }
    public IReadOnlyList<string>? NotAction { get; init; }
    public IReadOnlyList<string>? FaqId { get; init; }
    public IReadOnlyList<string>? Suggests { get; init; }
    public IReadOnlyList<string>? SuggestsAny { get; init; }
    public IReadOnlyList<Regex>? Text { get; init; }
    public IReadOnlyList<Regex>? NotText { get; init; }
    public bool Silent { get; init; }
    public bool TicketCreated { get; init; }
    public bool NoTicket { get; init; }
    public FieldsExpectation? Fields { get; init; }

    /// <summary>Ticket field (<see cref="ScenarioLoader.TicketFields"/>) → regex its stored value must match.</summary>
    public IReadOnlyList<KeyValuePair<string, Regex>>? Ticket { get; init; }

    public IReadOnlyList<Expectation>? AnyOf { get; init; }
}

/// <summary>The handoff summary values the reply must show: order number (digits), seller ID (contained), product (regex).</summary>
public sealed record FieldsExpectation(string? Order, string? Seller, Regex? Product);
