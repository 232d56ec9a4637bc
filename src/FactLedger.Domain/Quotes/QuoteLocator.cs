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

    public static QuoteLocation? Find(string text, string quote)
    {
        var needle = Fold(quote);
        if (needle.Length == 0) return null;
        var (haystack, map) = Folded(Canonical(text));
        var at = haystack.IndexOf(needle, StringComparison.Ordinal);
        if (at < 0) return null;
        var start = map[at];
        var end = map[at + needle.Length - 1] + 1;
        return new QuoteLocation(start, end - start);
    }

    /// <summary>Folds whitespace runs to one space, keeping for each folded character its index in the input.</summary>
    private static (string Text, int[] Map) Folded(string text)
    {
        var builder = new StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        var inSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                if (inSpace) continue;
                inSpace = true;
                builder.Append(' ');
            }
            else
            {
                inSpace = false;
                builder.Append(text[i]);
            }
            map.Add(i);
        }
        return (builder.ToString(), map.ToArray());
    }
}
