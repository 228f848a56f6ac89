using Microsoft.Data.Sqlite;

namespace Assistant.Server.Storage;

/// <summary>The embedded database: one file, WAL journal, schema created at start-up.</summary>
public sealed class SqliteDatabase
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS tickets (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            number TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL,
            channel TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            conversation_ref TEXT NOT NULL,
            seller_id TEXT,
            seller_id_unverified INTEGER NOT NULL,
            order_number TEXT,
            order_number_unknown INTEGER NOT NULL,
            product_name TEXT,
            category TEXT NOT NULL,
            description TEXT NOT NULL,
            urgency TEXT NOT NULL,
            urgency_reason TEXT,
            faq_shown TEXT NOT NULL,
            owner_id TEXT,
            owner_name TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_tickets_conversation ON tickets(channel, conversation_id, seq);
        CREATE INDEX IF NOT EXISTS ix_tickets_status ON tickets(status, seq);
        CREATE TABLE IF NOT EXISTS ticket_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            ticket_number TEXT NOT NULL REFERENCES tickets(number),
            role TEXT NOT NULL,
            text TEXT NOT NULL,
            author TEXT,
            at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_ticket_messages ON ticket_messages(ticket_number, id);
        CREATE TABLE IF NOT EXISTS outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            topic TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            delivered_at TEXT,
            last_error TEXT);
        CREATE INDEX IF NOT EXISTS ix_outbox_due ON outbox(topic, delivered_at, next_attempt_at);
        CREATE TABLE IF NOT EXISTS feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            channel TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            faq_id TEXT NOT NULL,
            helpful INTEGER NOT NULL,
            at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS bot_state (
            key TEXT PRIMARY KEY,
            etag TEXT NOT NULL,
            document TEXT NOT NULL);
        """;

    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, Schema);
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
