using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Assistant.Knowledge.Editing;
using static Assistant.Server.Storage.Database;

namespace Assistant.Server.Storage;

/// <summary>
/// A saved knowledge version as the console shows it. <see cref="State"/> is one of <see cref="KnowledgeVersionStore.States"/>;
/// <see cref="Stage"/> and <see cref="Progress"/> (0-100) tell where its training job is.
/// </summary>
public sealed record KnowledgeVersion(
    long Number, string Id, string? Parent, string Author, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string State, string? Stage, int Progress,
    IReadOnlyList<string> Added, IReadOnlyList<string> Changed, KnowledgeComparison? Comparison, string? Detail, long? Activation, bool HasModel);

/// <summary>What a version holds: its files and, once trained and switched to, its model (the bytes of its <c>.zip</c>) and the understanding mode it was trained for.</summary>
public sealed record KnowledgeVersionContent(string Id, KnowledgeFiles Files, string? ModelMode, byte[]? Model);

/// <summary>
/// Knowledge versions in the database, shared by every instance. The version with the highest activation is
/// the one the assistant serves; a switch or a restore gives a version the next activation.
/// </summary>
public sealed class KnowledgeVersionStore(Database database, TimeProvider time)
{
    public const string Queued = "queued", Training = "training", Trained = "trained", Evaluating = "evaluating",
        Active = "active", Refused = "refused", Restored = "restored", Retired = "retired", Failed = "failed";

    /// <summary>Every state: waiting or in training (queued, training, trained, evaluating), served (active, restored), or done (refused, retired, failed).</summary>
    public static readonly IReadOnlyList<string> States = [Queued, Training, Trained, Evaluating, Active, Refused, Restored, Retired, Failed];

