namespace Assistant.Assist;

/// <summary>Why the model gave no usable answer: each is told to the agent in its own words, and none stops anything else.</summary>
public enum LlmFailure
{
    /// <summary>Nothing answered at the endpoint (refused, reset, DNS), or it said it is unavailable (502/503).</summary>
    Unavailable,
    /// <summary>The endpoint refused the key (401/403).</summary>
    Unauthorized,
    /// <summary>The endpoint asked to slow down (429).</summary>
    RateLimited,
    /// <summary>The endpoint failed (500 and other errors), or refused the request (4xx).</summary>
    ServerError,
    /// <summary>No answer within <see cref="LlmOptions.TimeoutSeconds"/>.</summary>
    Timeout,
    /// <summary>An answer that is not a chat completion, or holds no usable text.</summary>
    BadResponse,
}

/// <summary>The model could not help this time; <see cref="Detail"/> says why, for the log (never the key or the prompt).</summary>
public sealed class LlmException(LlmFailure failure, string detail, Exception? inner = null) : Exception(detail, inner)
{
    public LlmFailure Failure { get; } = failure;

    public string Detail { get; } = detail;
}
