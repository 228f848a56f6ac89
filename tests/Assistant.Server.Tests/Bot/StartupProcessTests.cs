using System.Diagnostics;

namespace Assistant.Server.Tests.Bot;

/// <summary>The real server process, as an operator starts it: a bad knowledge file or setting prints its message once, no stack trace, exit 1.</summary>
public sealed class StartupProcessTests
{
    private static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "Assistant.Server.dll");

    [Fact]
    public async Task ABrokenKnowledgeFilePrintsOneCleanMessageAndExitsWithOne()
    {
        var dir = CopyKnowledge();
        try
        {
            File.WriteAllText(Path.Combine(dir, "faq", "fees.yaml"), File.ReadAllText(Path.Combine(dir, "faq", "fees.yaml")).Replace("category: fees-tax", "category: money"));
            var (code, stdout, stderr) = await RunServerAsync(("Knowledge__Directory", dir));

            Assert.Equal(1, code);
            Assert.Equal(1, Count(stderr + stdout, "faq/fees.yaml:2: category:"));
            Assert.Equal(1, Count(stderr + stdout, "did not start"));
            Assert.DoesNotContain("   at ", stderr + stdout);
            Assert.DoesNotContain("Unhandled exception", stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task ABadSettingPrintsOneCleanMessageAndExitsWithOne()
    {
        var (code, stdout, stderr) = await RunServerAsync(("Handoff__Opens", "9am"));

        Assert.Equal(1, code);
        Assert.Equal(1, Count(stderr + stdout, "did not start"));
        Assert.Equal(1, Count(stderr, "Handoff:Opens"));
        Assert.DoesNotContain("   at ", stderr + stdout);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static string CopyKnowledge()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kb-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(RepoPaths.Knowledge, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(RepoPaths.Knowledge, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return dir;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunServerAsync(params (string Name, string Value)[] settings)
    {
        var database = Path.Combine(Path.GetTempPath(), "assistant-startup-" + Guid.NewGuid().ToString("N") + ".db");
        var start = new ProcessStartInfo("dotnet", [ServerDll])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Knowledge__Directory"] = RepoPaths.Knowledge;
        start.Environment["Knowledge__ModelPath"] = Path.Combine(RepoPaths.Root, "models", "intent-classifier.zip");
        start.Environment["Storage__SqlitePath"] = database;
        start.Environment["Bot__AllowAnonymous"] = "true";
        start.Environment["DirectLine__Secret"] = AssistantFactory.DirectLineSecret;
        foreach (var (name, value) in settings) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("the server started instead of stopping: " + await stdout);
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(database) + "*")) File.Delete(file);
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
