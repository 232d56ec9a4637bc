namespace FactLedger.Domain.Extraction;

/// <summary>A tokenized text with its language table: the forms each word can be looked up by, and which sentence
/// and clause each token belongs to.</summary>
internal sealed class TextView
{
    private const string SentenceEnds = ".!?؟۔…";
    private const string ClauseEnds = ",،;؛:()[]";

    public string Text { get; }
    public LanguageTable Language { get; }
    public IReadOnlyList<Token> Tokens { get; }
    private readonly string[]?[] variants;
    private readonly int[] unsuffixed;
    private readonly int[] sentenceStart;
    private readonly int[] sentenceEnd;

    public TextView(string text, LanguageTable language)
    {
        Text = text;
        Language = language;
        var tokens = Tokenizer.Tokenize(text);
        Tokens = tokens;
        variants = new string[]?[tokens.Count];
        unsuffixed = new int[tokens.Count];
        sentenceStart = new int[tokens.Count];
        sentenceEnd = new int[tokens.Count];
        var start = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            var ends = i == tokens.Count || tokens[i].Kind == TokenKind.Break
                || IsSentenceEnd(text, tokens, i);
            if (!ends) continue;
            var end = i < tokens.Count && tokens[i].Kind != TokenKind.Break ? i + 1 : i;
            for (var j = start; j < Math.Min(end, tokens.Count); j++) (sentenceStart[j], sentenceEnd[j]) = (start, end);
            if (i < tokens.Count && tokens[i].Kind == TokenKind.Break) (sentenceStart[i], sentenceEnd[i]) = (i, i);
            start = i + 1;
        }
    }

    public int Count => Tokens.Count;
    public Token this[int i] => Tokens[i];

    /// <summary>The first and one-past-last token of the sentence holding token <paramref name="i"/>.</summary>
    public (int Start, int End) Sentence(int i) => (sentenceStart[i], sentenceEnd[i]);

    public bool IsClauseEnd(int i) =>
        i < 0 || i >= Count || Tokens[i].Kind == TokenKind.Break
        || Tokens[i].Kind == TokenKind.Punct && (ClauseEnds.Contains(Tokens[i].Norm) || IsSentenceEnd(Text, Tokens, i));

    private static bool IsSentenceEnd(string text, IReadOnlyList<Token> tokens, int i)
    {
        var t = tokens[i];
        if (t.Kind != TokenKind.Punct || !SentenceEnds.Contains(t.Norm)) return false;
        if (t.Norm != ".") return true;
        // "U.S.", "Jan. 13", "No. 5", "etc. and": a dot followed by a small letter or a digit ends nothing.
        if (i > 0 && tokens[i - 1].IsWord && tokens[i - 1].Length == 1) return false;
        // "Jan. 13", "No. 5"; but "edildi. 10 ilde" ends a sentence.
        if (i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Number && i > 0 && tokens[i - 1].IsWord
            && tokens[i - 1].Length <= 4) return false;
        return !(i + 1 < tokens.Count && tokens[i + 1].IsWord && char.IsLower(text[tokens[i + 1].Start]));
    }

    /// <summary>The forms word <paramref name="i"/> is looked up by: as written (folded), without the language's
    /// clitics (Arabic و، ب، ال...) and, with <paramref name="endings"/>, without its endings
    /// (Turkish "kişiden" → kişi). Number words go without endings: "altından" (from under) is no "altı" (six).
    /// </summary>
    public IReadOnlyList<string> Variants(int i, bool endings = true)
    {
        if (variants[i] is null)
        {
            var word = Tokens[i].Norm;
            var found = new List<string> { word };
            if (Language.PrefixGroups.Count > 0) StripPrefixes(word, 0, found);
            var distinct = found.Distinct().ToList();
            unsuffixed[i] = distinct.Count;
            foreach (var suffix in Language.Suffixes)
                if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix, StringComparison.Ordinal)
                    && !distinct.Contains(word[..^suffix.Length]))
                    distinct.Add(word[..^suffix.Length]);
            variants[i] = distinct.ToArray();
        }
        return endings ? variants[i]! : new ArraySegment<string>(variants[i]!, 0, unsuffixed[i]);
    }

    private void StripPrefixes(string word, int group, List<string> found)
    {
        for (var g = group; g < Language.PrefixGroups.Count; g++)
            foreach (var prefix in Language.PrefixGroups[g])
                if (word.Length - prefix.Length >= 2 && word.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var rest = word[prefix.Length..];
                    found.Add(rest);
                    StripPrefixes(rest, g + 1, found);
                }
        // "لل" is ل + ال with the alef dropped: "للمتظاهرين".
        if (group == 0 && word.StartsWith("لل", StringComparison.Ordinal) && word.Length > 4) found.Add(word[2..]);
    }

    public string Slice(int startToken, int endToken) =>
        Text.Substring(Tokens[startToken].Start, Tokens[endToken - 1].End - Tokens[startToken].Start);

    /// <summary>The phrase of <paramref name="table"/> that ends right before token <paramref name="end"/>
    /// (within <paramref name="maxWords"/> words): its first token and value.</summary>
    public (int Start, T Value)? MatchEndingAt<T>(PhraseTable<T> table, int end, int maxWords = 5)
    {
        for (var k = Math.Max(0, end - maxWords); k < end; k++)
            if (table.MatchAt(this, k) is { } m && k + m.Count == end) return (k, m.Value);
        return null;
    }
}
