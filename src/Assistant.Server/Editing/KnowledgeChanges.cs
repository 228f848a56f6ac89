using Assistant.Knowledge;
using Assistant.Knowledge.Editing;
using Assistant.Server.Storage;

namespace Assistant.Server.Editing;

/// <summary>
/// <see cref="IKnowledgeChanges"/> for the server: applies edits to the newest version (the one still training, else
/// the one served), validates them exactly as <c>validate</c> does, and saves a new version that
/// <see cref="KnowledgeJobs"/> trains, evaluates and switches to in the background.
/// </summary>
public sealed class KnowledgeChanges(KnowledgeRuntime runtime, KnowledgeVersionStore versions, KnowledgeJobs jobs) : IKnowledgeChanges
{
    private readonly SemaphoreSlim _propose = new(1, 1);

    public async Task<KnowledgeChangeResult> ProposeAsync(IReadOnlyList<KnowledgeEdit> edits, string author, bool dryRun, CancellationToken cancellationToken = default)
    {
        await _propose.WaitAsync(cancellationToken);
        try
        {
            var (head, files, knowledge) = Base();
            var outcome = await Task.Run(() => KnowledgeEditor.Apply(files, knowledge, edits), cancellationToken);
            if (outcome.Problems.Count > 0 || dryRun || outcome.Added.Count + outcome.Changed.Count == 0)
                return new KnowledgeChangeResult(false, outcome.Problems, outcome.Added, outcome.Changed, null);

            head ??= await jobs.EnsureBaselineAsync(author, cancellationToken);
            var id = versions.Create(head, author, outcome.Files!, KnowledgeVersionStore.Queued, outcome.Added, outcome.Changed);
            jobs.Enqueue(id, KnowledgeJobs.TrainJob);
            return new KnowledgeChangeResult(true, [], outcome.Added, outcome.Changed, id);
        }
        finally
        {
            _propose.Release();
        }
    }

    /// <summary>The version a change builds on, with its files and knowledge (null id: the start-up folder, not yet a version).</summary>
    private (string? Id, KnowledgeFiles Files, KnowledgeBase Knowledge) Base()
    {
        var current = runtime.Current;
        var head = versions.Head();
        if (head is null || head == current.VersionId) return (head, current.Files, current.Knowledge);
        var content = versions.Content(head)!;
        return (head, content.Files, content.Files.Load());
    }
}
