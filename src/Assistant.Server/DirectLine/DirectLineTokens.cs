using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Assistant.Server.DirectLine;

/// <summary>What a token grants: one conversation, as one user, until it expires.</summary>
public sealed record TokenGrant(string ConversationId, string UserId, DateTimeOffset ExpiresAt);

/// <summary>
/// Direct Line tokens: <c>base64url(json grant).base64url(HMAC-SHA256)</c>, signed with a key derived
/// from the secret, bound to one conversation and user, expiring after the configured lifetime.
/// </summary>
public sealed class DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider time)
{
    private readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Secret), "assistant/directline/token/v1"u8.ToArray());

    public int LifetimeSeconds => options.Value.TokenLifetimeMinutes * 60;

    public bool IsSecret(string bearer) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(bearer), Encoding.UTF8.GetBytes(options.Value.Secret));

    public string Issue(string conversationId, string userId)
    {
        var grant = new Payload(conversationId, userId, time.GetUtcNow().AddSeconds(LifetimeSeconds).ToUnixTimeSeconds());
        var body = Base64Url(JsonSerializer.SerializeToUtf8Bytes(grant));
        return body + "." + Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body)));
    }

    /// <summary>The grant of a valid, unexpired token; null for anything else.</summary>
    public TokenGrant? Validate(string token)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0) return null;
        var body = token[..dot];
        byte[] signature, payload;
        try
        {
            signature = FromBase64Url(token[(dot + 1)..]);
            payload = FromBase64Url(body);
        }
        catch (FormatException)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body)))) return null;
        Payload? grant;
        try
        {
            grant = JsonSerializer.Deserialize<Payload>(payload);
        }
        catch (JsonException)
        {
            return null;
        }
        if (grant is not { Conv.Length: > 0, User.Length: > 0 }) return null;
        // Compared as numbers before any conversion: an expiry later than this server ever issues
        // (a token signed elsewhere, or one beyond DateTimeOffset's range) is not valid.
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (grant.Exp <= now || grant.Exp > now + LifetimeSeconds + ClockSkewSeconds) return null;
        return new TokenGrant(grant.Conv, grant.User, DateTimeOffset.FromUnixTimeSeconds(grant.Exp));
    }

    /// <summary>How far ahead of this server's clock another instance's may be.</summary>
    private const int ClockSkewSeconds = 60;

    private sealed record Payload(string Conv, string User, long Exp);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
