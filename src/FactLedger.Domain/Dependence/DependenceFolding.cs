using System.Globalization;
using System.Text;

namespace FactLedger.Domain.Dependence;

/// <summary>A text folded for comparison, each folded character mapped back to its index in the NFC text, so what
/// is found in the folded text can be quoted verbatim.</summary>
internal sealed record FoldedText(string Nfc, string Text, int[] Map)
{
    /// <summary>The NFC span behind folded characters <paramref name="start"/> (inclusive) to
    /// <paramref name="end"/> (exclusive).</summary>
    public TextSpan SpanOf(int start, int end)
    {
        var from = Map[start];
        var to = Map[end - 1] + 1;
        return new TextSpan(from, to - from, Nfc[from..to]);
    }
}

/// <summary>A text's words, folded and hashed, with where each lies in the folded text.</summary>
internal sealed record Words(ulong[] Hashes, int[] Starts, int[] Ends);

/// <summary>
/// How texts are compared when looking for copies. Spelling variants that copy editors and keyboards introduce are
/// folded away: Arabic diacritics, tatweel and invisible format characters vanish; Arabic alef, yeh and kaf variants
/// become one letter; the Turkish dotted and dotless i become i (İ → I, ı → i, keeping case for datelines);
/// apostrophes and dashes become ' and -; digits of any script become ASCII; white space runs become one space
/// (a newline when the run holds one: datelines start lines). Words are then compared case-insensitively and
/// without punctuation.
/// </summary>
internal static class DependenceFolding
{
    private static readonly Dictionary<char, char> Letters = new()
    {
        ['أ'] = 'ا', ['إ'] = 'ا', ['آ'] = 'ا', ['ٱ'] = 'ا', // alef with hamza or madda, wasla
        ['ى'] = 'ي', ['ی'] = 'ي', // alef maqsura, Persian yeh
        ['ک'] = 'ك', // Persian kaf
        ['İ'] = 'I', ['ı'] = 'i',
        ['’'] = '\'', ['‘'] = '\'', ['ʼ'] = '\'', ['`'] = '\'', ['´'] = '\'', ['′'] = '\'',
        ['–'] = '-', ['—'] = '-', ['‒'] = '-', ['―'] = '-', ['−'] = '-', ['‐'] = '-', ['‑'] = '-',
    };

    private const char Tatweel = 'ـ';

    public static FoldedText Fold(string text)
    {
        var nfc = text.Normalize(NormalizationForm.FormC);
        var folded = new char[nfc.Length];
        var map = new int[nfc.Length];
        var length = 0;
        var (spaceAt, spaceChar) = (-1, ' ');
        for (var i = 0; i < nfc.Length; i++)
        {
            var c = nfc[i];
            if (char.IsWhiteSpace(c))
            {
                if (spaceAt < 0) (spaceAt, spaceChar) = (i, ' ');
                if (c == '\n') spaceChar = '\n';
                continue;
            }
            // Most characters of most texts are plain ASCII: they need no lookup.
            if (c >= 0x80 || c == '`')
            {
                if (Ignored(c)) continue;
                c = FoldChar(c);
            }
            if (spaceAt >= 0 && length > 0) Append(spaceChar, spaceAt);
            spaceAt = -1;
            Append(c, i);
        }
        return new FoldedText(nfc, new string(folded, 0, length), map[..length]);

        void Append(char c, int at)
        {
            folded[length] = c;
            map[length++] = at;
        }
    }

    /// <summary>A pattern or name folded like the texts it is matched against (no offsets kept).</summary>
    public static string FoldPattern(string text) => Fold(text).Text;

    /// <summary>The folded text's words (runs of letters and digits), lower-cased and hashed.</summary>
    public static Words WordsOf(FoldedText folded)
    {
        var text = folded.Text;
        var (hashes, starts, ends) = (new List<ulong>(), new List<int>(), new List<int>());
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i])) { i++; continue; }
            var start = i;
            var hash = StableHash.Seed;
            for (; i < text.Length && IsWordChar(text[i]); i++)
                hash = StableHash.Add(hash, char.ToLowerInvariant(text[i]));
            hashes.Add(hash);
            starts.Add(start);
            ends.Add(i);
        }
        return new Words(hashes.ToArray(), starts.ToArray(), ends.ToArray());
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || char.IsSurrogate(c);

    private static bool Ignored(char c) => c == Tatweel || CharUnicodeInfo.GetUnicodeCategory(c)
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format;

    private static char FoldChar(char c)
    {
        if (Letters.TryGetValue(c, out var folded)) return folded;
        if (c > '9' && char.IsDigit(c)) return (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c));
        return c;
    }
}
