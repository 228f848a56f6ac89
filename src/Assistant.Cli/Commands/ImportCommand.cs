using Assistant.Knowledge.Editing;

namespace Assistant.Cli.Commands;

/// <summary>
/// <c>import FILE [--dry-run]</c>: reads a help center export (CSV or JSON, <see cref="HelpCenterImport"/>), applies it to
/// <c>knowledge/</c> as the server does, validates the result, and lists the ids added and changed and every problem as
/// <c>line: field: problem</c>. Without <c>--dry-run</c> and without problems the entries are written to <c>knowledge/faq/</c>.
/// Exit 0 when valid, 1 with problems, 2 on a usage error.
/// </summary>
internal static class ImportCommand
{
    public static int Run(string? file, Arguments args)
    {
        var dryRun = args.Flag("--dry-run");
        var format = args.Value("--format");
        var context = CliContext.Create(args);
        args.RejectUnknown();
        if (file is null || file.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException("import needs a FILE (.csv or .json)");
        if (!File.Exists(file)) throw new FileNotFoundException($"no import file at {file}");
        format ??= HelpCenterImport.FormatOf(file) ?? throw new ArgumentException($"cannot tell the format of {file}: name it .csv or .json, or pass --format csv|json");

        var parsed = HelpCenterImport.Parse(File.ReadAllText(file), format);
        var problems = parsed.Problems;
        IReadOnlyList<string> added = [], changed = [];
        KnowledgeFiles? next = null;
        if (parsed.Edits.Count > 0)
        {
            // The entries that could be read are validated too, so one run lists every problem of the file.
            var files = KnowledgeFiles.Read(context.KnowledgeDirectory);
            var outcome = KnowledgeEditor.Apply(files, context.LoadKnowledge(), parsed.Edits);
            problems = HelpCenterImport.AllProblems(parsed, outcome.Problems);
            (added, changed, next) = (outcome.Added, outcome.Changed, outcome.Files);
        }

        foreach (var id in added) Console.WriteLine($"add     {id}");
        foreach (var id in changed) Console.WriteLine($"change  {id}");
        foreach (var problem in problems) Console.WriteLine(problem);
        if (problems.Count > 0)
        {
            Console.WriteLine($"{Path.GetFileName(file)}: {problems.Count} problems; nothing written");
            return 1;
        }
        if (dryRun || next is null)
        {
            Console.WriteLine($"{Path.GetFileName(file)}: {parsed.Edits.Count} entries, {added.Count} to add, {changed.Count} to change (dry run: nothing written)");
            return 0;
        }
        next.WriteTo(context.KnowledgeDirectory);
        Console.WriteLine($"{Path.GetFileName(file)}: {added.Count} added, {changed.Count} changed in {context.KnowledgeDirectory}; run `train` to refresh models/");
        return 0;
    }
}
