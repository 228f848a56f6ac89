namespace Assistant.Dialogue;

/// <summary>
/// The vocabulary's patterns (<see cref="ReplyActVocabulary.Rows"/>) as one deterministic automaton over the compact
/// form: one walk from a position gives the longest unit that starts there and its row, the earliest row of those as
/// long. A regular expression's alternation takes its first fitting choice, not its longest, so each row's expression
/// had to be run at the position and then at every longer end; one automaton has the longest match by construction,
/// and is built as walks reach its states instead of compiling every row at start-up.
/// <para>
/// A pattern is <em>plain</em>: literal letters, <c>(?:…)</c> groups, <c>|</c>, listed classes (<c>[ㅎㅋ]</c>) and the
/// quantifiers <c>?</c> <c>*</c> <c>+</c> <c>{m}</c> <c>{m,}</c> <c>{m,n}</c>; anything else is refused when the
/// automaton is built, naming the pattern.
/// </para>
/// </summary>
internal sealed class UnitAutomaton
{
    private readonly Nfa _nfa;
    private readonly State _start;
    private readonly Dictionary<string, State> _states = new(StringComparer.Ordinal); // by subset; guarded by itself

    private UnitAutomaton(Nfa nfa, int start)
    {
        _nfa = nfa;
        _start = Find(nfa.Closure([start]));
    }

    /// <summary>The longest non-empty prefix of <paramref name="text"/> one pattern matches whole, with that pattern's index (the lowest of ties).</summary>
    public (int Pattern, int Length)? Longest(ReadOnlySpan<char> text) => Prefixes(text) is [var longest, ..] ? longest : null;

    /// <summary>Every non-empty prefix of <paramref name="text"/> one pattern matches whole, longest first, each with its earliest pattern.</summary>
    public List<(int Pattern, int Length)> Prefixes(ReadOnlySpan<char> text)
    {
        var found = new List<(int, int)>();
        var state = _start;
        for (var i = 0; i < text.Length && (state.Next ?? Expand(state)).TryGetValue(text[i], out state); i++)
            if (state.Accepts >= 0) found.Add((state.Accepts, i + 1));
        found.Reverse();
        return found;
    }

    public static UnitAutomaton Build(IReadOnlyList<string> patterns)
    {
        var nfa = new Nfa();
        var start = nfa.State();
        for (var p = 0; p < patterns.Count; p++)
        {
            var (s, e) = nfa.Add(Parse(patterns[p]));
            nfa.Epsilon(start, s);
            nfa.Accept(e, p);
        }
        return new UnitAutomaton(nfa, start);
    }

    /// <summary>
    /// A state of the deterministic automaton: a set of the nondeterministic one's, closed under empty moves. Its moves
    /// are worked out the first time a walk leaves it (subset construction, done lazily) and never change after.
    /// </summary>
    private sealed class State(int[] subset, int accepts)
    {
        public int[] Subset { get; } = subset;
        public int Accepts { get; } = accepts; // the earliest pattern matched whole on reaching it, or -1
        public volatile Dictionary<char, State>? Next;
    }

    private State Find(int[] subset)
    {
        var key = string.Join(',', subset);
        if (_states.TryGetValue(key, out var state)) return state;
        var accepts = -1;
        foreach (var s in subset)
            if (_nfa.AcceptOf(s) is >= 0 and var p && (accepts < 0 || p < accepts)) accepts = p;
        _states[key] = state = new State(subset, accepts);
        return state;
    }

    private Dictionary<char, State> Expand(State state)
    {
        lock (_states)
        {
            if (state.Next is { } made) return made;
            var moves = new Dictionary<char, List<int>>();
            foreach (var s in state.Subset)
                foreach (var (letters, to) in _nfa.Edges(s))
                    foreach (var c in letters)
                        (moves.TryGetValue(c, out var targets) ? targets : moves[c] = []).Add(to);
            var next = new Dictionary<char, State>(moves.Count);
            foreach (var (c, targets) in moves) next[c] = Find(_nfa.Closure(targets));
            return state.Next = next;
        }
    }

    /// <summary>A pattern's syntax tree.</summary>
    internal abstract record Node;
    internal sealed record Letters(string Set) : Node;
    internal sealed record Sequence(IReadOnlyList<Node> Items) : Node;
    internal sealed record Choice(IReadOnlyList<Node> Options) : Node;
    internal sealed record Repeat(Node Item, int Min, int? Max) : Node;

    /// <summary>Parses a plain pattern, or throws <see cref="NotSupportedException"/> naming it and what is not plain.</summary>
    internal static Node Parse(string pattern)
    {
        var at = 0;
        var node = ParseChoice(pattern, ref at);
        if (at != pattern.Length) throw NotPlain(pattern, at);
        return node;
    }

    private static Node ParseChoice(string p, ref int at)
    {
        var options = new List<Node> { ParseSequence(p, ref at) };
        while (at < p.Length && p[at] == '|')
        {
            at++;
            options.Add(ParseSequence(p, ref at));
        }
        return options.Count == 1 ? options[0] : new Choice(options);
    }

    private static Node ParseSequence(string p, ref int at)
    {
        var items = new List<Node>();
        while (at < p.Length && p[at] is not ('|' or ')'))
            items.Add(ParseQuantifier(p, ref at, ParseAtom(p, ref at)));
        return items.Count == 1 ? items[0] : new Sequence(items);
    }

