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
    private static readonly (int Version, string Sql)[] Migrations = [(1, InitialSchema), (2, AgentSessions), (3, OutboxOrdering), (4, FeedbackComment), (5, TicketRequestKeys), (6, TicketSellerKeys), (7, KnowledgeVersions), (8, TurnLog), (10, TicketTimes), (11, ReviewItems)];

    /// <summary>The schema versions this build knows, in order (a number may be skipped).</summary>
    public static IReadOnlyList<int> Versions { get; } = Migrations.Select(m => m.Version).ToArray();

    /// <summary>
    /// Outbox rows of one ordering key (a ticket's number) leave in id order: a row waits while an earlier
    /// row of its key is neither delivered nor given up. Rows already queued share the empty key (one order per topic).
    /// </summary>
    /// <summary>A ticket remembers the request (handoff form) it was made for: a repeated confirmation finds it instead of filing another.</summary>
    private const string TicketRequestKeys = """
        ALTER TABLE tickets ADD COLUMN request_key TEXT;
        CREATE UNIQUE INDEX IF NOT EXISTS ux_tickets_request_key ON tickets(request_key)
        """;

    /// <summary>
    /// Version 6: a ticket remembers who the seller is on its channel (the channel's user id), so the status of their
    /// ticket can be found from any of their conversations there. Tickets made before are given theirs where the
    /// database knows it: a TalkTalk conversation is its user, a web chat conversation records its user.
    /// </summary>
    private const string TicketSellerKeys = """
        ALTER TABLE tickets ADD COLUMN seller_key TEXT;
        UPDATE tickets SET seller_key = conversation_id WHERE channel = 'talktalk';
        UPDATE tickets SET seller_key = (SELECT d.user_id FROM directline_conversations d WHERE d.id = tickets.conversation_id) WHERE channel = 'assistant-webchat';
        CREATE INDEX IF NOT EXISTS ix_tickets_seller ON tickets(channel, seller_key, seq) WHERE seller_key IS NOT NULL
        """;

    /// <summary>
    /// Version 8: every seller message and what the assistant did with it (<see cref="Storage.TurnLog"/>), for the
    /// supervisor's dashboard and review queue. Version 7 is left to the knowledge versions.
    /// </summary>
    private const string TurnLog = """
        CREATE TABLE IF NOT EXISTS turn_log (
            id {id},
            channel TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            seller_key TEXT,
            at TEXT NOT NULL,
            text TEXT NOT NULL,
            action TEXT NOT NULL,
            intent TEXT NOT NULL,
            confidence REAL NOT NULL,
            faq_id TEXT,
            suggestions TEXT,
            ticket_number TEXT);
        CREATE INDEX IF NOT EXISTS ix_turn_log_at ON turn_log(at);
        CREATE INDEX IF NOT EXISTS ix_turn_log_conversation ON turn_log(channel, conversation_id, id)
        """;

    /// <summary>
    /// Version 10: when a ticket was claimed and when it was closed (resolved or handed back), for the dashboard's time to
    /// resolution. Tickets closed before get their last update as the closing time (the best the database knows), and
    /// claimed ones the first System note after creation (the "agent joined" line); turns are found per seller for the return window.
    /// </summary>
    private const string TicketTimes = """
        ALTER TABLE tickets ADD COLUMN claimed_at TEXT;
        ALTER TABLE tickets ADD COLUMN closed_at TEXT;
        UPDATE tickets SET closed_at = updated_at WHERE status IN ('handedBack', 'resolved');
        UPDATE tickets SET claimed_at = (SELECT MIN(m.at) FROM ticket_messages m WHERE m.ticket_number = tickets.number AND m.role = 'System' AND m.at >= tickets.created_at) WHERE owner_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_tickets_created ON tickets(created_at);
        CREATE INDEX IF NOT EXISTS ix_turn_log_seller ON turn_log(channel, seller_key, at)
        """;

    /// <summary>
    /// Version 11: what a reviewer decided about a message of the review queue (<see cref="ReviewStore"/>), by the
    /// message's key (its spacing-free text): added to an entry, correctly declined, made a new entry, or dismissed.
    /// </summary>
    private const string ReviewItems = """
        CREATE TABLE IF NOT EXISTS review_items (
            item_key TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            status TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            at TEXT NOT NULL,
            faq_id TEXT);
        CREATE INDEX IF NOT EXISTS ix_review_items_status ON review_items(status)
        """;

    /// <summary>
    /// Version 7: knowledge versions (<see cref="KnowledgeVersionStore"/>): every saved change's files, its trained model
    /// (base64), its state and the evaluation comparison; the version with the highest <c>activation</c> is the one served.
    /// </summary>
    private const string KnowledgeVersions = """
        CREATE TABLE IF NOT EXISTS knowledge_versions (
            seq {id},
            id TEXT NOT NULL UNIQUE,
            parent TEXT,
            author TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            state TEXT NOT NULL,
            stage TEXT,
            progress {int} NOT NULL DEFAULT 0,
            files TEXT NOT NULL,
            files_hash TEXT NOT NULL,
            added TEXT NOT NULL,
            changed TEXT NOT NULL,
            model TEXT,
            model_mode TEXT,
            comparison TEXT,
            detail TEXT,
            activation {int});
        CREATE INDEX IF NOT EXISTS ix_knowledge_versions_activation ON knowledge_versions(activation)
        """;

    private const string OutboxOrdering = """
        ALTER TABLE outbox ADD COLUMN ordering_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE outbox ADD COLUMN given_up_at TEXT;
        UPDATE outbox SET given_up_at = created_at WHERE delivered_at IS NULL AND next_attempt_at = '9999-12-31T00:00:00.0000000Z';
        CREATE INDEX IF NOT EXISTS ix_outbox_pending ON outbox(topic, ordering_key, id) WHERE delivered_at IS NULL AND given_up_at IS NULL
        """;

    /// <summary>What the seller said was missing after a dislike (null until they answer the follow-up).</summary>
    private const string FeedbackComment = "ALTER TABLE feedback ADD COLUMN comment TEXT";

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

    /// <summary>
    /// A connection for a write (a statement or a transaction that changes rows). Where writers would
    /// otherwise wait on the database's own busy handler (SQLite sleeps and retries), writers of this
    /// process queue here instead, until the connection is closed.
    /// </summary>
    public virtual DbConnection OpenForWrite() => Open();

    /// <summary>
    /// The SQL for a text value bound as its UTF-8 bytes (parameter <paramref name="parameter"/>, a byte array), stored as
    /// text; null where the provider needs the text as a string.
    /// </summary>
    public virtual string? Utf8Text(string parameter) => null;

    /// <summary><see cref="OpenForWrite"/> for an asynchronous caller: where writers queue, the wait does not hold a thread.</summary>
    public virtual Task<DbConnection> OpenForWriteAsync() => Task.FromResult(OpenForWrite());

    /// <summary>
    /// Selects (and, where instances compete, leases) due outbox rows: @t topic, @now, @max, @lease. A row is due
    /// only at the head of its ordering key, so at most one row per key is returned and keys never block each other.
    /// </summary>
    public abstract string ClaimDueOutboxSql { get; }

    /// <summary>Serialises appends to one Direct Line conversation within a transaction (@key), or null where one process owns the file.</summary>
    public abstract string? LockConversationSql { get; }

    /// <summary>Outbox rows <c>o</c> of topic @t that are due at @now and head their ordering key.</summary>
    protected const string DueOutboxRows = """
        outbox o WHERE o.topic = @t AND o.delivered_at IS NULL AND o.given_up_at IS NULL AND o.next_attempt_at <= @now
            AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.topic = o.topic AND e.ordering_key = o.ordering_key AND e.id < o.id
                AND e.delivered_at IS NULL AND e.given_up_at IS NULL)
        """;

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

