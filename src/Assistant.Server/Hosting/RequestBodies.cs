using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace Assistant.Server.Hosting;

/// <summary>Reading a request body within a size limit, whether or not it declares its length.</summary>
public static class RequestBodies
{
    /// <summary>
    /// The body as UTF-8 text, read no further than <paramref name="limit"/> bytes; null when it is
    /// larger. With <paramref name="rewind"/>, the body stays readable from its start for the next reader.
    /// </summary>
    public static async Task<string?> ReadTextAsync(HttpRequest request, int limit, bool rewind = false)
    {
        if (request.ContentLength > limit) return null;
        // The server itself stops reading past the limit too (Kestrel; the in-memory test server has no such feature).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        if (rewind) request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= limit && (read = await request.Body.ReadAsync(buffer.AsMemory(length, limit + 1 - length), request.HttpContext.RequestAborted)) > 0)
                length += read;
            if (length > limit) return null;
            if (rewind) request.Body.Position = 0;
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
