using Assistant.Cli.Commands;
using Assistant.Knowledge;
using Assistant.Knowledge.Editing;
using Assistant.Tests.Evaluation;

namespace Assistant.Tests.Knowledge;

/// <summary>Importing a help center: CSV and JSON read into entries, every problem as <c>line: field: problem</c>, and the CLI command.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class HelpCenterImportTests
{
    private const string GoodCsv = """
        id,category,title,answer,phrasings
        gift-packaging,products,선물 포장 서비스,"선물 포장은 **추가 옵션**에서 설정해요.
        포장비는 ""옵션 가격""으로 받아요.","선물 포장 해 주나요?|선물포장 옵션 어떻게 넣어요
        포장비 따로 받을 수 있나요"
        fees,fees-tax,판매 수수료,수수료는 결제 금액의 일정 비율이에요.,수수료 얼마예요?|수수료율 알려 주세요
        """;

    [Fact]
    public void ACsvWithQuotedMultiLineFieldsReadsEveryEntryWithItsLine()
    {
        var parsed = HelpCenterImport.Parse(GoodCsv, "csv");

        Assert.Empty(parsed.Problems);
        Assert.Equal(2, parsed.Edits.Count);
        var gift = parsed.Edits[0].Entry;
        Assert.Equal("선물 포장은 **추가 옵션**에서 설정해요.\n포장비는 \"옵션 가격\"으로 받아요.", gift.Answer);
        Assert.Equal(["선물 포장 해 주나요?", "선물포장 옵션 어떻게 넣어요", "포장비 따로 받을 수 있나요"], gift.Questions);
        Assert.Equal(2, parsed.LineOf["gift-packaging"]);
        Assert.Equal(5, parsed.LineOf["fees"]);
    }

    [Fact]
    public void AJsonArrayReadsEveryEntryWithTheLineOfItsObject()
    {
        var parsed = HelpCenterImport.Parse("""
            [
              {"id": "gift-packaging", "category": "products", "title": "선물 포장 서비스",
               "answer": "추가 옵션에서 설정해요.", "phrasings": ["선물 포장 해 주나요?", "포장비 받나요"]},
              {"id": "fees", "category": "fees-tax", "title": "판매 수수료", "answer": "결제 금액의 일정 비율이에요.",
               "phrasings": ["수수료 얼마예요?"], "facts": ["수수료는 결제 금액의 일정 비율입니다."]}
            ]
            """, "json");

        Assert.Empty(parsed.Problems);
        Assert.Equal(["gift-packaging", "fees"], parsed.Edits.Select(e => e.Entry.Id));
        Assert.Equal(2, parsed.LineOf["gift-packaging"]);
        Assert.Equal(4, parsed.LineOf["fees"]);
        Assert.Equal(["수수료는 결제 금액의 일정 비율입니다."], parsed.Edits[1].Entry.Facts);
    }

    [Fact]
    public void ABadCsvListsEveryProblemAsLineFieldProblem()
    {
        var parsed = HelpCenterImport.Parse("""
            id,category,title,answer,phrasings
            Gift Packaging,products,선물 포장,답변,a|b
            ok-entry,products,제목,답변
            ,shipping,제목,"여러 줄
            답변",질문
            twice,products,제목,답변,질문
            twice,products,제목,답변,질문
            broken,products,제목,"닫히지 않은 따옴표
            """, "csv");

        Assert.Equal(
        [
            "2: id: 'Gift Packaging' must be lower-case letters, digits and hyphens",
            "3: (record): has 4 fields; the header has 5",
            "4: id: is missing",
            "7: id: 'twice' is already used at line 6",
            "8: (syntax): a quoted field is not closed",
        ], parsed.Problems);
    }

    [Fact]
    public void ABadHeaderAndABadJsonFileAreProblemsWithTheirLine()
    {
        Assert.Equal(["1: (header): unknown column 'question'; the columns are id,category,title,answer,phrasings (and facts)", "1: (header): column 'phrasings' is missing"],
            HelpCenterImport.Parse("id,category,title,answer,question\n", "csv").Problems);
        Assert.Equal(["3: phrasings: must be a list of text", "3: title: is missing"],
            HelpCenterImport.Parse("[\n  {\"id\": \"a\", \"category\": \"products\", \"title\": \"제목\", \"answer\": \"답\", \"phrasings\": []},\n  {\"id\": \"b\", \"category\": \"products\", \"answer\": \"답\", \"phrasings\": \"질문\"}\n]", "json").Problems.Order(StringComparer.Ordinal));
        Assert.Equal(["2: (syntax): '}' is an invalid start of a value."], HelpCenterImport.Parse("[\n  {\"id\": }\n]", "json").Problems);
    }

    [Fact]
    public void ValidationErrorsOfImportedEntriesNameTheImportLine()
    {
        using var temp = new TempKnowledge();
        var parsed = HelpCenterImport.Parse("""
            id,category,title,answer,phrasings
            gift-packaging,nowhere,선물 포장,{{contact.fax}}로 문의하세요,선물 포장 돼요?
            long-title,products,이 제목은 서른 글자를 훨씬 넘도록 아주 길게 길게 길게 써 본 제목입니다,답변입니다,질문
            """, "csv");
        var outcome = KnowledgeEditor.Apply(KnowledgeFiles.Read(temp.Directory), KnowledgeLoader.Load(temp.Directory), parsed.Edits);

        Assert.Equal(
        [
            "2: category: 'nowhere' is not one of: shipping, orders, payment, settlement, fees-tax, marketing, products, account, customer-service, support",
            "2: answer: unknown placeholder {{contact.fax}}; known: {{contact.phone}}, {{contact.hours}}, {{contact.chatUrl}}, {{contact.inquiryUrl}}",
            "3: title: is 41 characters; at most 30 allowed",
        ], HelpCenterImport.AllProblems(parsed, outcome.Problems));
    }

    [Fact]
    public void TheCliImportDryRunListsAddedAndChangedAndWritesNothingThenImportWrites()
    {
        using var temp = new TempKnowledge();
        var file = Path.Combine(temp.Directory, "import.csv");
        File.WriteAllText(file, GoodCsv);
        var feesBefore = File.ReadAllText(temp.PathOf("faq/fees.yaml"));

        var (exit, output) = Capture(() => ImportCommand.Run(file, new Arguments(["--dry-run", "--knowledge", temp.Directory])));

        Assert.Equal(0, exit);
        Assert.Contains("add     gift-packaging", output);
        Assert.Contains("change  fees", output);
        Assert.Contains("1 to add, 1 to change (dry run: nothing written)", output);
        Assert.False(File.Exists(temp.PathOf("faq/gift-packaging.yaml")));
        Assert.Equal(feesBefore, File.ReadAllText(temp.PathOf("faq/fees.yaml")));

        (exit, _) = Capture(() => ImportCommand.Run(file, new Arguments(["--knowledge", temp.Directory])));
        Assert.Equal(0, exit);
        var knowledge = KnowledgeLoader.Load(temp.Directory);
        var gift = knowledge.FindFaq("gift-packaging")!;
        Assert.Equal("선물 포장 서비스", gift.Title);
        Assert.Equal(3, gift.Questions.Count);
        Assert.Equal(["선물 포장은 추가 옵션에서 설정해요.", "포장비는 \"옵션 가격\"으로 받아요."], gift.Facts);
        Assert.Equal(["수수료 얼마예요?", "수수료율 알려 주세요"], knowledge.FindFaq("fees")!.Questions);
    }

    [Fact]
    public void TheCliImportOfABadFilePrintsTheProblemsAndWritesNothing()
    {
        using var temp = new TempKnowledge();
        var file = Path.Combine(temp.Directory, "import.json");
        File.WriteAllText(file, """
            [
              {"id": "gift-packaging", "category": "gifts", "title": "선물 포장", "answer": "답변", "phrasings": ["선물 포장 돼요?"]}
            ]
            """);

        var (exit, output) = Capture(() => ImportCommand.Run(file, new Arguments(["--knowledge", temp.Directory])));

        Assert.Equal(1, exit);
        Assert.Contains("2: category: 'gifts' is not one of:", output);
        Assert.Contains("1 problems; nothing written", output);
        Assert.False(File.Exists(temp.PathOf("faq/gift-packaging.yaml")));
    }

    private static (int Exit, string Output) Capture(Func<int> command)
    {
        var original = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        try { return (command(), writer.ToString()); }
        finally { Console.SetOut(original); }
    }
}
