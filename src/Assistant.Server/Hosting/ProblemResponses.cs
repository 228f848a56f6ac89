using Microsoft.AspNetCore.Diagnostics;

namespace Assistant.Server.Hosting;

/// <summary>
/// Every error response has an RFC 9457 <c>application/problem+json</c> body (<c>status</c>, <c>title</c>, and a
/// <c>detail</c> reason where one is known): framework answers that come without a body (404 no such route, 405,
/// 415, a binding 400, 401/403/429) get one from the status-code pages; a client's bad request that surfaces as
/// <see cref="BadHttpRequestException"/> (body too large, unreadable form or JSON) keeps its 4xx status; anything
/// else is a 500 whose body says nothing about the fault (the stack trace goes to the log only).
/// </summary>
public static class ProblemResponses
{
    /// <summary>The reason given for a framework status that comes without one.</summary>
    private static string? Detail(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read: check its body and parameters.",
        StatusCodes.Status401Unauthorized => "Sign in or send valid credentials.",
        StatusCodes.Status403Forbidden => "The credentials do not allow this request.",
        StatusCodes.Status404NotFound => "Nothing is at this path.",
        StatusCodes.Status405MethodNotAllowed => "This path does not accept this HTTP method.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "This endpoint does not accept this Content-Type.",
        StatusCodes.Status429TooManyRequests => "Too many requests: wait a moment and try again.",
        _ => null,
    };

    public static WebApplicationBuilder AddProblemResponses(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
            if (c.Exception is BadHttpRequestException bad) c.ProblemDetails.Detail ??= bad.Message;
            else if (status < 500) c.ProblemDetails.Detail ??= Detail(status);
            // The default adds the request's trace id: useful to find the log line, and no secret.
        });
        return builder;
    }

    /// <summary>First in the pipeline: the exception handler, then the status-code pages.</summary>
    public static WebApplication UseProblemResponses(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            // A client's bad request is its own fault: no error log with a stack trace for it.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        return app;
    }
}
