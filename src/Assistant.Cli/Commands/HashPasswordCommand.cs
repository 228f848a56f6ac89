using Assistant.Security;

namespace Assistant.Cli.Commands;

/// <summary><c>hash-password</c>: prints the PBKDF2 hash to put in <c>Agents:Accounts:N:PasswordHash</c>. Reads the password from standard input.</summary>
internal static class HashPasswordCommand
{
    public static int Run(Arguments args)
    {
        args.RejectUnknown();
        var password = Console.IsInputRedirected ? Console.In.ReadLine() : ReadHidden();
        if (string.IsNullOrEmpty(password) || password.Length < 8) throw new ArgumentException("the password must have at least 8 characters");
        Console.WriteLine(PasswordHasher.Hash(password));
        return 0;
    }

    private static string ReadHidden()
    {
        Console.Error.Write("password: ");
        var chars = new List<char>();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            if (key.Key == ConsoleKey.Backspace) { if (chars.Count > 0) chars.RemoveAt(chars.Count - 1); }
            else chars.Add(key.KeyChar);
        Console.Error.WriteLine();
        return new string([.. chars]);
    }
}
