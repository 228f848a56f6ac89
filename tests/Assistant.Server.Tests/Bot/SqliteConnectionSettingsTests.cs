using Assistant.Server.Storage;

namespace Assistant.Server.Tests.Bot;

/// <summary>
/// A SQLite connection's pragmas are set once per native connection, not on every open: a connection the pool hands out
/// again still has them, and a native connection opened anew (after the pool let go of the old one) gets them too.
/// </summary>
public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sqlite-settings-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" }) File.Delete(file);
    }

    private static (long BusyTimeout, long ForeignKeys, long Synchronous, string Journal) Settings(System.Data.Common.DbConnection connection)
    {
        long Long(string pragma)
        {
            using var command = Database.Command(connection, $"PRAGMA {pragma}", null);
            return Convert.ToInt64(command.ExecuteScalar());
        }
        using var journal = Database.Command(connection, "PRAGMA journal_mode", null);
        return (Long("busy_timeout"), Long("foreign_keys"), Long("synchronous"), (string)journal.ExecuteScalar()!);
    }

    [Fact]
    public void EveryOpenedConnectionHasThePragmasWhetherPooledOrNew()
    {
        var database = new SqliteDatabase(_path);
        var expected = (5000L, 1L, 1L, "wal"); // synchronous 1 = NORMAL
        for (var i = 0; i < 3; i++)
        {
            using var connection = database.Open();
            Assert.Equal(expected, Settings(connection));
        }
        using (var writer = database.OpenForWrite()) Assert.Equal(expected, Settings(writer));

        // Two at once: the second is a native connection of its own.
        using (var first = database.Open())
        using (var second = database.Open())
        {
            Assert.Equal(expected, Settings(first));
            Assert.Equal(expected, Settings(second));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var fresh = database.Open()) Assert.Equal(expected, Settings(fresh));
    }

    [Fact]
    public void AForeignKeyIsEnforcedOnAReusedConnection()
    {
        var database = new SqliteDatabase(_path);
        using (var warm = database.Open()) { }
        using var connection = database.Open();
        using var orphan = Database.Command(connection,
            "INSERT INTO ticket_messages (ticket_number, role, text, at) VALUES ('NO-SUCH-TICKET', 'Seller', 'x', '2026-01-01')", null);
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => orphan.ExecuteNonQuery());
    }
}
