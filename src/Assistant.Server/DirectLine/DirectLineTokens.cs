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

    private readonly byte[] _userKey = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Secret), "assistant/directline/user/v1"u8.ToArray());

    public int LifetimeSeconds => options.Value.TokenLifetimeMinutes * 60;

    /// <summary>
    /// A web chat page's user key: <c>base64url(json {user, exp}).base64url(HMAC-SHA256)</c> under its own key, so it is
    /// never a token. It proves only which user an earlier page conversation was, until it expires.
    /// </summary>
    public string IssueUserKey(string userId)
    {
        var body = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new UserPayload(userId, time.GetUtcNow().AddDays(options.Value.UserKeyLifetimeDays).ToUnixTimeSeconds())));
        return body + "." + Base64Url(HMACSHA256.HashData(_userKey, Encoding.ASCII.GetBytes(body)));
    }

    /// <summary>The user of a valid, unexpired user key; null for anything else.</summary>
    public string? ValidateUserKey(string key)
    {
        var dot = key.IndexOf('.');
        if (dot <= 0 || key.Length > 512) return null;
        try
        {
            var body = key[..dot];
            if (!CryptographicOperations.FixedTimeEquals(FromBase64Url(key[(dot + 1)..]), HMACSHA256.HashData(_userKey, Encoding.ASCII.GetBytes(body)))) return null;
            var grant = JsonSerializer.Deserialize<UserPayload>(FromBase64Url(body));
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            if (grant is not { User.Length: > 0 } || grant.Exp <= now || grant.Exp > now + options.Value.UserKeyLifetimeDays * 86_400L + ClockSkewSeconds) return null;
            return grant.User;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

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

    private sealed record UserPayload(string User, long Exp);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
