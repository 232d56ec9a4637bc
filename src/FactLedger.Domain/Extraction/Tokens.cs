using System.Globalization;
using System.Text;

namespace FactLedger.Domain.Extraction;

internal enum TokenKind
{
    Word,
    Number,
    Punct,
    /// <summary>A line break: ends a sentence (headlines, datelines and captions stand on lines of their own).
    /// </summary>
    Break,
}

/// <summary>
/// One token of a text. <see cref="Norm"/> is the folded form tables are matched against (for a word: lower case,
/// Arabic diacritics and letter variants folded, without a Turkish suffix; for a number: its ASCII digits and
/// separators). <see cref="Suffix"/> is what follows an apostrophe (Turkish "1541'e", "Ocak'ta"), folded.
/// <see cref="Glued"/>: a number written inside a word, slug or code ("COVID-19", "a1b2", "24/7").
/// </summary>
internal sealed record Token(
    TokenKind Kind, int Start, int Length, string Norm, string Suffix, bool Glued = false, bool SpaceBefore = true)
{
    public int End => Start + Length;
    public bool IsWord => Kind == TokenKind.Word;
    public bool IsNumber => Kind == TokenKind.Number;
    public bool Is(string punct) => Kind == TokenKind.Punct && Norm == punct;
}

/// <summary>Splits a text into tokens in one linear pass (no regular expressions: hostile input cannot make it
/// backtrack).</summary>
internal static class Tokenizer
{
    private const string Apostrophes = "'’ʼ`´";
    // Arabic one-letter clitics (and, by, for, so, like) may be written glued to digits: "ب10", "و2298".
    private const string ArabicDigitPrefixes = "وبلفك";

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(Math.Min(text.Length / 4 + 8, 1 << 20));
        var i = 0;
        var spaceBefore = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (IsLineBreak(c) && (tokens.Count == 0 || tokens[^1].Kind != TokenKind.Break))
                    tokens.Add(new Token(TokenKind.Break, i, 1, "\n", ""));
                spaceBefore = true;
                i++;
                continue;
            }
            if (Folding.DigitValue(c) >= 0)
            {
                i = ReadNumber(text, i, tokens, spaceBefore);
            }
            else if (IsWordChar(c))
            {
                i = ReadWord(text, i, tokens, spaceBefore);
            }
            else
            {
                var length = char.IsSurrogatePair(text, i) ? 2 : 1;
                tokens.Add(new Token(TokenKind.Punct, i, length, text.Substring(i, length), "",
                    SpaceBefore: spaceBefore));
                i += length;
            }
            spaceBefore = false;
        }
        return tokens;
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085';

    internal static bool IsWordChar(char c) =>
        char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark
        || c == '\u0640'; // tatweel

    private static int ReadWord(string text, int start, List<Token> tokens, bool spaceBefore)
    {
        var i = start;
        while (i < text.Length && IsWordChar(text[i])) i++;
        var stemEnd = i;
        var suffixStart = -1;
        if (i + 1 < text.Length && Apostrophes.Contains(text[i]) && char.IsLetter(text[i + 1]))
        {
            suffixStart = i + 1;
            i++;
            while (i < text.Length && IsWordChar(text[i])) i++;
        }
        var stem = Folding.Fold(text.AsSpan(start, stemEnd - start));
        var suffix = suffixStart < 0 ? "" : Folding.Fold(text.AsSpan(suffixStart, i - suffixStart));
        tokens.Add(new Token(TokenKind.Word, start, i - start, stem, suffix, SpaceBefore: spaceBefore));
        return i;
    }

    private static int ReadNumber(string text, int start, List<Token> tokens, bool spaceBefore)
    {
        var norm = new StringBuilder();
        var i = start;
        while (i < text.Length)
        {
            var d = Folding.DigitValue(text[i]);
            if (d >= 0)
            {
                norm.Append((char)('0' + d));
                i++;
            }
            else if (IsNumberSeparator(text[i]) && i + 1 < text.Length && Folding.DigitValue(text[i + 1]) >= 0
                     && norm.Length < 64)
            {
                norm.Append(text[i] switch { '٬' => ',', '٫' => '.', _ => text[i] });
                i++;
            }
            else break;
        }
        var suffix = "";
        var glued = false;
        if (i + 1 < text.Length && Apostrophes.Contains(text[i]) && char.IsLetter(text[i + 1]))
        {
            var s = i + 1;
            i = s;
            while (i < text.Length && IsWordChar(text[i])) i++;
            suffix = Folding.Fold(text.AsSpan(s, i - s));
        }
        else if (i < text.Length && text[i] == 'ء')
        {
            i++; // "2022ء": a year as Urdu-influenced datelines write it
        }
        else if (OrdinalEnding(text, i) is { } ending)
        {
            suffix = ending; // "5th", "21st"
            i += ending.Length;
        }
        else if (i < text.Length && (IsWordChar(text[i]) || text[i] is '_' or '@' or '#'
                 || text[i] == '/' && i + 1 < text.Length && Folding.DigitValue(text[i + 1]) >= 0))
        {
            glued = true;
        }
        if (start > 0)
        {
            var before = text[start - 1];
            var gluedPrefix = IsWordChar(before) && !IsArabicDigitPrefix(text, start - 1);
            if (gluedPrefix || before is '_' or '/' or '#' or '@' or '=' or '&' or '\\'
                || before == '-' && start > 1 && IsWordChar(text[start - 2]))
                glued = true;
        }
        tokens.Add(new Token(TokenKind.Number, start, i - start, norm.ToString(), suffix, glued, spaceBefore));
        return i;
    }

    private static string? OrdinalEnding(string text, int at)
    {
        if (at + 2 > text.Length || at + 2 < text.Length && IsWordChar(text[at + 2])) return null;
        var ending = text.Substring(at, 2).ToLowerInvariant();
        return ending is "st" or "nd" or "rd" or "th" ? ending : null;
    }

    private static bool IsArabicDigitPrefix(string text, int at)
    {
        var j = at;
        while (j >= 0 && text[j] == '\u0640') j--; // "بـ10"
        if (j < 0 || !ArabicDigitPrefixes.Contains(text[j])) return false;
        return j == 0 || !IsWordChar(text[j - 1]) || j >= 1 && ArabicDigitPrefixes.Contains(text[j - 1])
            && (j == 1 || !IsWordChar(text[j - 2]));
    }

    private static bool IsNumberSeparator(char c) => c is ',' or '.' or '٬' or '٫' or '\u202F' or '\u00A0';
}

/// <summary>How words are compared with the tables: lower case; Turkish dotted and dotless i alike; Arabic
/// diacritics and tatweel dropped, the alef forms, alef maqsura and taa marbuta folded.</summary>
internal static class Folding
{
    public static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= '\u0660' and <= '\u0669' => c - '\u0660',
        >= '\u06F0' and <= '\u06F9' => c - '\u06F0',
        _ => -1,
    };

    public static string Fold(string text) => Fold(text.AsSpan());

    public static string Fold(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case >= '\u064B' and <= '\u065F' or '\u0670' or '\u0640' or '\u0307': continue;
                case 'أ' or 'إ' or 'آ' or 'ٱ': builder.Append('ا'); break;
                case 'ى': builder.Append('ي'); break;
                case 'ة': builder.Append('ه'); break;
                case 'ı' or 'İ' or 'I': builder.Append('i'); break;
                case 'â' or 'Â': builder.Append('a'); break;
                case 'î' or 'Î': builder.Append('i'); break;
                case 'û' or 'Û': builder.Append('u'); break;
                case '’' or 'ʼ' or '`' or '´': builder.Append('\''); break;
                default: builder.Append(char.ToLowerInvariant(c)); break;
            }
        }
        return builder.ToString();
    }
}
