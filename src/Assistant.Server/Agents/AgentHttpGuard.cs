using Microsoft.AspNetCore.Antiforgery;

namespace Assistant.Server.Agents;

/// <summary>
/// The outermost layer for the console (<c>/agent</c>) and the agent API (<c>/api/agent</c>), added
/// as a startup filter so it also covers the console's static files:
/// <list type="bullet">
/// <item>security headers: a Content-Security-Policy allowing only the console's own files
/// (the favicon is a <c>data:</c> image), no framing, <c>nosniff</c>, no referrer;</item>
/// <item>a request the framework refuses while reading it (over-long form keys, bad bodies) is a
/// 4xx problem instead of a 500;</item>
/// <item>an API error the framework answers with an empty body (401 from the cookie handler, 405,
/// 415, a body that does not bind) gets a problem body with a reason.</item>
/// </list>
/// </summary>
public sealed class AgentHttpGuard : IStartupFilter
{
    public const string ConsoleCsp =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public const string ApiCsp = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(GuardAsync);
        next(app);
    };

    private static async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        var api = context.Request.Path.StartsWithSegments("/api/agent");
        if (!api && !context.Request.Path.StartsWithSegments("/agent"))
        {
            await next(context);
            return;
        }

        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = api ? ApiCsp : ConsoleCsp;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (api && string.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });

        try
        {
            await next(context);
        }
        catch (Exception ex) when (ClientError(ex) is { } status && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await AgentEndpoints.Problem(status, status == StatusCodes.Status413PayloadTooLarge ? Reason(status) : "요청을 읽을 수 없어요. 형식과 크기를 확인해 주세요.").ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        if (api && response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
            await AgentEndpoints.Problem(response.StatusCode, Reason(response.StatusCode)).ExecuteAsync(context);
    }

    private static int? ClientError(Exception ex) => ex switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException or AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        _ => null,
    };

    private static string Reason(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "요청 형식이 올바르지 않아요.",
        StatusCodes.Status401Unauthorized => "로그인이 필요해요.",
        StatusCodes.Status403Forbidden => "이 작업을 할 권한이 없어요.",
        StatusCodes.Status404NotFound => "요청한 주소를 찾을 수 없어요.",
        StatusCodes.Status405MethodNotAllowed => "이 주소에서 허용되지 않는 메서드예요.",
        StatusCodes.Status413PayloadTooLarge => "요청 본문이 너무 커요.",
        StatusCodes.Status415UnsupportedMediaType => "요청 본문은 JSON(application/json)으로 보내 주세요.",
        StatusCodes.Status429TooManyRequests => "요청이 너무 많아요. 잠시 후 다시 시도해 주세요.",
        _ => "요청을 처리할 수 없어요.",
    };
}
