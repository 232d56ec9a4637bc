namespace FactLedger.Domain.Extraction;

/// <summary>
/// A table of phrases, each leading to a value, written as data:
/// <c>key: word word | word* word</c>, one key a line, a line starting with <c>|</c> continuing the previous key.
/// A word ending in <c>*</c> matches any word it begins ("kill*": killed, killing). Words are folded
/// (<see cref="Folding"/>) on load, so a table is written as the language spells it.
/// </summary>
internal sealed class PhraseTable<T>
{
    private sealed record Phrase(string[] Words, bool[] Prefix, T Value);

    private readonly Dictionary<string, List<Phrase>> byExactFirst = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Phrase>> byPrefixFirst = new(StringComparer.Ordinal);
    private const int PrefixKey = 2;

    public PhraseTable(IEnumerable<(string Phrase, T Value)> phrases)
    {
        foreach (var (text, value) in phrases)
        {
            var raw = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (raw.Length == 0) continue;
            var prefix = raw.Select(w => w.EndsWith('*')).ToArray();
            var words = raw.Select(w => Folding.Fold(w.TrimEnd('*'))).ToArray();
            var phrase = new Phrase(words, prefix, value);
            if (prefix[0])
            {
                if (words[0].Length < PrefixKey) throw new ArgumentException($"prefix too short: {text}");
                Add(byPrefixFirst, words[0][..PrefixKey], phrase);
            }
            else Add(byExactFirst, words[0], phrase);
        }
    }

    public static PhraseTable<T> Parse(string table, Func<string, T> key) => new(Lines(table, key));

    internal static IEnumerable<(string, T)> Lines(string table, Func<string, T> key)
    {
        T? current = default;
        var started = false;
        foreach (var line in table.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("//")) continue;
            string phrases;
            if (trimmed.StartsWith('|'))
            {
                if (!started) throw new FormatException($"continuation without a key: {trimmed}");
                phrases = trimmed[1..];
            }
            else
            {
                var colon = trimmed.IndexOf(':');
                if (colon <= 0) throw new FormatException($"expected 'key: phrases': {trimmed}");
                current = key(trimmed[..colon].Trim());
                started = true;
                phrases = trimmed[(colon + 1)..];
            }
            foreach (var phrase in phrases.Split('|'))
                if (phrase.Trim().Length > 0) yield return (phrase.Trim(), current!);
        }
    }

    private static void Add(Dictionary<string, List<Phrase>> index, string key, Phrase phrase)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(phrase);
    }

    /// <summary>The longest phrase starting at token <paramref name="at"/> (exact words preferred over prefixes
    /// at equal length): how many tokens it spans and its value.</summary>
    public (int Count, T Value)? MatchAt(TextView view, int at, bool endings = true)
    {
        if (at < 0 || at >= view.Count || !view[at].IsWord) return null;
        (int Count, int Exactness, T Value)? best = null;
        foreach (var variant in view.Variants(at, endings))
        {
            if (byExactFirst.TryGetValue(variant, out var exact)) Consider(exact);
            if (variant.Length >= PrefixKey && byPrefixFirst.TryGetValue(variant[..PrefixKey], out var prefixed))
                Consider(prefixed);
        }
        return best is { } b ? (b.Count, b.Value) : null;

        void Consider(List<Phrase> phrases)
        {
            foreach (var phrase in phrases)
            {
                var exactness = 0;
                var ok = true;
                for (var w = 0; w < phrase.Words.Length && ok; w++)
                {
                    var t = at + w;
                    if (t >= view.Count || !view[t].IsWord) { ok = false; break; }
                    var matched = false;
                    foreach (var v in view.Variants(t, endings))
                    {
                        if (v == phrase.Words[w]) { matched = true; exactness++; break; }
                        if (phrase.Prefix[w] && v.StartsWith(phrase.Words[w], StringComparison.Ordinal))
                            matched = true;
                    }
                    ok = matched;
                }
                if (!ok) continue;
                if (best is null || phrase.Words.Length > best.Value.Count
                    || phrase.Words.Length == best.Value.Count && exactness > best.Value.Exactness)
                    best = (phrase.Words.Length, exactness, phrase.Value);
            }
        }
    }
}
