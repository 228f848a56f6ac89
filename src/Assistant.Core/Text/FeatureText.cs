
namespace Assistant.Text;

/// <summary>
/// The one text representation both the classifier and the retriever see: the message without
/// spacing variation, followed by the canonical terms the lexicon recognises in it.
/// </summary>
public static class FeatureText
{
    public static string For(string message, Lexicon lexicon)
    {
        var compact = TextNormalizer.Compact(message);
        var terms = lexicon.Expand(message);
        return terms.Count == 0 ? compact : compact + " " + string.Join(' ', terms);
    }

    /// <summary>The retriever keeps the seller's spacing (English words need it) and adds the canonical terms.</summary>
    public static string ForRetrieval(string message, Lexicon lexicon)
    {
        var terms = lexicon.Expand(message);
        return terms.Count == 0 ? message : message + " " + string.Join(' ', terms);
    }
}
