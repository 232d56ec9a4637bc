using System.Text;

namespace FactLedger.Domain.Quotes;

/// <summary>
/// Where a quote occurs in its source's text: a character offset and length in the stored (NFC) text.
/// </summary>
public sealed record QuoteLocation(int Offset, int Length);

/// <summary>
/// Finds a quote verbatim in a text, after Unicode NFC normalisation and whitespace folding (any run of white space,
/// including line breaks and no-break spaces, matches any other run). Case, punctuation and diacritics must match.
/// </summary>
public static class QuoteLocator
{
    /// <summary>The form texts are stored in, so offsets stay valid: NFC.</summary>
    public static string Canonical(string text) => text.Normalize(NormalizationForm.FormC);

    /// <summary>Whitespace-folded, trimmed, NFC form of a quote: how equal quotes are recognised.</summary>
    public static string Fold(string text) => TextFolding.FoldSpaces(text);

    /// <summary>
    /// The first place where the folded quote occurs in the folded text, searched in the text as it is: a space of the
    /// quote matches a whole run of white space, any other character itself. Nothing is copied, so a long source
    /// quoted by many claims costs a scan per claim, not a folded copy per claim.
    /// </summary>
    public static QuoteLocation? Find(string text, string quote)
    {
        var needle = Fold(quote);
        if (needle.Length == 0) return null;
        var haystack = Canonical(text).AsSpan();
        // A folded quote is trimmed: it starts with its first word, which must occur verbatim where it matches.
        var space = needle.IndexOf(' ');
        var head = needle.AsSpan(0, space < 0 ? needle.Length : space);
        for (var from = 0; from < haystack.Length;)
        {
            var at = haystack[from..].IndexOf(head, StringComparison.Ordinal);
            if (at < 0) return null;
            at += from;
            var length = MatchedLength(haystack, at, needle);
            if (length > 0) return new QuoteLocation(at, length);
            from = at + 1;
        }
        return null;
    }

    /// <summary>How many characters of the text from <paramref name="start"/> the folded quote matches, or 0.</summary>
    private static int MatchedLength(ReadOnlySpan<char> text, int start, string needle)
    {
        var i = start;
        foreach (var c in needle)
        {
            if (i >= text.Length) return 0;
            if (c != ' ')
            {
                if (text[i++] != c) return 0;
                continue;
            }
            if (!char.IsWhiteSpace(text[i])) return 0;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        }
        return i - start;
    }
}
