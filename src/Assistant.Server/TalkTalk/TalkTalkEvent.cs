using Newtonsoft.Json.Linq;

namespace Assistant.Server.TalkTalk;

/// <summary>
/// The fields of a TalkTalk webhook event that Assistant reads, checked for type before anything
/// acts on them: a wrong type or an over-long id is the caller's mistake (400 naming the field),
/// never a server error. Fields the adapter does not read are not checked, and an unknown event
/// is valid (it gets 200 and no action).
/// </summary>
public sealed record TalkTalkEvent(string Event, string User, bool Standby, string? Text, string? Code, string? Inflow, string? Set, string? Control, string? Metadata)
{
    /// <summary>TalkTalk user ids are short opaque keys; anything longer is not from TalkTalk.</summary>
    public const int MaxUserLength = 256, MaxEventLength = 64;

    /// <summary>Reads the event, or says which field is wrong (the reason goes back in a problem body).</summary>
    public static TalkTalkEvent? Parse(JObject payload, out string? error)
    {
        error = null;
        var eventType = String(payload, "event", "event", ref error, MaxEventLength);
        var user = String(payload, "user", "user", ref error, MaxUserLength);
        if (error is not null) return null;
        if (eventType is null || string.IsNullOrEmpty(user))
        {
            error = "a TalkTalk event needs 'event' and 'user' (strings)";
            return null;
        }

        // Only the fields this event is acted on by are read, so only those are checked.
        var reads = eventType switch
        {
            "open" => new[] { "options.inflow" },
            "send" => ["standby", "options.standby", "textContent.text", "textContent.code"],
            "handover" => ["options.control", "options.metadata"],
            "leave" or "friend" => ["options.set"],
            _ => [],
        };
        var options = reads.Any(r => r.StartsWith("options.", StringComparison.Ordinal)) ? Object(payload, "options", "options", ref error) : null;
        var textContent = reads.Any(r => r.StartsWith("textContent.", StringComparison.Ordinal)) ? Object(payload, "textContent", "textContent", ref error) : null;
        var standby = reads.Contains("standby") && (Bool(payload, "standby", "standby", ref error) == true | Bool(options, "standby", "options.standby", ref error) == true);
        var text = String(textContent, "text", "textContent.text", ref error);
        var code = String(textContent, "code", "textContent.code", ref error);
        var inflow = reads.Contains("options.inflow") ? String(options, "inflow", "options.inflow", ref error) : null;
        var set = reads.Contains("options.set") ? String(options, "set", "options.set", ref error) : null;
        var control = reads.Contains("options.control") ? String(options, "control", "options.control", ref error) : null;
        var metadata = reads.Contains("options.metadata") ? String(options, "metadata", "options.metadata", ref error) : null;
        return error is null ? new TalkTalkEvent(eventType, user, standby, text, code, inflow, set, control, metadata) : null;
    }

    private static JToken? Field(JObject? parent, string name) =>
        parent?[name] is { Type: not JTokenType.Null and not JTokenType.Undefined } token ? token : null;

    private static string? String(JObject? parent, string name, string path, ref string? error, int maxLength = int.MaxValue)
    {
        var token = Field(parent, name);
        if (token is null || error is not null) return null;
        if (token.Type != JTokenType.String) { error = $"'{path}' must be a string, not {Describe(token)}"; return null; }
        var value = (string)token!;
        if (value.Length > maxLength) { error = $"'{path}' is longer than {maxLength} characters"; return null; }
        return value;
    }

    private static bool? Bool(JObject? parent, string name, string path, ref string? error)
    {
        var token = Field(parent, name);
        if (token is null || error is not null) return null;
        if (token.Type != JTokenType.Boolean) { error = $"'{path}' must be true or false, not {Describe(token)}"; return null; }
        return (bool)token;
    }

    private static JObject? Object(JObject? parent, string name, string path, ref string? error)
    {
        var token = Field(parent, name);
        if (token is null || error is not null) return null;
        if (token is not JObject value) { error = $"'{path}' must be an object, not {Describe(token)}"; return null; }
        return value;
    }

    private static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.String => "a string",
        JTokenType.Boolean => "a boolean",
        JTokenType.Integer or JTokenType.Float => "a number",
        _ => token.Type.ToString().ToLowerInvariant(),
    };
}
