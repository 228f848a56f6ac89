using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Security;

namespace Assistant.Server.Tests.Knowledge;

/// <summary>
/// A small knowledge folder (the four welcome entries of the shipped knowledge and every intent) in a temporary
/// folder, an evaluation file of the held-out cases about them, and a server on it with a supervisor, so a
/// change trains in a few seconds.
/// </summary>
public sealed class SmallKnowledge : IDisposable
{
    public static readonly string[] Entries = ["shipping-delay", "settlement-schedule", "refund-process", "fees"];

    public SmallKnowledge()
    {
        Root = Path.Combine(Path.GetTempPath(), "assistant-know-" + Guid.NewGuid().ToString("N"));
        Directory = Copy(Path.Combine(Root, "knowledge"));
        EvaluationFile = Path.Combine(Root, "eval.jsonl");
        var keep = new HashSet<string>(Entries.Append("handoff").Append("smalltalk").Append("out-of-scope"));
        File.WriteAllLines(EvaluationFile, File.ReadLines(Path.Combine(RepoPaths.Root, "tests", "data", "holdout.jsonl"))
            .Where(l => l.Trim().Length > 0 && keep.Contains((string)JsonNode.Parse(l)!["expect"]!)));
    }

    public string Root { get; }
    public string Directory { get; }
    public string EvaluationFile { get; }

    /// <summary>Another copy of the same small knowledge (a second instance's own folder).</summary>
    public string Copy(string target)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(target, "faq"));
        System.IO.Directory.CreateDirectory(Path.Combine(target, "intents"));
        foreach (var file in System.IO.Directory.GetFiles(RepoPaths.Knowledge, "*.yaml"))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(RepoPaths.Knowledge, "intents"), "*.yaml"))
            File.Copy(file, Path.Combine(target, "intents", Path.GetFileName(file)));
        foreach (var id in Entries)
            File.Copy(Path.Combine(RepoPaths.Knowledge, "faq", id + ".yaml"), Path.Combine(target, "faq", id + ".yaml"));
        return target;
    }

    public AssistantFactory Server(AssistantFactory? factory = null, string? directory = null) =>
        KnowledgeTestKit.WithSupervisor(factory ?? new AssistantFactory())
            .With("Knowledge:Directory", directory ?? Directory)
            .With("Knowledge:ModelPath", Path.Combine(Root, "no-saved-model.zip"))
            .With("Knowledge:EvaluationFiles:0", EvaluationFile)
            .With("Knowledge:PollSeconds", "0.2");

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

public static class KnowledgeTestKit
{
    public const string Supervisor = "lead", SupervisorPassword = "lead-password";
    public const string Api = "/api/agent/supervisor/knowledge";

    private static readonly Lazy<string> Hash = new(() => PasswordHasher.Hash(SupervisorPassword));

    public static AssistantFactory WithSupervisor(AssistantFactory factory)
    {
        var i = AssistantFactory.Agents.Length;
        return factory.With($"Agents:Accounts:{i}:Id", Supervisor).With($"Agents:Accounts:{i}:Name", "박팀장")
            .With($"Agents:Accounts:{i}:PasswordHash", Hash.Value).With($"Agents:Accounts:{i}:Role", "Supervisor");
    }

    public static async Task<AgentClient> SignInSupervisorAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/api/agent/login", new { username = Supervisor, password = SupervisorPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new AgentClient(http, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["csrfToken"]);
    }

    /// <summary>A new entry no shipped entry is about: gift wrapping.</summary>
    public static object GiftPackaging => new
    {
        id = "gift-packaging",
        category = "products",
        title = "선물 포장 서비스",
        answer = "선물 포장은 상품 등록 화면의 **추가 옵션**에서 '선물 포장' 옵션을 만들어 제공해요.\n포장비는 옵션 가격으로 받을 수 있어요.",
        facts = new[] { "선물 포장은 추가 옵션으로 제공합니다.", "포장비는 옵션 가격으로 받습니다." },
        questions = new[]
        {
            "선물 포장 해 주나요?", "선물포장 옵션 어떻게 만들어요", "포장비 따로 받을 수 있나요", "선물용 포장 서비스 하고 싶어요",
            "기프트 포장 옵션 추가", "선물 포장 요청한 고객 주문은 어떻게 봐요", "포장지 선택 옵션 넣는 법", "선물 포장 유료로 하고 싶어요",
            "리본 포장 옵션 설정", "선물 포장 가능 상품 표시하는 방법", "선물 포장비 얼마 받아야 해요", "구매자가 선물 포장 원하면 어떻게 해요",
        },
    };

    public const string GiftQuestion = "선물 포장 옵션은 어떻게 만들어요?";

    /// <summary>Waits until the version's job has ended (active, refused, restored or failed) and returns it.</summary>
    public static async Task<JsonNode> SettledAsync(AgentClient supervisor, string versionId, params string[] states)
    {
        string[] final = states.Length > 0 ? states : ["active", "refused", "restored", "failed"];
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var version = await supervisor.JsonAsync(await supervisor.GetAsync($"{Api}/versions/{versionId}"));
            if (final.Contains((string?)version["state"])) return version;
            await Task.Delay(100, cancel.Token);
        }
    }

    /// <summary>The decision of the first reply to a message in a new conversation.</summary>
    public static async Task<JsonObject> DecisionAsync(HttpClient client, string text)
    {
        var replies = await Activities.SendAsync(client, Activities.Message(text, "c-" + Guid.NewGuid().ToString("N")));
        return Activities.Decision(replies[0]);
    }
}
