namespace Assistant.Text;

/// <summary>
/// The texts the classifier and the retriever see: the message, followed by the canonical terms the
/// lexicon recognises in it. Expand once and build both when a message needs both.
/// </summary>
public static class FeatureText
{
    /// <summary>For the classifier: the message without spacing variation, then the terms.</summary>
    public static string For(string message, Lexicon lexicon) => For(message, lexicon.Expand(message));

    public static string For(string message, IReadOnlyList<string> terms) => Append(TextNormalizer.Compact(message), terms);

    /// <summary>For the retriever: the seller's spacing is kept (English words need it), then the terms.</summary>
    public static string ForRetrieval(string message, Lexicon lexicon) => ForRetrieval(message, lexicon.Expand(message));

    public static string ForRetrieval(string message, IReadOnlyList<string> terms) => Append(message, terms);

    private static string Append(string text, IReadOnlyList<string> terms) => terms.Count == 0 ? text : text + " " + string.Join(' ', terms);
}
