using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Assistant.Security;

namespace Assistant.Server.Agents;

/// <summary>Checks a password against a stored hash (the seam where tests observe the check).</summary>
public interface IPasswordVerifier
{
    bool Verify(string password, string encodedHash);
}

/// <summary>PBKDF2 verification with <see cref="PasswordHasher"/>.</summary>
public sealed class Pbkdf2PasswordVerifier : IPasswordVerifier
{
    public bool Verify(string password, string encodedHash) => PasswordHasher.Verify(password, encodedHash);
}

/// <summary>
/// Sign-in verification that costs the same whether the account exists or not: an unknown name is
/// checked against a dummy hash with the same parameters (scheme, iterations, lengths) as the real
/// accounts', so response time does not tell which names are accounts.
/// </summary>
public sealed class LoginVerifier(IPasswordVerifier verifier)
{
    private readonly ConcurrentDictionary<string, string> _dummies = new(StringComparer.Ordinal);

    /// <summary>The account whose password this is, or null; always runs exactly one hash check.</summary>
    public AgentAccountOptions? Verify(IReadOnlyList<AgentAccountOptions> accounts, string username, string password)
    {
        var account = accounts.FirstOrDefault(a => string.Equals(a.Id, username, StringComparison.Ordinal));
        var hash = account?.PasswordHash ?? DummyHash(accounts);
        var valid = verifier.Verify(password, hash);
        return account is not null && valid ? account : null;
    }

    /// <summary>A hash no password matches, shaped like the configured accounts' hashes (the first one's parameters).</summary>
    private string DummyHash(IReadOnlyList<AgentAccountOptions> accounts)
    {
        var model = accounts.Select(a => a.PasswordHash.Split('$')).FirstOrDefault(p => p.Length == 4);
        var key = model is null ? "" : model[0] + "$" + model[1] + "$" + model[2].Length + "$" + model[3].Length;
        return _dummies.GetOrAdd(key, _ =>
        {
            if (model is null) return PasswordHasher.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
            int Bytes(string base64) { try { return Convert.FromBase64String(base64).Length; } catch (FormatException) { return 32; } }
            return string.Join('$', model[0], model[1].ToString(CultureInfo.InvariantCulture),
                Convert.ToBase64String(RandomNumberGenerator.GetBytes(Bytes(model[2]))), Convert.ToBase64String(RandomNumberGenerator.GetBytes(Bytes(model[3]))));
        });
    }
}
