using System.ComponentModel.DataAnnotations;
using Assistant.Handoff;
using Assistant.Security;

namespace Assistant.Server.Agents;

/// <summary>Configuration section <c>Agents</c>: who may sign in to the console and the agent API.</summary>
public sealed class AgentOptions : IValidatableObject
{
    public const string Section = "Agents";

    public List<AgentAccountOptions> Accounts { get; set; } = [];

    /// <summary>A session ends this long after sign-in, however active (the cookie itself slides over 8 hours of inactivity).</summary>
    [Range(1, 168)] public int SessionHours { get; set; } = 12;

    /// <summary>The sliding window in which failed sign-ins are counted (see <see cref="LoginThrottle"/>).</summary>
    [Range(1, 1440)] public int LoginWindowMinutes { get; set; } = 15;

    /// <summary>Failed sign-ins of one account from one address before that pair must wait.</summary>
    [Range(1, 1000)] public int FailuresPerAccountAndAddress { get; set; } = 5;

    /// <summary>Failed sign-ins of one account from all addresses together before the account must wait.</summary>
    [Range(1, 10000)] public int FailuresPerAccount { get; set; } = 20;

    /// <summary>Sign-in requests per minute from one address, whatever their outcome: a flood guard for the
    /// deliberately slow password check, far above what an office of agents needs.</summary>
    [Range(1, 100000)] public int LoginRequestsPerMinutePerAddress { get; set; } = 120;

    public AgentAccount? Find(string id) =>
        Accounts.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal)) is { } a
            ? new AgentAccount(a.Id, a.Name, a.Role, a.Categories)
            : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Accounts.Count; i++)
        {
            var a = Accounts[i];
            if (string.IsNullOrWhiteSpace(a.Id) || string.IsNullOrWhiteSpace(a.Name))
                yield return new ValidationResult($"Agents:Accounts:{i} needs an Id and a Name");
            if (!PasswordHasher.IsWellFormed(a.PasswordHash))
                yield return new ValidationResult($"Agents:Accounts:{i}:PasswordHash is not a pbkdf2-sha256 hash (make one with `assistant hash-password`)");
        }
        if (Accounts.GroupBy(a => a.Id).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            yield return new ValidationResult($"Agents:Accounts has the Id '{duplicate.Key}' twice");
    }
}

public sealed class AgentAccountOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public AgentRole Role { get; set; } = AgentRole.Agent;

    /// <summary>Ticket categories this agent works on; empty means all.</summary>
    public List<string> Categories { get; set; } = [];
}
