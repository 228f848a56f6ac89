using System.Text.Json;
using Assistant.Dialogue;
using Assistant.Handoff;
using Assistant.Understanding;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Evaluation.Scenarios;

/// <summary>One played turn: what was sent, what the seller received, the decision and the failures (empty: it held).</summary>
public sealed record TurnRecord(ScenarioTurn Turn, string Input, TurnObservation Seen, IReadOnlyList<string> Failures);

/// <summary>A played scenario; <see cref="Failures"/> are "turn N: key: reason", in turn order.</summary>
public sealed record ScenarioResult(Scenario Scenario, IReadOnlyList<TurnRecord> Turns, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>
/// Plays scenarios through the server's own conversation engine and agent desk, each in a fresh
/// conversation (channel <see cref="Channel"/>) with its own in-memory ticket store, as the server wires
/// them: the engine answers seller turns on the conversation's <see cref="DialogueState"/>, which goes
/// through JSON between turns as the server's state store does; agent turns act as a supervisor
/// (<see cref="Supervisor"/>) through <see cref="AgentDesk"/> on the scenario's most recent ticket, and
/// what the desk tells the seller is captured by the messenger. The conversation starts with the
/// welcome (not judged), so its buttons can be pressed. A button press sends the label of the first
/// button of the latest message that matches, as Web Chat's imBack does.
/// A turn that cannot be played (no matching button, no ticket, the desk refusing) ends the scenario;
/// a turn whose expectation fails does not: the rest is still played and judged.
/// </summary>
public sealed class ScenarioRunner(Decider decider, ContactOptions contact, DialogueOptions dialogue, HandoffOptions handoff, TimeProvider? time = null)
{
    public const string Channel = "scenario";

    /// <summary>The agent of agent turns: a supervisor, so every ticket is theirs to act on.</summary>
    public static AgentAccount Supervisor { get; } = new("scenario-lead", "김상담", AgentRole.Supervisor, []);

    // As the server's state store: a round trip through System.Text.Json between turns.
    private static readonly JsonSerializerOptions StateJson = new() { PropertyNameCaseInsensitive = true };

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<IReadOnlyList<ScenarioResult>> RunAllAsync(IEnumerable<Scenario> scenarios, CancellationToken cancellationToken = default)
    {
        var results = new List<ScenarioResult>();
        foreach (var scenario in scenarios) results.Add(await RunAsync(scenario, cancellationToken));
        return results;
    }

    public async Task<ScenarioResult> RunAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        var tickets = new InMemoryTicketStore(_time);
        var events = new RecordingTicketEvents();
        var messenger = new CapturingMessenger();
        var engine = new ConversationEngine(decider, contact, dialogue, handoff, tickets, events, _time);
        var desk = new AgentDesk(tickets, events, messenger, decider.Knowledge, _time, NullLogger<AgentDesk>.Instance);
        var conversation = new ConversationAddress(Channel, scenario.Name, "{}");
        var state = new DialogueState();
        AssistantReply latest = engine.Welcome();

        var records = new List<TurnRecord>();
        var failures = new List<string>();
        foreach (var turn in scenario.Turns)
        {
            var before = tickets.Count;
            var heard = messenger.Count;
            var messages = new List<AssistantReply>();
            string input;
            string? unplayable = null;

            switch (turn.Kind)
            {
                case ScenarioTurnKind.Say:
                case ScenarioTurnKind.Press:
                    var text = turn.Say;
                    if (turn.Kind == ScenarioTurnKind.Press)
                    {
                        text = latest.SuggestedActions.FirstOrDefault(turn.Press!.IsMatch);
                        if (text is null) unplayable = $"press: no button matches /{turn.Press}/ among [{string.Join(", ", latest.SuggestedActions)}]";
                    }
                    input = turn.Kind == ScenarioTurnKind.Say ? text! : $"[{text ?? "?"}]";
                    if (text is null) break;
                    var result = await engine.RespondAsync(new TurnInput(text, conversation), state, cancellationToken);
                    state = JsonSerializer.Deserialize<DialogueState>(JsonSerializer.Serialize(state, StateJson), StateJson)!;
                    messages.AddRange(result.Replies);
                    break;
                default:
                    input = $"({turn.Describe()})";
                    var ticket = await tickets.FindLatestByConversationAsync(conversation.Channel, conversation.ConversationId, cancellationToken);
                    if (ticket is null)
                    {
                        unplayable = $"agent {turn.Agent.ToString()!.ToLowerInvariant()}: no ticket in this scenario";
                        break;
                    }
                    var outcome = turn.Agent switch
                    {
                        AgentStep.Claim => (await desk.ClaimAsync(Supervisor, ticket.Number, cancellationToken)).Item1,
                        AgentStep.Reply => (await desk.ReplyAsync(Supervisor, ticket.Number, turn.AgentText!, cancellationToken)).Item1,
                        AgentStep.HandBack => (await desk.HandBackAsync(Supervisor, ticket.Number, cancellationToken)).Item1,
                        _ => (await desk.ResolveAsync(Supervisor, ticket.Number, cancellationToken)).Item1,
                    };
                    if (outcome != DeskOutcome.Done)
                        unplayable = $"agent {turn.Agent.ToString()!.ToLowerInvariant()}: the desk answered {outcome} for {ticket.Number} ({ticket.Status.ToString().ToLowerInvariant()})";
                    break;
            }

            messages.AddRange(messenger.Since(heard));
            var visible = messages.Where(m => m.Text.Trim().Length > 0 || m.SuggestedActions.Count > 0).ToArray();
            if (visible.Length > 0) latest = visible[^1];
            var latestTicket = await tickets.FindLatestByConversationAsync(conversation.Channel, conversation.ConversationId, cancellationToken);
            var seen = new TurnObservation(visible, before, tickets.Count, latestTicket);
            var turnFailures = unplayable is not null ? [unplayable]
                : turn.Expect is { } expect ? ScenarioJudge.Check(expect, seen) : [];
            records.Add(new TurnRecord(turn, input, seen, turnFailures));
            failures.AddRange(turnFailures.Select(f => $"turn {turn.Number}: {f}"));
            if (unplayable is not null) break;
        }
        return new ScenarioResult(scenario, records, failures);
    }

    /// <summary>What the agent desk sends to the seller, in order.</summary>
    private sealed class CapturingMessenger : ISellerMessenger
    {
        private readonly List<AssistantReply> _sent = [];
        private readonly Lock _lock = new();

        public int Count
        {
            get { lock (_lock) return _sent.Count; }
        }

        public IReadOnlyList<AssistantReply> Since(int index)
        {
            lock (_lock) return _sent.Skip(index).ToArray();
        }

        public Task SendAsync(ConversationAddress conversation, AssistantReply reply, CancellationToken cancellationToken = default)
        {
            lock (_lock) _sent.Add(reply);
            return Task.CompletedTask;
        }
    }
}
