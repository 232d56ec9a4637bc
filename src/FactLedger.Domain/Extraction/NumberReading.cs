using System.Globalization;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Extraction;

/// <summary>A number as written: tokens [Start, End), its value, or the vague term it is; <see cref="Decimal"/> for
/// a fraction with no multiplier (a magnitude, a rate: never a count); <see cref="QualifiedOnly"/> for a word that
/// is a number only after a qualifier ("once"); <see cref="Scale"/> the multiplier written after it (1 if none),
/// which the first end of a range may share ("18 ila 20 bin").</summary>
internal sealed record NumberRead(
    int Start, int End, long? Value, VagueTerms.Term? Vague, bool Decimal, bool QualifiedOnly, bool FromDigits,
    long Scale = 1);

internal static class NumberReading
{
    private static readonly string[] TurkishOrdinalEndings = ["nci", "ncu", "ncü", "inci", "uncu", "üncü"];

    /// <summary>The number starting at token <paramref name="at"/>, if one does.</summary>
    public static NumberRead? Read(TextView view, int at, bool allowVague = true)
    {
        if (at < 0 || at >= view.Count) return null;
        var token = view[at];
        var language = view.Language;
        if (token.IsNumber) return ReadDigits(view, at);
        if (!token.IsWord) return null;
        if (allowVague && language.Vague.MatchAt(view, at) is { } vague)
            return new NumberRead(at, at + vague.Count, null, vague.Value, false, false, false);
        return ReadWords(view, at);
    }

    private static NumberRead? ReadDigits(TextView view, int at)
    {
        var token = view[at];
        if (token.Glued || IsOrdinal(token)) return null;
        var end = at + 1;
        var scale = string.IsNullOrEmpty(token.Suffix) ? view.Language.Scales.MatchAt(view, end, false) : null;
        // "1.250 مليون" is a fraction of a million: before a multiplier a dot is a decimal mark.
        if (ParseDigits(token.Norm, view.Language, preferDecimal: scale is not null) is not { } parsed) return null;
        var value = parsed.Value;
        if (scale is { } s)
        {
            value *= s.Value;
            end += s.Count;
            if (Rest(view, end, s.Value) is { } rest)
            {
                value += rest.Value;
                end = rest.End;
            }
        }
        var isDecimal = parsed.Decimal && (scale is null || value != Math.Round(value));
        if (value > ClaimValue.MaxCount) return null;
        return new NumberRead(at, end, isDecimal ? null : (long)Math.Round(value), null, isDecimal, false, true,
            scale?.Value ?? 1);
    }

    /// <summary>Digits after a multiplier that complete it: "9 bin 733", "bin 710", "3 آلاف و688",
    /// "14 ألفاً و749" (the joiner may stand between).</summary>
    private static (long Value, int End)? Rest(TextView view, int at, long scale)
    {
        var j = at < view.Count && view[at].IsWord && view.Language.Joiners.MatchAt(view, at) is { } join
            ? at + join.Count
            : at;
        if (j >= view.Count || !view[j].IsNumber || view[j].Glued || IsOrdinal(view[j])) return null;
        // "3 آلاف و688" but not "2 million and 300 injured": a joined rest is glued to its joiner, or Arabic.
        if (j > at && view[j].SpaceBefore) return null;
        return ParseDigits(view[j].Norm, view.Language) is { Decimal: false } rest && rest.Value < scale
            ? ((long)rest.Value, j + 1)
            : null;
    }

    private static bool IsOrdinal(Token token) =>
        token.Suffix is "st" or "nd" or "rd" or "th"
        || TurkishOrdinalEndings.Any(e => token.Suffix.EndsWith(e, StringComparison.Ordinal));

