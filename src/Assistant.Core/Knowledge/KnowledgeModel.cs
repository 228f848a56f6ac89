namespace Assistant.Knowledge;

/// <summary>What the assistant does with a message.</summary>
public enum DecisionKind { Answer, Clarify, Handoff, Smalltalk, Decline }

/// <summary>One curated FAQ entry. <see cref="Id"/> is a contract with evaluation files and analytics.</summary>
public sealed record FaqEntry(
    string Id,
    string Category,
    string Title,
    string Answer,
    IReadOnlyList<string> Facts,
    IReadOnlyList<string> Questions,
    string SourceFile);

/// <summary>Examples of a non-FAQ intent (asking for a person, smalltalk, out of scope).</summary>
public sealed record IntentDefinition(
    string Intent,
    DecisionKind Decision,
    string? Reply,
    IReadOnlyList<string> Examples,
    string SourceFile);

/// <summary>One problem in a knowledge file, located precisely enough for an operator to fix it.</summary>
public sealed record KnowledgeError(string File, int Line, string Field, string Problem)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Problem}";
}

public sealed class KnowledgeValidationException(IReadOnlyList<KnowledgeError> errors)
    : Exception("Knowledge base is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<KnowledgeError> Errors { get; } = errors;
}
