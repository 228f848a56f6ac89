namespace Assistant.Knowledge.Editing;

/// <summary>
/// One change a supervisor asks for on the knowledge base (from the review queue, an import or the console).
/// Edits are applied together, validated exactly as <c>validate</c> validates <c>knowledge/</c>, and saved
/// as a new knowledge version; nothing a seller sees changes until that version is trained, evaluated and switched to.
/// </summary>
public abstract record KnowledgeEdit;

/// <summary>Adds seller phrasings to an existing FAQ entry's questions (duplicates of existing questions are dropped).</summary>
public sealed record AddPhrasings(string FaqId, IReadOnlyList<string> Phrasings) : KnowledgeEdit;

/// <summary>Creates an FAQ entry, or replaces the entry with the same id.</summary>
public sealed record UpsertEntry(FaqEntryDraft Entry) : KnowledgeEdit;

/// <summary>An FAQ entry as a supervisor writes it (the same fields as a <c>knowledge/faq/*.yaml</c> file).</summary>
public sealed record FaqEntryDraft(string Id, string Category, string Title, string Answer, IReadOnlyList<string> Facts, IReadOnlyList<string> Questions);

/// <summary>
/// What came of a proposed change. <see cref="Problems"/> are <c>file:line: field: problem</c> (or <c>line: field: problem</c>
/// for an import) lines; a change with problems saves nothing. A dry run reports what would be added and changed and saves nothing.
/// </summary>
public sealed record KnowledgeChangeResult(bool Saved, IReadOnlyList<string> Problems, IReadOnlyList<string> Added, IReadOnlyList<string> Changed, string? VersionId);

/// <summary>The one way the running assistant's knowledge is changed without a restart.</summary>
public interface IKnowledgeChanges
{
    Task<KnowledgeChangeResult> ProposeAsync(IReadOnlyList<KnowledgeEdit> edits, string author, bool dryRun, CancellationToken cancellationToken = default);
}
