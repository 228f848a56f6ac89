using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Assistant.Server.Tests;

/// <summary>
/// A real PostgreSQL for the tests: <c>ASSISTANT_TEST_POSTGRES</c> when set, otherwise a throw-away
/// cluster started on loopback from Debian's packages (initdb + pg_ctl as the postgres user, about a
/// second), stopped and deleted when the tests end. Each test gets its own database.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _dataDirectory;
    private string _adminConnectionString = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("ASSISTANT_TEST_POSTGRES") is { Length: > 0 } configured)
        {
            _adminConnectionString = configured;
            return;
        }
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (bin is null) throw new InvalidOperationException("PostgreSQL is not installed: run scripts/test.sh (it installs Debian's postgresql) or set ASSISTANT_TEST_POSTGRES");

        _dataDirectory = Path.Combine(Path.GetTempPath(), "assistant-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
        var port = LoopbackServer.FreePort();
        await RunAsync("chown", $"postgres:postgres {_dataDirectory}");
        await RunAsync("runuser", $"-u postgres -- {bin}/initdb -D {_dataDirectory} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8");
        await RunAsync("runuser", $"-u postgres -- {bin}/pg_ctl -D {_dataDirectory} -w -l {_dataDirectory}/log -o \"-c listen_addresses=127.0.0.1 -p {port} -k {_dataDirectory} -c fsync=off\" start");
        _adminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    /// <summary>A new, empty database on the server.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "assistant_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true }.ToString();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_dataDirectory is null) return;
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).First(d => File.Exists(Path.Combine(d, "pg_ctl")));
        await RunAsync("runuser", $"-u postgres -- {bin}/pg_ctl -D {_dataDirectory} -m immediate stop");
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await stderr}");
    }

}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
