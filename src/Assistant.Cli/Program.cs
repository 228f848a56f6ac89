using Assistant.Cli.Commands;
using Assistant.Knowledge;

var usage = """
    usage: assistant <command> [options]
      validate [--knowledge DIR]                       check the knowledge base
      train    [--knowledge DIR] [--model PATH] [--folds N]
                                                       cross-validate, train and save the intent classifier
      tune     [--folds N] [--precision P] [--max-phrasings N]
                                                       tune the answer thresholds on held-out knowledge
      eval     --file PATH [--json OUT] [--verbose] [--knowledge DIR] [--model PATH] [--max-phrasings N]
                                                       evaluate the assistant and the BM25 baseline on a file
                                                       (--max-phrasings N: a cold start, only the first N questions
                                                       of every FAQ entry, with a model trained aside)
      eval     --scenarios PATH [--json OUT] [--verbose]  play multi-turn scenarios (PASS/FAIL each, then N passed, N failed)
      bench    --file PATH [--passes N]                decision latency per message and per stage
      bench-scale --knowledge DIR [--file PATH] [--stage all|train|decide] [--save-model PATH] [--model PATH] [--passes N] [--slowest N]
                                                       train time, peak memory, index build and decision latency of a knowledge base
      bench-vectors [--counts N,N] [--dims D,D] [--repeats N]
                                                       exact vector scan against a memory-bound pass over as many floats
      import   FILE [--dry-run] [--format csv|json] [--knowledge DIR]
                                                       import a help center export into knowledge/faq/ (validated;
                                                       --dry-run lists what would be added or changed and every problem)
      hash-password                                    hash an agent password (read from standard input)
      ingest   [--qdrant URL] [--collection NAME]      (re)build the Qdrant collection from knowledge/
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var rest = new Arguments(args[1..]);
    return args[0] switch
    {
        "validate" => ValidateCommand.Run(rest),
        "train" => TrainCommand.Run(rest),
        "tune" => await TuneCommand.RunAsync(rest),
        "eval" => await EvalCommand.RunAsync(rest),
        "bench" => await BenchCommand.RunAsync(rest),
        "bench-scale" => await BenchScaleCommand.RunAsync(rest),
        "bench-vectors" => await BenchVectorsCommand.RunAsync(rest),
        "import" => ImportCommand.Run(args.Length > 1 ? args[1] : null, new Arguments(args.Length > 1 ? args[2..] : [])),
        "hash-password" => HashPasswordCommand.Run(rest),
        "ingest" => await IngestCommand.RunAsync(rest),
        _ => Fail($"unknown command '{args[0]}'\n{usage}"),
    };
}
catch (KnowledgeValidationException ex)
{
    return Fail(ex.Message);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or FileNotFoundException or Grpc.Core.RpcException)
{
    return Fail(ex.Message);
}

static int Fail(string message)
{
    Console.Error.WriteLine("error: " + message);
    return 2;
}