    private static Node ParseAtom(string p, ref int at)
    {
        switch (p[at])
        {
            case '(':
                if (string.CompareOrdinal(p, at, "(?:", 0, 3) != 0) throw NotPlain(p, at);
                at += 3;
                var inner = ParseChoice(p, ref at);
                if (at >= p.Length || p[at] != ')') throw NotPlain(p, at);
                at++;
                return inner;
            case '[':
                var close = p.IndexOf(']', at);
                var set = close < 0 ? "" : p[(at + 1)..close];
                if (set.Length == 0 || set[0] == '^' || set.Any(c => !char.IsLetterOrDigit(c))) throw NotPlain(p, at);
                at = close + 1;
                return new Letters(set);
            case var c when char.IsLetterOrDigit(c):
                at++;
                return new Letters(c.ToString());
            default:
                throw NotPlain(p, at);
        }
    }

    private static Node ParseQuantifier(string p, ref int at, Node atom)
    {
        if (at >= p.Length) return atom;
        switch (p[at])
        {
            case '?': at++; return Lazy(p, ref at, new Repeat(atom, 0, 1));
            case '*': at++; return Lazy(p, ref at, new Repeat(atom, 0, null));
            case '+': at++; return Lazy(p, ref at, new Repeat(atom, 1, null));
            case '{':
                var close = p.IndexOf('}', at);
                var bounds = close < 0 ? [] : p[(at + 1)..close].Split(',');
                if (bounds.Length is < 1 or > 2 || !int.TryParse(bounds[0], out var min)) throw NotPlain(p, at);
                int? max = bounds.Length == 1 ? min : bounds[1].Length == 0 ? null : int.TryParse(bounds[1], out var m) && m >= min ? m : throw NotPlain(p, at);
                at = close + 1;
                return Lazy(p, ref at, new Repeat(atom, min, max));
            default:
                return atom;
        }
    }

    /// <summary>A lazy quantifier changes which match a regular expression takes first, which a longest match ignores; it is refused as not plain all the same, to keep one reading.</summary>
    private static Node Lazy(string p, ref int at, Node repeat) =>
        at < p.Length && p[at] is '?' or '+' ? throw NotPlain(p, at) : repeat;

    private static NotSupportedException NotPlain(string pattern, int at) =>
        new($"vocabulary pattern \"{pattern}\" is not plain at position {at}: only letters, (?:…) groups, |, listed classes and ? * + {{m,n}} are read");

    /// <summary>A nondeterministic automaton with empty moves, built from syntax trees the usual way (Thompson's).</summary>
    private sealed class Nfa
    {
        private readonly List<List<(string Letters, int To)>> _edges = [];
        private readonly List<List<int>> _empty = [];
        private readonly List<int> _accept = [];

        public int State()
        {
            _edges.Add([]);
            _empty.Add([]);
            _accept.Add(-1);
            return _accept.Count - 1;
        }

        public void Epsilon(int from, int to) => _empty[from].Add(to);

        public void Accept(int state, int pattern) => _accept[state] = pattern;

        public int AcceptOf(int state) => _accept[state];

        public IEnumerable<(string Letters, int To)> Edges(int state) => _edges[state];

        public (int Start, int End) Add(Node node)
        {
            switch (node)
            {
                case Letters letters:
                {
                    var (s, e) = (State(), State());
                    _edges[s].Add((letters.Set, e));
                    return (s, e);
                }
                case Sequence sequence:
                {
                    var start = State();
                    var end = start;
                    foreach (var item in sequence.Items)
                    {
                        var (s, e) = Add(item);
                        Epsilon(end, s);
                        end = e;
                    }
                    return (start, end);
                }
                case Choice choice:
                {
                    var (s, e) = (State(), State());
                    foreach (var option in choice.Options)
                    {
                        var (os, oe) = Add(option);
                        Epsilon(s, os);
                        Epsilon(oe, e);
                    }
                    return (s, e);
                }
                case Repeat repeat:
                {
                    var start = State();
                    var end = start;
                    for (var i = 0; i < repeat.Min; i++)
                    {
                        var (s, e) = Add(repeat.Item);
                        Epsilon(end, s);
                        end = e;
                    }
                    if (repeat.Max is null)
                    {
                        var (s, e) = Add(repeat.Item);
                        var after = State();
                        Epsilon(end, s);
                        Epsilon(end, after);
                        Epsilon(e, s);
                        Epsilon(e, after);
                        return (start, after);
                    }
                    var last = State();
                    Epsilon(end, last);
                    for (var i = repeat.Min; i < repeat.Max; i++)
                    {
                        var (s, e) = Add(repeat.Item);
                        Epsilon(end, s);
                        Epsilon(e, last);
                        end = e;
                    }
                    return (start, last);
                }
                default:
                    throw new ArgumentOutOfRangeException(nameof(node));
            }
        }

        public int[] Closure(IEnumerable<int> states)
        {
            var seen = new HashSet<int>(states);
            var stack = new Stack<int>(seen);
            while (stack.Count > 0)
                foreach (var to in _empty[stack.Pop()])
                    if (seen.Add(to)) stack.Push(to);
            var closed = seen.ToArray();
            Array.Sort(closed);
            return closed;
        }
    }
}
