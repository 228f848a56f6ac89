using System.Data.Common;

namespace Assistant.Server.Storage;

/// <summary>
/// The relational store behind tickets, transcripts, the outbox, conversation state, Direct Line and
/// feedback. Every store is written once against ADO.NET with portable SQL; a provider adds only its
/// connections, its column types and the two statements that differ (claiming outbox rows, and
/// serialising appends to one conversation across instances). The schema is created at start-up.
/// </summary>
public abstract class Database
{
    /// <summary>Schema versions in order; a database gets each one it lacks, once, at start-up. Append, never edit.</summary>
    private static readonly (int Version, string Sql)[] Migrations = [(1, InitialSchema), (2, AgentSessions)];

    private const string InitialSchema = """
        CREATE TABLE IF NOT EXISTS tickets (
            seq {id},
            number TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL,
            channel TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            conversation_ref TEXT NOT NULL,
            seller_id TEXT,
            seller_id_unverified {int} NOT NULL,
            order_number TEXT,
            order_number_unknown {int} NOT NULL,
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
            id {id},
            ticket_number TEXT NOT NULL REFERENCES tickets(number),
            role TEXT NOT NULL,
            text TEXT NOT NULL,
            author TEXT,
            at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_ticket_messages ON ticket_messages(ticket_number, id);
        CREATE TABLE IF NOT EXISTS outbox (
            id {id},
            topic TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            attempts {int} NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            delivered_at TEXT,
            last_error TEXT);
        CREATE INDEX IF NOT EXISTS ix_outbox_due ON outbox(topic, delivered_at, next_attempt_at);
        CREATE TABLE IF NOT EXISTS feedback (
            id {id},
            channel TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            faq_id TEXT NOT NULL,
            helpful {int} NOT NULL,
            at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS bot_state (
            key TEXT PRIMARY KEY,
            etag TEXT NOT NULL,
            document TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS directline_conversations (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            started {int} NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS directline_activities (
            conversation_id TEXT NOT NULL,
            seq {int} NOT NULL,
            activity TEXT NOT NULL,
            PRIMARY KEY (conversation_id, seq));
        CREATE TABLE IF NOT EXISTS talktalk_users (
            user_id TEXT PRIMARY KEY,
            last_event TEXT NOT NULL,
            detail TEXT,
            friend {int},
            updated_at TEXT NOT NULL);
        """;

    /// <summary>Version 2: server-side agent sessions, so a signed-out cookie is refused on every instance.</summary>
    private const string AgentSessions = """
        CREATE TABLE IF NOT EXISTS agent_sessions (
            id TEXT PRIMARY KEY,
            agent_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            revoked_at TEXT);
        CREATE INDEX IF NOT EXISTS ix_agent_sessions_expires ON agent_sessions(expires_at);
        """;

    public abstract string Provider { get; }

    public abstract DbConnection Open();

    /// <summary>Selects (and, where instances compete, leases) due outbox rows: @t topic, @now, @max, @lease.</summary>
    public abstract string ClaimDueOutboxSql { get; }

    /// <summary>Serialises appends to one Direct Line conversation within a transaction (@key), or null where one process owns the file.</summary>
    public abstract string? LockConversationSql { get; }

    protected abstract string IdColumn { get; }
    protected abstract string IntColumn { get; }

    public int SchemaVersion { get; private set; }

    /// <summary>Applies the migrations this database has not had yet, each in its own transaction.</summary>
    protected void CreateSchema()
    {
        using var connection = Open();
        Execute(connection, $"CREATE TABLE IF NOT EXISTS schema_migrations (version {IntColumn} PRIMARY KEY, applied_at TEXT NOT NULL)");
        var applied = new HashSet<long>();
        using (var query = Command(connection, "SELECT version FROM schema_migrations", null))
        using (var reader = query.ExecuteReader())
            while (reader.Read()) applied.Add(reader.GetInt64(0));

        foreach (var (version, sql) in Migrations.Where(m => !applied.Contains(m.Version)))
        {
            using var tx = connection.BeginTransaction();
            foreach (var statement in sql.Replace("{id}", IdColumn).Replace("{int}", IntColumn).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                Execute(connection, statement, tx);
            using (var record = Command(connection, "INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @at)", tx, ("@v", version), ("@at", DateTimeOffset.UtcNow.ToString("O"))))
                record.ExecuteNonQuery();
            tx.Commit();
        }
        SchemaVersion = Migrations.Max(m => m.Version);
    }

    public static void Execute(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        using var command = Command(connection, sql, transaction);
        command.ExecuteNonQuery();
    }

    /// <summary>A command with <c>@name</c> parameters; booleans and ints are stored as 64-bit integers on every provider.</summary>
    public static DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value switch
            {
                null => DBNull.Value,
                bool b => b ? 1L : 0L,
                int i => (long)i,
                _ => value,
            };
            command.Parameters.Add(parameter);
        }
        return command;
    }
}

/// <summary>The embedded default: one SQLite file (WAL journal), one process.</summary>
public sealed class SqliteDatabase : Database
{
    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using (var connection = Open()) Execute(connection, "PRAGMA journal_mode=WAL;");
        CreateSchema();
    }

    public override string Provider => "sqlite";

    public override DbConnection Open()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;");
        return connection;
    }

    public override string ClaimDueOutboxSql =>
        "SELECT id, topic, payload, attempts FROM outbox WHERE topic = @t AND delivered_at IS NULL AND next_attempt_at <= @now ORDER BY id LIMIT @max";

    public override string? LockConversationSql => null;

    protected override string IdColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";
    protected override string IntColumn => "INTEGER";
}

/// <summary>PostgreSQL, shared by several app instances.</summary>
public sealed class PostgresDatabase : Database, IDisposable
{
    private readonly Npgsql.NpgsqlDataSource _dataSource;

    public PostgresDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        _dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        using (var connection = Open())
        {
            // Instances starting together must not race on CREATE TABLE.
            Execute(connection, "SELECT pg_advisory_lock(727001)");
            try { CreateSchema(); }
            finally { Execute(connection, "SELECT pg_advisory_unlock(727001)"); }
        }
    }

    public string ConnectionString { get; }

    public override string Provider => "postgres";

    public override DbConnection Open() => _dataSource.OpenConnection();

    // Instances compete for the same rows: take due rows nobody else holds and lease them while delivering.
    public override string ClaimDueOutboxSql => """
        UPDATE outbox SET next_attempt_at = @lease WHERE id IN (
            SELECT id FROM outbox WHERE topic = @t AND delivered_at IS NULL AND next_attempt_at <= @now
            ORDER BY id LIMIT @max FOR UPDATE SKIP LOCKED)
        RETURNING id, topic, payload, attempts
        """;

    public override string? LockConversationSql => "SELECT pg_advisory_xact_lock(hashtext(@key))";

    protected override string IdColumn => "BIGSERIAL PRIMARY KEY";
    protected override string IntColumn => "BIGINT";

    public void Dispose() => _dataSource.Dispose();
}
