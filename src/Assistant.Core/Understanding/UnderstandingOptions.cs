using System.ComponentModel.DataAnnotations;

namespace Assistant.Understanding;

/// <summary>
/// How a message is understood (configuration section <c>Understanding</c>). <c>classifier</c> classifies over every
/// FAQ entry and intent (<see cref="IntentModel"/>); <c>retrieval</c> classifies only what the message does (a fixed set
/// of labels, one of them <c>faq</c>) and lets retrieval choose the entry (<see cref="RetrievalFirstModel"/>), so training
/// costs grow with examples only, not with entries. <c>auto</c> (the default) uses the classifier, which answers more on
/// a small knowledge base, up to <see cref="ClassifierMaxEntries"/> entries and retrieval above: the classifier's
/// training grows with entries × features (about 40 s at 100 entries, 270 s at 250, past 10 minutes at 1,000), and a
/// server retrains when its knowledge changes.
/// </summary>
public sealed class UnderstandingOptions
{
    public const string Section = "Understanding";

    public const string Classifier = "classifier", Retrieval = "retrieval", Auto = "auto";

    [Required, AllowedValues(Auto, Classifier, Retrieval, ErrorMessage = "Understanding:Mode must be 'auto', 'classifier' or 'retrieval'")]
    public string Mode { get; set; } = Auto;

    /// <summary>In <c>auto</c> mode, the most FAQ entries the per-entry classifier is trained for.</summary>
    [Range(0, 100_000)] public int ClassifierMaxEntries { get; set; } = 150;

    /// <summary>The mode a knowledge base of <paramref name="faqCount"/> entries is understood in: <see cref="Classifier"/> or <see cref="Retrieval"/>.</summary>
    public string ModeFor(int faqCount) => Mode switch
    {
        Auto => faqCount <= ClassifierMaxEntries ? Classifier : Retrieval,
        _ => Mode,
    };

    /// <summary>Where the retrieval mode's act classifier is saved (trained on demand when missing or stale).</summary>
    [Required] public string ActModelPath { get; set; } = "models/act-classifier.zip";
}
