namespace Assistant.Server.Tests;

/// <summary>The repository checkout the tests run from (found by Assistant.sln, whatever the build layout).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string Knowledge => Path.Combine(Root, "knowledge");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Assistant.sln"))) return dir.FullName;
        throw new InvalidOperationException("Assistant.sln not found above " + AppContext.BaseDirectory);
    }
}