    private static readonly string[] Pending = [Queued, Training, Trained, Evaluating];
    private const string Columns = "seq, id, parent, author, created_at, updated_at, state, stage, progress, added, changed, comparison, detail, activation, CASE WHEN model IS NULL THEN 0 ELSE 1 END";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Saves a new version and returns its id (<c>v</c> and its number).</summary>
    public string Create(string? parent, string author, KnowledgeFiles files, string state, IReadOnlyList<string> added, IReadOnlyList<string> changed)
    {
        using var connection = database.OpenForWrite();
        using var tx = connection.BeginTransaction();
        var now = Stamp();
        var placeholder = "pending-" + Guid.NewGuid().ToString("N");
        using (var insert = Command(connection, """
            INSERT INTO knowledge_versions (id, parent, author, created_at, updated_at, state, progress, files, files_hash, added, changed)
            VALUES (@id, @parent, @author, @now, @now, @state, 0, @files, @hash, @added, @changed)
            """, tx, ("@id", placeholder), ("@parent", parent), ("@author", author), ("@now", now), ("@state", state),
            ("@files", files.ToJson()), ("@hash", files.Hash), ("@added", JsonSerializer.Serialize(added)), ("@changed", JsonSerializer.Serialize(changed))))
            insert.ExecuteNonQuery();
        using var seq = Command(connection, "SELECT seq FROM knowledge_versions WHERE id = @id", tx, ("@id", placeholder));
        var id = "v" + Convert.ToInt64(seq.ExecuteScalar(), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        using (var name = Command(connection, "UPDATE knowledge_versions SET id = @name WHERE id = @id", tx, ("@name", id), ("@id", placeholder)))
            name.ExecuteNonQuery();
        tx.Commit();
        return id;
    }

    public IReadOnlyList<KnowledgeVersion> List(int max = 100)
    {
        using var connection = database.Open();
        using var query = Command(connection, $"SELECT {Columns} FROM knowledge_versions ORDER BY seq DESC LIMIT @max", null, ("@max", max));
        return ReadAll(query);
    }

    public KnowledgeVersion? Get(string id)
    {
        using var connection = database.Open();
        using var query = Command(connection, $"SELECT {Columns} FROM knowledge_versions WHERE id = @id", null, ("@id", id));
        return ReadAll(query).FirstOrDefault();
    }

    /// <summary>The version being served (the highest activation), or null before the first change.</summary>
    public KnowledgeVersion? Served()
    {
        using var connection = database.Open();
        using var query = Command(connection, $"SELECT {Columns} FROM knowledge_versions WHERE activation IS NOT NULL ORDER BY activation DESC LIMIT 1", null);
        return ReadAll(query).FirstOrDefault();
    }

    /// <summary>The version a new change builds on: the newest one still waiting or training after the active one, else the active one.</summary>
    public string? Head()
    {
        var active = Served();
        using var connection = database.Open();
        using var query = Command(connection, $"SELECT id FROM knowledge_versions WHERE seq > @after AND state IN ({string.Join(", ", Pending.Select(p => $"'{p}'"))}) ORDER BY seq DESC LIMIT 1",
            null, ("@after", active?.Number ?? 0));
        return query.ExecuteScalar() as string ?? active?.Id;
    }

    public KnowledgeVersionContent? Content(string id)
    {
        using var connection = database.Open();
        using var query = Command(connection, "SELECT files, model_mode, model FROM knowledge_versions WHERE id = @id", null, ("@id", id));
        using var reader = query.ExecuteReader();
        if (!reader.Read()) return null;
        return new KnowledgeVersionContent(id, KnowledgeFiles.FromJson(reader.GetString(0)),
            reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : Convert.FromBase64String(reader.GetString(2)));
    }

    /// <summary>Records where a version's job is (state, stage and percentage, optionally a note).</summary>
    public void Progress(string id, string state, string? stage, int progress, string? detail = null)
    {
        using var connection = database.OpenForWrite();
        using var update = Command(connection, "UPDATE knowledge_versions SET state = @state, stage = @stage, progress = @progress, detail = COALESCE(@detail, detail), updated_at = @now WHERE id = @id",
            null, ("@state", state), ("@stage", stage), ("@progress", progress), ("@detail", detail), ("@now", Stamp()), ("@id", id));
        update.ExecuteNonQuery();
    }

    public void SaveComparison(string id, KnowledgeComparison comparison)
    {
        using var connection = database.OpenForWrite();
        using var update = Command(connection, "UPDATE knowledge_versions SET comparison = @comparison, updated_at = @now WHERE id = @id",
            null, ("@comparison", JsonSerializer.Serialize(comparison, Json)), ("@now", Stamp()), ("@id", id));
        update.ExecuteNonQuery();
    }

    /// <summary>
    /// Makes <paramref name="id"/> the served version (the next activation) in <paramref name="state"/>
    /// (<see cref="Active"/> or <see cref="Restored"/>), storing its model when given; the version served before is retired.
    /// </summary>
    public void Activate(string id, string state, string? modelMode, byte[]? model, string? detail)
    {
        using var connection = database.OpenForWrite();
        using var tx = connection.BeginTransaction();
        var now = Stamp();
        using (var retire = Command(connection, "UPDATE knowledge_versions SET state = @retired, updated_at = @now WHERE state IN (@active, @restored) AND id <> @id",
            tx, ("@retired", Retired), ("@now", now), ("@active", Active), ("@restored", Restored), ("@id", id)))
            retire.ExecuteNonQuery();
        using (var activate = Command(connection, """
            UPDATE knowledge_versions SET state = @state, stage = NULL, progress = 100, updated_at = @now, detail = COALESCE(@detail, detail),
                activation = (SELECT COALESCE(MAX(activation), 0) + 1 FROM knowledge_versions),
                model = COALESCE(@model, model), model_mode = COALESCE(@mode, model_mode)
            WHERE id = @id
            """, tx, ("@state", state), ("@now", now), ("@detail", detail), ("@model", model is null ? null : Convert.ToBase64String(model)), ("@mode", model is null ? null : modelMode), ("@id", id)))
            activate.ExecuteNonQuery();
        tx.Commit();
    }

    private string Stamp() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static List<KnowledgeVersion> ReadAll(DbCommand query)
    {
        var versions = new List<KnowledgeVersion>();
        using var reader = query.ExecuteReader();
        while (reader.Read())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            versions.Add(new KnowledgeVersion(
                reader.GetInt64(0), reader.GetString(1), Text(2), reader.GetString(3),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture), DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
                reader.GetString(6), Text(7), (int)reader.GetInt64(8),
                JsonSerializer.Deserialize<string[]>(reader.GetString(9)) ?? [], JsonSerializer.Deserialize<string[]>(reader.GetString(10)) ?? [],
                Text(11) is { } comparison ? JsonSerializer.Deserialize<KnowledgeComparison>(comparison, Json) : null,
                Text(12), reader.IsDBNull(13) ? null : reader.GetInt64(13), Convert.ToInt64(reader.GetValue(14), CultureInfo.InvariantCulture) == 1));
        }
        return versions;
    }
}
