namespace Assistant.Cli.Commands;

internal static class ValidateCommand
{
    public static int Run(Arguments args)
    {
        var context = CliContext.Create(args);
        args.RejectUnknown();
        var knowledge = context.LoadKnowledge();
        // Warnings do not fail validation: the knowledge loads and works, the operator is told where it is thin.
        foreach (var warning in knowledge.Warnings) Console.WriteLine("warning: " + warning);
        Console.WriteLine($"{context.KnowledgeDirectory}: {knowledge.Faqs.Count} FAQ entries ({knowledge.Faqs.Sum(f => f.Questions.Count)} questions), " +
            $"{knowledge.Intents.Count} intents ({knowledge.Intents.Sum(i => i.Examples.Count)} examples), {knowledge.Lexicon.Terms.Count} lexicon terms: valid" +
            (knowledge.Warnings.Count > 0 ? $" ({knowledge.Warnings.Count} warnings)" : ""));
        return 0;
    }
}