    /// <summary>Composes number words: units and tens add up, "hundred" multiplies what precedes it, thousand and
    /// million close a group ("two hundred and fifty thousand", "iki yüz elli bin", "ثلاثة آلاف").</summary>
    private static NumberRead? ReadWords(TextView view, int at)
    {
        var language = view.Language;
        long total = 0, current = 0;
        var j = at;
        var words = 0;
        var qualifiedOnly = false;
        long lastScale = 1;
        while (j < view.Count)
        {
            if (language.Numbers.MatchAt(view, j, false) is { } number)
            {
                current = number.Value == 100 && current is > 0 and < 100 ? current * 100 : current + number.Value;
                j += number.Count;
            }
            else if (words == 0 && language.QualifiedOnly.MatchAt(view, j) is { } once)
            {
                current += once.Value;
                qualifiedOnly = true;
                j += once.Count;
            }
            else if (language.Scales.MatchAt(view, j, false) is { } scale)
            {
                total += Math.Max(current, 1) * scale.Value;
                current = 0;
                j += scale.Count;
                qualifiedOnly = false;
                lastScale = scale.Value;
                if (Rest(view, j, scale.Value) is { } rest)
                {
                    total += rest.Value;
                    j = rest.End;
                    words++;
                    break;
                }
            }
            else if (words > 0 && j + 1 < view.Count && IsJoin(view, j) && StartsNumberWord(view, j + 1))
            {
                j++;
                continue;
            }
            else break;
            words++;
            if (total > ClaimValue.MaxCount) return null;
        }
        if (words == 0) return null;
        if (words > 1) qualifiedOnly = false;
        return new NumberRead(at, j, total + current, null, false, qualifiedOnly, false, lastScale);
    }

    private static bool IsJoin(TextView view, int j) =>
        view.Language.Joiners.MatchAt(view, j) is not null || view[j].Is("-") && !view[j].SpaceBefore;

    private static bool StartsNumberWord(TextView view, int j) =>
        view.Language.Numbers.MatchAt(view, j, false) is not null
        || view.Language.Scales.MatchAt(view, j, false) is not null;

    /// <summary>A digit string with the language's grouping and decimal marks: groups after the first are three
    /// digits ("1.541", "1,541", "١٬٥٤١"), one decimal mark at most ("1.5", "7,7"). A mark the language uses both
    /// ways (Arabic "2.200" and "7.7") groups when every group after it has three digits, unless
    /// <paramref name="preferDecimal"/>. Anything else (a clock time "17.16", a dotted date) is no number.</summary>
    public static (decimal Value, bool Decimal)? ParseDigits(string norm, LanguageTable language,
        bool preferDecimal = false)
    {
        var ambiguous = norm.Any(c => language.GroupSeparators.Contains(c) && language.DecimalSeparators.Contains(c));
        if (!ambiguous) return Parse(norm, language, groupsFirst: false);
        return preferDecimal
            ? Parse(norm, language, groupsFirst: false) ?? Parse(norm, language, groupsFirst: true)
            : Parse(norm, language, groupsFirst: true) ?? Parse(norm, language, groupsFirst: false);
    }

    private static (decimal Value, bool Decimal)? Parse(string norm, LanguageTable language, bool groupsFirst)
    {
        if (norm.Length == 0 || norm.Length > 40) return null;
        var digits = new System.Text.StringBuilder();
        var groupLength = 0;
        var grouped = false;
        var decimalAt = -1;
        foreach (var c in norm)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                groupLength++;
                continue;
            }
            var canGroup = language.GroupSeparators.Contains(c) || c is '\u202F' or '\u00A0';
            var canDecimal = language.DecimalSeparators.Contains(c);
            var isGroup = canGroup && (groupsFirst || !canDecimal);
            if (decimalAt >= 0) return null;
            if (isGroup)
            {
                if (grouped ? groupLength != 3 : groupLength is 0 or > 3) return null;
                grouped = true;
            }
            else if (canDecimal)
            {
                if (grouped && groupLength != 3) return null;
                decimalAt = digits.Length;
            }
            else return null;
            groupLength = 0;
        }
        if (grouped && decimalAt < 0 && groupLength != 3) return null;
        if (decimalAt >= 0 && groupLength == 0) return null;
        var text = decimalAt < 0 ? digits.ToString() : digits.ToString().Insert(decimalAt, ".");
        if (decimalAt < 0 && digits.Length > 15) return null;
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? (value, decimalAt >= 0)
            : null;
    }
}
