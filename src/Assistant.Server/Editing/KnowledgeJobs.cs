using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Assistant.Evaluation;
using Assistant.Knowledge.Editing;
using Assistant.Server.Hosting;
using Assistant.Server.Storage;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Editing;

/// <summary>Where the job running on this instance is: the version, what it does, its stage (Korean, for the console) and percentage.</summary>
public sealed record KnowledgeJobProgress(string VersionId, string Kind, string State, string Stage, int Percent, DateTimeOffset StartedAt);

/// <summary>
/// Trains, evaluates and switches knowledge versions in the background, one job at a time, and keeps this instance
/// on the version the database says is served:
/// <list type="bullet">
/// <item><b>train</b>: trains the new version's model, evaluates the running and the new model on the evaluation files
/// (<c>Knowledge:EvaluationFiles</c>), stores the comparison, and switches only when <see cref="SwitchRule"/> allows it
/// (the files are written to <c>knowledge/</c>, the model stored with the version);</item>
/// <item><b>restore</b>: serves an earlier version again (its stored model, or one trained anew);</item>
/// <item>every <c>Knowledge:PollSeconds</c>, a version another instance switched to is loaded and served here too.</item>
/// </list>
/// </summary>
public sealed class KnowledgeJobs(
    KnowledgeRuntime runtime, KnowledgeSnapshots snapshots, KnowledgeVersionStore versions, IOptions<KnowledgeOptions> options,
    IWebHostEnvironment environment, ILogger<KnowledgeJobs> logger) : BackgroundService
{
    public const string TrainJob = "train", RestoreJob = "restore";

    private readonly Channel<(string VersionId, string Kind)> _jobs = Channel.CreateUnbounded<(string, string)>();
    private readonly SemaphoreSlim _swap = new(1, 1);
    private KnowledgeJobProgress? _running;

    /// <summary>The job running on this instance, or null.</summary>
    public KnowledgeJobProgress? Running => Volatile.Read(ref _running);

    /// <summary>Completes when the job of <c>VersionId</c> has ended (tests and the CLI-like callers wait on it).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> _done = new(StringComparer.Ordinal);

    public void Enqueue(string versionId, string kind)
    {
        _done.GetOrAdd(versionId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _jobs.Writer.TryWrite((versionId, kind));
    }

    /// <summary>Completes when the queued job for <paramref name="versionId"/> has ended (at once when none is known).</summary>
    public Task Finished(string versionId) => _done.TryGetValue(versionId, out var done) ? done.Task : Task.CompletedTask;

    public SwitchRule Rule => new(options.Value.PrecisionTolerance, options.Value.CoverageTolerance);

    /// <summary>The evaluation files that exist, resolved like the knowledge folder.</summary>
    public IReadOnlyList<string> EvaluationFiles() =>
        (options.Value.EvaluationFiles is { Length: > 0 } files ? files : KnowledgeOptions.DefaultEvaluationFiles)
            .Select(f => KnowledgeOptions.Resolve(f, environment.ContentRootPath)).Where(File.Exists).ToArray();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Task.Run(() => RunJobsAsync(stoppingToken), stoppingToken), Task.Run(() => FollowAsync(stoppingToken), stoppingToken));

    private async Task RunJobsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (id, kind) in _jobs.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    if (kind == RestoreJob) await RestoreAsync(id, stoppingToken);
                    else await TrainAsync(id, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Knowledge job {Kind} of {Version} failed", kind, id);
                    versions.Progress(id, KnowledgeVersionStore.Failed, null, 0, $"작업이 실패했어요: {ex.GetType().Name}");
                }
                finally
                {
                    Volatile.Write(ref _running, null);
                    if (_done.TryRemove(id, out var done)) done.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Report(string id, string kind, string state, string stage, int percent, DateTimeOffset started, bool store = true)
    {
        Volatile.Write(ref _running, new KnowledgeJobProgress(id, kind, state, stage, percent, started));
        if (store) versions.Progress(id, state, stage, percent);
    }

    private async Task TrainAsync(string id, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var content = versions.Content(id) ?? throw new InvalidOperationException($"no knowledge version {id}");
        Report(id, TrainJob, KnowledgeVersionStore.Training, "모델 학습 중", 5, started);
        var knowledge = content.Files.Load();
        var scorer = snapshots.Train(knowledge);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        Report(id, TrainJob, KnowledgeVersionStore.Trained, "검색 색인 만드는 중", 50, started);
        var candidate = await snapshots.BuildAsync(id, content.Files, knowledge, scorer, cancellationToken: cancellationToken);

        Report(id, TrainJob, KnowledgeVersionStore.Evaluating, "평가 중", 60, started);
        var files = EvaluationFiles();
        var cases = files.SelectMany(EvalCase.Load).ToArray();
        var running = runtime.Current;
        var lastStored = 60;
        var old = await EvaluateAsync(running.Decider, cases, done => Step(60 + 18 * done / Math.Max(1, cases.Length)), cancellationToken);
        var @new = await EvaluateAsync(candidate.Decider, cases, done => Step(78 + 17 * done / Math.Max(1, cases.Length)), cancellationToken);
        var comparison = Rule.Compare(old, @new, files.Select(f => Path.GetFileName(f)).ToArray());
        versions.SaveComparison(id, comparison);
        var evalSeconds = clock.Elapsed.TotalSeconds - trainSeconds;

        if (!comparison.Switch)
        {
            var note = Timing(trainSeconds, evalSeconds, null);
            versions.Progress(id, KnowledgeVersionStore.Refused, null, 100, note);
            logger.LogWarning("Knowledge version {Version} refused: {Reason} ({Timing})", id, comparison.Reason, note);
            return;
        }
        Report(id, TrainJob, KnowledgeVersionStore.Evaluating, "전환 중", 97, started);
        await SwitchAsync(candidate, KnowledgeVersionStore.Active, SnapshotsModel(scorer), () => Timing(trainSeconds, evalSeconds, clock.Elapsed.TotalSeconds), cancellationToken);
        logger.LogInformation("Knowledge version {Version} serves now ({Timing}): {Reason}", id, Timing(trainSeconds, evalSeconds, clock.Elapsed.TotalSeconds), comparison.Reason);

        void Step(int percent)
        {
            // The percentage is shown live from memory; the database hears of it every 10 points.
            var store = percent - lastStored >= 10;
            if (store) lastStored = percent;
            Report(id, TrainJob, KnowledgeVersionStore.Evaluating, "평가 중", percent, started, store);
        }
    }

    private byte[]? SnapshotsModel(Understanding.IIntentScorer scorer)
    {
        try
        {
            return KnowledgeSnapshots.ModelBytes(scorer);
        }
        catch (ArgumentException)
        {
            return null; // another kind of scorer: every instance trains its own
        }
    }

    private static string Timing(double train, double eval, double? total) =>
        string.Create(CultureInfo.InvariantCulture, $"학습 {train:0.0}초, 평가 {eval:0.0}초") + (total is { } t ? string.Create(CultureInfo.InvariantCulture, $", 전환까지 {t:0.0}초") : "");

    private async Task RestoreAsync(string id, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var content = versions.Content(id) ?? throw new InvalidOperationException($"no knowledge version {id}");
        Volatile.Write(ref _running, new KnowledgeJobProgress(id, RestoreJob, KnowledgeVersionStore.Restored, "복원하는 버전 불러오는 중", 10, started));
        var knowledge = content.Files.Load();
        var stored = snapshots.LoadModel(knowledge, content.ModelMode, content.Model);
        var scorer = stored ?? snapshots.Train(knowledge);
        Volatile.Write(ref _running, new KnowledgeJobProgress(id, RestoreJob, KnowledgeVersionStore.Restored, "검색 색인 만드는 중", 60, started));
        var candidate = await snapshots.BuildAsync(id, content.Files, knowledge, scorer, cancellationToken: cancellationToken);
        await SwitchAsync(candidate, KnowledgeVersionStore.Restored, stored is null ? SnapshotsModel(scorer) : null,
            () => string.Create(CultureInfo.InvariantCulture, $"복원 {clock.Elapsed.TotalSeconds:0.0}초 ({(stored is null ? "모델 다시 학습" : "저장된 모델 사용")})"), cancellationToken);
        logger.LogInformation("Knowledge version {Version} restored in {Seconds:0.0} s", id, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Swaps the runtime, writes the files to <c>knowledge/</c> and records the switch, with no other swap in between.
    /// The new version serves and its files are on disk before the store calls it active, so whoever reads "active" (or
    /// "restored") is answered by it and finds its files; a switch the store refuses to record is undone, files too.
    /// </summary>
    private async Task SwitchAsync(KnowledgeSnapshot candidate, string state, byte[]? model, Func<string> detail, CancellationToken cancellationToken)
    {
        await _swap.WaitAsync(cancellationToken);
        try
        {
            var previous = runtime.Current;
            runtime.Swap(candidate);
            try
            {
                candidate.Files.WriteTo(snapshots.Directory);
                versions.Activate(candidate.VersionId!, state, snapshots.ModeFor(candidate.Knowledge), model, detail());
            }
            catch
            {
                runtime.Swap(previous);
                previous.Files.WriteTo(snapshots.Directory);
                throw;
            }
        }
        finally
        {
            _swap.Release();
        }
    }

    private static async Task<ModelScore> EvaluateAsync(IMessageDecider decider, IReadOnlyList<EvalCase> cases, Action<int> progress, CancellationToken cancellationToken)
    {
        var results = new List<EvalResult>(cases.Count);
        for (var i = 0; i < cases.Count; i += 20)
        {
            results.AddRange(await EvalRunner.RunAsync(decider, cases.Skip(i).Take(20).ToArray(), cancellationToken));
            progress(results.Count);
        }
        return ModelScore.From(EvalMetrics.From(results));
    }

    /// <summary>Serves the version another instance switched to, once this instance notices it (every <c>Knowledge:PollSeconds</c>).</summary>
    private async Task FollowAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FollowOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Could not check for a new knowledge version");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Before the first change, the knowledge served since start-up becomes a version of its own (active, with its model),
    /// so it can be restored later. Returns the id of the version now served.
    /// </summary>
    public async Task<string> EnsureBaselineAsync(string author, CancellationToken cancellationToken = default)
    {
        await _swap.WaitAsync(cancellationToken);
        try
        {
            if (versions.Served() is { } active) return active.Id;
            var current = runtime.Current;
            var id = versions.Create(null, author, current.Files, KnowledgeVersionStore.Queued, [], []);
            versions.Activate(id, KnowledgeVersionStore.Active, snapshots.ModeFor(current.Knowledge), SnapshotsModel(current.Scorer), "시작할 때 불러온 knowledge/ 폴더");
            runtime.Swap(current with { VersionId = id });
            return id;
        }
        finally
        {
            _swap.Release();
        }
    }

    /// <summary>Loads and serves the database's active version when this instance serves another one.</summary>
    public async Task FollowOnceAsync(CancellationToken cancellationToken = default)
    {
        if (versions.Served() is not { } active || active.Id == runtime.Current.VersionId) return;
        await _swap.WaitAsync(cancellationToken);
        try
        {
            active = versions.Served();
            if (active is null || active.Id == runtime.Current.VersionId) return;
            var content = versions.Content(active.Id)!;
            var knowledge = content.Files.Load();
            var scorer = snapshots.LoadModel(knowledge, content.ModelMode, content.Model) ?? snapshots.Train(knowledge);
            var snapshot = await snapshots.BuildAsync(active.Id, content.Files, knowledge, scorer, cancellationToken: cancellationToken);
            content.Files.WriteTo(snapshots.Directory);
            runtime.Swap(snapshot);
            logger.LogInformation("Knowledge version {Version} was switched to on another instance; serving it here too", active.Id);
        }
        finally
        {
            _swap.Release();
        }
    }

    public override void Dispose()
    {
        _swap.Dispose();
        base.Dispose();
    }
}
