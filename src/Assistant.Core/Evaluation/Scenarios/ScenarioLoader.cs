using System.Text.Json;
using System.Text.RegularExpressions;

namespace Assistant.Evaluation.Scenarios;

/// <summary>
/// Reads <c>scenarios.json</c> strictly: unknown keys, wrong types, bad regexes, unknown decisions or
/// agent actions, a turn that is not exactly one of say/press/agent, and duplicate names are all errors
/// (<see cref="FormatException"/>) naming the scenario, the turn (counted from 1) and the key.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>The decisions a turn can have (<c>channelData.assistant.action</c>).</summary>
    public static readonly IReadOnlyList<string> Decisions = ["answer", "clarify", "handoff", "smalltalk", "decline"];

    /// <summary>The ticket fields an expectation can test.</summary>
    public static readonly IReadOnlyList<string> TicketFields = ["category", "urgency", "orderNumber", "sellerId", "productName", "status"];

    /// <summary>Case-insensitive, unanchored, with a bound on a runaway pattern.</summary>
    public static Regex Pattern(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));

    public static IReadOnlyList<Scenario> Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new FileNotFoundException($"cannot read scenarios at {path}: {ex.Message}", path, ex);
        }
        return Parse(json, Path.GetFileName(path));
    }

    /// <param name="source">Names the file in error messages.</param>
    public static IReadOnlyList<Scenario> Parse(string json, string source = "scenarios")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array) throw new FormatException($"{source}: expected a JSON list of scenarios");
            var scenarios = new List<Scenario>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                index++;
                var scenario = ReadScenario(element, new Where(source, index, null, null));
                if (!names.Add(scenario.Name)) throw new Where(source, index, scenario.Name, null).Error("name", "used by an earlier scenario");
                scenarios.Add(scenario);
            }
            return scenarios;
        }
    }

    /// <summary>FAQ ids in <c>faqId</c>, <c>suggests</c> and <c>suggestsAny</c> that <paramref name="isFaq"/> does not know, as error messages.</summary>
    public static IReadOnlyList<string> UnknownFaqIds(IEnumerable<Scenario> scenarios, Func<string, bool> isFaq)
    {
        var problems = new List<string>();
        foreach (var scenario in scenarios)
            foreach (var turn in scenario.Turns.Where(t => t.Expect is not null))
                Walk(turn.Expect!, "expect", scenario, turn);
        return problems;

        void Walk(Expectation e, string at, Scenario scenario, ScenarioTurn turn)
        {
            foreach (var (key, ids) in new[] { ("faqId", e.FaqId), ("suggests", e.Suggests), ("suggestsAny", e.SuggestsAny) })
                foreach (var id in ids ?? [])
                    if (!isFaq(id)) problems.Add($"scenario '{scenario.Name}', turn {turn.Number}: {at}.{key}: '{id}' is not an FAQ id");
            for (var i = 0; i < (e.AnyOf?.Count ?? 0); i++) Walk(e.AnyOf![i], $"{at}.anyOf[{i}]", scenario, turn);
        }
    }

    private static Scenario ReadScenario(JsonElement element, Where where)
    {
        if (element.ValueKind != JsonValueKind.Object) throw where.Error("", "a scenario must be an object");
        var name = element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString()!.Trim().Length > 0
            ? n.GetString()!
            : throw where.Error("name", "missing or not a non-empty string");
        where = where with { Name = name };
        foreach (var property in element.EnumerateObject())
            if (property.Name is not ("name" or "why" or "turns")) throw where.Error(property.Name, "unknown key (expected name, why, turns)");
        var why = element.TryGetProperty("why", out var w) ? String(w, where, "why") : "";
        if (!element.TryGetProperty("turns", out var turnsElement) || turnsElement.ValueKind != JsonValueKind.Array || turnsElement.GetArrayLength() == 0)
            throw where.Error("turns", "missing or not a non-empty list");
        var turns = new List<ScenarioTurn>();
        foreach (var t in turnsElement.EnumerateArray()) turns.Add(ReadTurn(t, where with { Turn = turns.Count + 1 }));
        return new Scenario(name, why, turns);
    }

    private static ScenarioTurn ReadTurn(JsonElement element, Where where)
    {
        if (element.ValueKind != JsonValueKind.Object) throw where.Error("", "a turn must be an object");
        foreach (var property in element.EnumerateObject())
            if (property.Name is not ("say" or "press" or "agent" or "text" or "expect"))
                throw where.Error(property.Name, "unknown key (expected say, press or agent, with text for an agent reply, and expect)");
        var kinds = new[] { "say", "press", "agent" }.Where(k => element.TryGetProperty(k, out _)).ToArray();
        if (kinds.Length != 1) throw where.Error(kinds.Length == 0 ? "say" : kinds[1], "a turn has exactly one of say, press, agent");
        var expect = element.TryGetProperty("expect", out var e) ? ReadExpectation(e, where, "expect") : null;
        var hasText = element.TryGetProperty("text", out var textElement);

        switch (kinds[0])
        {
            case "say":
                if (hasText) throw where.Error("text", "only an agent reply has text");
                if (expect is null) throw where.Error("expect", "a seller turn needs an expectation");
                return new ScenarioTurn(where.Turn!.Value, ScenarioTurnKind.Say, NonEmpty(element.GetProperty("say"), where, "say"), null, null, null, expect);
            case "press":
                if (hasText) throw where.Error("text", "only an agent reply has text");
                if (expect is null) throw where.Error("expect", "a button press needs an expectation");
                return new ScenarioTurn(where.Turn!.Value, ScenarioTurnKind.Press, null, Regex(element.GetProperty("press"), where, "press"), null, null, expect);
            default:
                var step = NonEmpty(element.GetProperty("agent"), where, "agent") switch
                {
                    "claim" => AgentStep.Claim,
                    "reply" => AgentStep.Reply,
                    "handback" => AgentStep.HandBack,
                    "resolve" => AgentStep.Resolve,
                    var other => throw where.Error("agent", $"'{other}' is not claim, reply, handback or resolve"),
                };
                string? text = null;
                if (step == AgentStep.Reply)
                    text = hasText ? NonEmpty(textElement, where, "text") : throw where.Error("text", "an agent reply needs text");
                else if (hasText) throw where.Error("text", "only an agent reply has text");
                return new ScenarioTurn(where.Turn!.Value, ScenarioTurnKind.Agent, null, null, step, text, expect);
        }
    }

    private static Expectation ReadExpectation(JsonElement element, Where where, string at)
    {
        if (element.ValueKind != JsonValueKind.Object) throw where.Error(at, "an expectation must be an object");
        var e = new Expectation();
        foreach (var p in element.EnumerateObject())
        {
            var key = $"{at}.{p.Name}";
            e = p.Name switch
            {
                "action" => e with { Action = DecisionList(p.Value, where, key) },
                "notAction" => e with { NotAction = DecisionList(p.Value, where, key) },
                "faqId" => e with { FaqId = StringList(p.Value, where, key) },
                "suggests" => e with { Suggests = StringList(p.Value, where, key, listOnly: true) },
                "suggestsAny" => e with { SuggestsAny = StringList(p.Value, where, key, listOnly: true) },
                "text" => e with { Text = RegexList(p.Value, where, key) },
                "notText" => e with { NotText = RegexList(p.Value, where, key) },
                "silent" => e with { Silent = True(p.Value, where, key) },
                "ticketCreated" => e with { TicketCreated = True(p.Value, where, key) },
                "noTicket" => e with { NoTicket = True(p.Value, where, key) },
                "fields" => e with { Fields = ReadFields(p.Value, where, key) },
                "ticket" => e with { Ticket = ReadTicket(p.Value, where, key) },
                "anyOf" => e with { AnyOf = ReadAnyOf(p.Value, where, key) },
                _ => throw where.Error(key, "unknown expectation key"),
            };
        }
        return e;
    }

    private static List<Expectation> ReadAnyOf(JsonElement element, Where where, string key)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0) throw where.Error(key, "expected a non-empty list of expectations");
        return element.EnumerateArray().Select((x, i) => ReadExpectation(x, where, $"{key}[{i}]")).ToList();
    }

    private static FieldsExpectation ReadFields(JsonElement element, Where where, string key)
    {
        if (element.ValueKind != JsonValueKind.Object) throw where.Error(key, "expected an object with order, seller, product");
        string? order = null, seller = null;
        Regex? product = null;
        foreach (var p in element.EnumerateObject())
        {
            switch (p.Name)
            {
                case "order":
                    order = new string(NonEmpty(p.Value, where, $"{key}.order").Where(char.IsAsciiDigit).ToArray());
                    if (order.Length != 16) throw where.Error($"{key}.order", "expected the 16 digits of an order number");
                    break;
                case "seller": seller = NonEmpty(p.Value, where, $"{key}.seller"); break;
                case "product": product = Regex(p.Value, where, $"{key}.product"); break;
                default: throw where.Error($"{key}.{p.Name}", "unknown field (expected order, seller, product)");
            }
        }
        return new FieldsExpectation(order, seller, product);
    }

    private static List<KeyValuePair<string, Regex>> ReadTicket(JsonElement element, Where where, string key)
    {
        if (element.ValueKind != JsonValueKind.Object) throw where.Error(key, "expected an object of field: regex");
        var fields = new List<KeyValuePair<string, Regex>>();
        foreach (var p in element.EnumerateObject())
        {
            if (!TicketFields.Contains(p.Name)) throw where.Error($"{key}.{p.Name}", $"unknown ticket field (expected {string.Join(", ", TicketFields)})");
            fields.Add(new(p.Name, Regex(p.Value, where, $"{key}.{p.Name}")));
        }
        return fields;
    }

    private static List<string> DecisionList(JsonElement element, Where where, string key)
    {
        var list = StringList(element, where, key);
        foreach (var d in list)
            if (!Decisions.Contains(d)) throw where.Error(key, $"'{d}' is not a decision ({string.Join(", ", Decisions)})");
        return list;
    }

    private static List<string> StringList(JsonElement element, Where where, string key, bool listOnly = false)
    {
        if (element.ValueKind == JsonValueKind.String && !listOnly) return [NonEmpty(element, where, key)];
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
            throw where.Error(key, listOnly ? "expected a non-empty list of strings" : "expected a string or a non-empty list of strings");
        return element.EnumerateArray().Select((x, i) => NonEmpty(x, where, $"{key}[{i}]")).ToList();
    }

    private static List<Regex> RegexList(JsonElement element, Where where, string key)
    {
        if (element.ValueKind == JsonValueKind.String) return [Regex(element, where, key)];
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0) throw where.Error(key, "expected a regex or a non-empty list of regexes");
        return element.EnumerateArray().Select((x, i) => Regex(x, where, $"{key}[{i}]")).ToList();
    }

    private static Regex Regex(JsonElement element, Where where, string key)
    {
        var pattern = String(element, where, key);
        try
        {
            return Pattern(pattern);
        }
        catch (ArgumentException ex)
        {
            throw where.Error(key, $"not a valid regex: {ex.Message}");
        }
    }

    private static bool True(JsonElement element, Where where, string key) =>
        element.ValueKind == JsonValueKind.True ? true : throw where.Error(key, "the only allowed value is true");

    private static string NonEmpty(JsonElement element, Where where, string key)
    {
        var text = String(element, where, key);
        return text.Trim().Length > 0 ? text : throw where.Error(key, "must not be empty");
    }

    private static string String(JsonElement element, Where where, string key) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw where.Error(key, $"expected a string, found {element.ValueKind.ToString().ToLowerInvariant()}");

    /// <summary>The position an error is reported at.</summary>
    private sealed record Where(string Source, int Index, string? Name, int? Turn)
    {
        public FormatException Error(string key, string problem)
        {
            var scenario = Name is null ? $"scenario {Index}" : $"scenario {Index} '{Name}'";
            var turn = Turn is null ? "" : $", turn {Turn}";
            var at = key.Length == 0 ? "" : $" {key}:";
            return new FormatException($"{Source}: {scenario}{turn}:{at} {problem}");
        }
    }
}