/// <summary>
/// The embedded default: one SQLite file, one process. WAL journal with synchronous=NORMAL: a commit
/// survives a crash of the process; only a power loss can drop the last commits before a checkpoint.
/// </summary>
public sealed class SqliteDatabase : Database
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writer = new(1, 1);

    public SqliteDatabase(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using (var connection = Open()) Execute(connection, "PRAGMA journal_mode=WAL;");
        CreateSchema();
    }

    public override string Provider => "sqlite";

    /// <summary>
    /// The native connections (pooled beneath <see cref="Microsoft.Data.Sqlite.SqliteConnection"/>) that already have
    /// this database's pragmas. busy_timeout, foreign_keys and synchronous are settings of the native connection and stay
    /// while the pool keeps it: each gets them once, not on every open (three statements parsed and run, twice a turn).
    /// </summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();

    private static readonly object Configured = new();

    public override DbConnection Open()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection(_connectionString);
        connection.Open();
        if (connection.Handle is not { } handle || !_configured.TryGetValue(handle, out _))
        {
            Execute(connection, "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
            if (connection.Handle is { } opened) _configured.AddOrUpdate(opened, Configured);
        }
        return connection;
    }

    /// <summary>SQLite has one writer at a time: a process-wide queue, released when the connection closes.</summary>
    public override DbConnection OpenForWrite()
    {
        _writer.Wait();
        return OpenAsWriter();
    }

    /// <summary>
    /// <see cref="OpenForWrite"/> awaiting its turn in the writers' queue: a turn's state save waits for another's without
    /// blocking (and spinning on) a thread-pool thread. The wait is not cancellable: a turn that got this far commits.
    /// </summary>
    public override async Task<DbConnection> OpenForWriteAsync()
    {
        await _writer.WaitAsync().ConfigureAwait(false);
        return OpenAsWriter();
    }

    /// <summary>A connection for the writer that holds <see cref="_writer"/>, which is released when it closes.</summary>
    private DbConnection OpenAsWriter()
    {
        try
        {
            var connection = Open();
            var released = 0;
            connection.StateChange += (_, e) =>
            {
                if (e.CurrentState == System.Data.ConnectionState.Closed && Interlocked.Exchange(ref released, 1) == 0) _writer.Release();
            };
            return connection;
        }
        catch
        {
            _writer.Release();
            throw;
        }
    }

    /// <summary>
    /// A blob cast to text: SQLite takes the bytes as text in the database's encoding (UTF-8) without converting them,
    /// so the value stored is the same text (type <c>text</c>) a string parameter would have stored.
    /// </summary>
    public override string? Utf8Text(string parameter) => $"CAST({parameter} AS TEXT)";

    public override string ClaimDueOutboxSql => $"SELECT id, topic, payload, attempts FROM {DueOutboxRows} ORDER BY o.id LIMIT @max";

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
    // A leased row is still undelivered, so the next row of its key is not due until it is delivered or given up:
    // another instance never sends a later event of a ticket while an earlier one is in flight. (Each ticket
    // change updates the ticket's row before queueing its event, so a ticket's ids follow its commit order.)
    public override string ClaimDueOutboxSql => $"""
        UPDATE outbox SET next_attempt_at = @lease WHERE id IN (
            SELECT o.id FROM {DueOutboxRows}
            ORDER BY o.id LIMIT @max FOR UPDATE OF o SKIP LOCKED)
        RETURNING id, topic, payload, attempts
        """;

    public override string? LockConversationSql => "SELECT pg_advisory_xact_lock(hashtext(@key))";

    protected override string IdColumn => "BIGSERIAL PRIMARY KEY";
    protected override string IntColumn => "BIGINT";

    public void Dispose() => _dataSource.Dispose();
}
