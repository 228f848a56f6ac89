using System.ComponentModel.DataAnnotations;

namespace Assistant.Understanding;

/// <summary>
/// How a message is understood (configuration section <c>Understanding</c>). <c>classifier</c> (the default) classifies
/// over every FAQ entry and intent (<see cref="IntentModel"/>); <c>retrieval</c> classifies only what the message does
/// (a fixed set of labels, one of them <c>faq</c>) and lets retrieval choose the entry (<see cref="RetrievalFirstModel"/>),
/// so training costs grow with examples only, not with entries.
/// </summary>
public sealed class UnderstandingOptions
{
    public const string Section = "Understanding";

    public const string Classifier = "classifier", Retrieval = "retrieval";

    [Required, AllowedValues(Classifier, Retrieval, ErrorMessage = "Understanding:Mode must be 'classifier' or 'retrieval'")]
    public string Mode { get; set; } = Classifier;

    /// <summary>Where the retrieval mode's act classifier is saved (trained on demand when missing or stale).</summary>
    [Required] public string ActModelPath { get; set; } = "models/act-classifier.zip";
}
