using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests;

/// <summary>The repository's real knowledge base and saved model, loaded once for the test assembly.</summary>
public sealed class RepoFixture
{
    public RepoFixture()
    {
        Knowledge = KnowledgeLoader.Load(Paths.Knowledge);
        Model = IntentModel.Load(Paths.Model);
        Decider = UnderstandingFactory.CreateDeciderAsync(Knowledge, Model, new PolicyOptions()).GetAwaiter().GetResult();
    }

    public KnowledgeBase Knowledge { get; }
    public IntentModel Model { get; }
    public Decider Decider { get; }
}

[CollectionDefinition(Name)]
public sealed class RepoCollection : ICollectionFixture<RepoFixture>
{
    public const string Name = "repository knowledge and model";
}

public static class Paths
{
    public static string Root { get; } = FindRoot();
    public static string Knowledge => Path.Combine(Root, "knowledge");
    public static string Model => Path.Combine(Root, "models", "intent-classifier.zip");
    public static string DevEval => SharedEval("dev.jsonl");

    /// <summary>A file of the shared evaluation set (beside the checkout, written apart from the knowledge).</summary>
    public static string SharedEval(string file) => Path.Combine(Root, "..", "shared", "eval", file);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Assistant.sln"))) return dir.FullName;
        throw new InvalidOperationException("Assistant.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A throw-away knowledge folder, copied from the real one, for tests that break it.</summary>
public sealed class TempKnowledge : IDisposable
{
    public TempKnowledge()
    {
        Directory = Path.Combine(Path.GetTempPath(), "assistant-knowledge-" + Guid.NewGuid().ToString("N"));
        foreach (var file in System.IO.Directory.GetFiles(Paths.Knowledge, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Directory, Path.GetRelativePath(Paths.Knowledge, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Directory { get; }

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public void Write(string relative, string content) => File.WriteAllText(PathOf(relative), content);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
