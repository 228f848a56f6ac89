using System.ComponentModel.DataAnnotations;
using Assistant.Embeddings;
using Assistant.Evaluation;
using Assistant.Knowledge;
using Assistant.OpenAI;
using Assistant.Retrieval;
using Microsoft.Extensions.AI;
using Assistant.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Assistant.Cli.Commands;

/// <summary>Where the command finds the knowledge, the model and the server's configuration.</summary>
internal sealed class CliContext
{
    private CliContext(string root, Arguments args)
    {
        Root = root;
        KnowledgeDirectory = args.Value("--knowledge") ?? Path.Combine(root, "knowledge");
        ModelPath = args.Value("--model") ?? Path.Combine(root, "models", "intent-classifier.zip");
        Configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "src", "Assistant.Server", "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        Understanding = new UnderstandingOptions();
        Configuration.GetSection(UnderstandingOptions.Section).Bind(Understanding);
        Understanding.Mode = args.Value("--mode") ?? Understanding.Mode;
        if (Understanding.Mode is not (UnderstandingOptions.Auto or UnderstandingOptions.Classifier or UnderstandingOptions.Retrieval))
            throw new ArgumentException($"--mode (Understanding:Mode) must be {UnderstandingOptions.Auto}, {UnderstandingOptions.Classifier} or {UnderstandingOptions.Retrieval}, not '{Understanding.Mode}'");
        ActModelPath = Path.IsPathRooted(Understanding.ActModelPath) ? Understanding.ActModelPath : Path.Combine(root, Understanding.ActModelPath);
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
    }

    public string Root { get; }
    public string KnowledgeDirectory { get; }
    public string ModelPath { get; }
    public IConfiguration Configuration { get; }

    /// <summary><c>Understanding</c> (appsettings.json, environment), its mode overridden by <c>--mode auto|classifier|retrieval</c>.</summary>
    public UnderstandingOptions Understanding { get; }

    /// <summary>Where the retrieval mode's act classifier is kept (<c>Understanding:ActModelPath</c>, from the repository root).</summary>
    public string ActModelPath { get; }

    /// <summary>The mode <paramref name="knowledge"/> is understood in (<c>auto</c> resolved by its size).</summary>
    public string ModeFor(KnowledgeBase knowledge) => Understanding.ModeFor(knowledge.Faqs.Count);

    public bool RetrievalFirst(KnowledgeBase knowledge) => ModeFor(knowledge) == UnderstandingOptions.Retrieval;

    /// <summary>
    /// The label scorer of the configured mode for <paramref name="knowledge"/>. A cold start (<paramref name="coldStart"/>)
    /// trains aside: the classifier in <see cref="ColdStart.ModelFolder"/>, the act classifier in memory.
    /// </summary>
    public IIntentScorer LoadOrTrainScorer(KnowledgeBase knowledge, ILogger logger, bool coldStart = false) =>
        (coldStart, RetrievalFirst(knowledge)) switch
        {
            (true, true) => RetrievalFirstModel.Train(knowledge),
            (true, false) => ColdStart.LoadOrTrainModel(knowledge, logger),
            _ => UnderstandingFactory.LoadOrTrainScorer(knowledge, ModeFor(knowledge), ModelPath, ActModelPath, logger),
        };
    public ILoggerFactory LoggerFactory { get; }

    public static CliContext Create(Arguments args) => new(FindRoot(), args);

    /// <summary>The knowledge base; with <paramref name="maxPhrasings"/>, as a cold start would have it (<see cref="ColdStart.KeepPhrasings"/>).</summary>
    public KnowledgeBase LoadKnowledge(int? maxPhrasings = null)
    {
        var knowledge = KnowledgeLoader.Load(KnowledgeDirectory);
        return maxPhrasings is { } n ? ColdStart.KeepPhrasings(knowledge, n) : knowledge;
    }

    public PolicyOptions Policy()
    {
        var options = new PolicyOptions();
        Configuration.GetSection(PolicyOptions.Section).Bind(options);
        return options;
    }

    /// <summary>
    /// The neural path of <c>Embeddings</c> (appsettings.json, environment) with an embedded index, or null with the
    /// default local provider. A wrong setting stops the command with the key named.
    /// </summary>
    public NeuralPath? Neural()
    {
        var options = new EmbeddingsOptions();
        Configuration.GetSection(EmbeddingsOptions.Section).Bind(options);
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
            throw new ArgumentException(string.Join("; ", errors.Select(e => e.ErrorMessage)));
        if (!options.IsNeural) return null;
        var generator = OpenAIEmbeddings.Create(options);
        var evidence = new NeuralEvidence(generator, new InMemoryVectorIndex(), options.ModelKey, (float)options.Weight,
            TimeSpan.FromSeconds(options.TimeoutSeconds), options.BatchSize, logger: LoggerFactory.CreateLogger("embeddings"));
        return new NeuralPath(evidence, generator);
    }

    /// <summary>The repository root: the nearest folder above the working directory (or this program) holding knowledge/.</summary>
    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, "knowledge")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
                    return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}

/// <summary>Minimal <c>--name value</c> / <c>--flag</c> parsing; unknown options are errors.</summary>
internal sealed class Arguments(string[] args, params string[] known)
{
    private readonly HashSet<string> _used = [];

    public string? Value(string name)
    {
        _used.Add(name);
        var i = Array.IndexOf(args, name);
        if (i < 0) return null;
        if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException($"option {name} needs a value");
        return args[i + 1];
    }

    /// <summary><c>--max-phrasings N</c>: keep only the first N questions of every FAQ entry (a cold start), or null.</summary>
    public int? MaxPhrasings()
    {
        if (Value("--max-phrasings") is not { } text) return null;
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"option --max-phrasings needs a whole number of 0 or more, not '{text}'");
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return args.Contains(name);
    }

    public void RejectUnknown()
    {
        foreach (var a in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
            if (!_used.Contains(a) && !known.Contains(a)) throw new ArgumentException($"unknown option {a}");
    }
}

/// <summary>The neural evidence of a command and the generator it owns.</summary>
internal sealed class NeuralPath(NeuralEvidence evidence, IEmbeddingGenerator<string, Embedding<float>> generator) : IDisposable
{
    public NeuralEvidence Evidence => evidence;

    public void Dispose() => generator.Dispose();
}
