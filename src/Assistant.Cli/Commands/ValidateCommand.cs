namespace Assistant.Cli.Commands;

internal static class ValidateCommand
{
    public static int Run(Arguments args)
    {
        var context = CliContext.Create(args);
        args.RejectUnknown();
        var knowledge = context.LoadKnowledge();
        Console.WriteLine($"{context.KnowledgeDirectory}: {knowledge.Faqs.Count} FAQ entries ({knowledge.Faqs.Sum(f => f.Questions.Count)} questions), " +
            $"{knowledge.Intents.Count} intents ({knowledge.Intents.Sum(i => i.Examples.Count)} examples), {knowledge.Lexicon.Terms.Count} lexicon terms: valid");
        return 0;
    }
}
