using FactLedger.Domain.Values;

namespace FactLedger.Domain.Extraction;

/// <summary>
/// Proposes figure-like statements from a source's text: a count tied to a measure ("killed 13", "1.541 kişi
/// hayatını kaybetti", "أكثر من 748 ... أصيب"), or a date tied to an event ("2 Ocak'ta başlayan",
/// "فرض أمس").
/// Pure and deterministic; one linear tokenization, then bounded look-arounds, so no input can make it hang.
/// <para>
/// The engine knows no language: each is a <see cref="LanguageWords"/> table (Languages/English.cs, Arabic.cs,
/// Turkish.cs). From Microsoft.Recognizers.Definitions it takes number words, multipliers, month, weekday and Arabic
/// ordinal names (see <see cref="RecognizerTables"/>); the rest (qualifiers, measures, subjects, attribution, units
/// that make a number no count, relative dates) and all of the engine are written here.
/// </para>
/// </summary>
public static class Extractor
{
    /// <summary>Bumped whenever the findings for some text change.</summary>
    public const string Version = "factledger-extractor/2";

    /// <summary>Longer texts are read up to here: no article is this long, and the bound keeps time linear.
    /// </summary>
    private const int MaxTextLength = 1_000_000;
    private const int MeasureReach = 13;
    // Verbs of events stand further from their dates than measures from their numbers (Turkish puts the verb
    // last: "2002'de Rusya, Belarus, ... tarafından kurulmuştu"), so commas weigh less there.
    private const int EventReach = 24;
    private const int CountClausePenalty = 3;
    private const int DateClausePenalty = 2;
    /// <summary>How far (in tokens) attribution and quotes look around a value: sentences of hostile input can be
    /// endless.</summary>
    private const int Horizon = 60;
    private const int SubjectReach = 6;
    private const int LongQuote = 320;

    public static IReadOnlyList<Finding> Extract(ExtractionInput input)
    {
        if (input?.Text is not { Length: > 0 } text) return [];
        if (text.Length > MaxTextLength)
            text = text[..(char.IsHighSurrogate(text[MaxTextLength - 1]) ? MaxTextLength - 1 : MaxTextLength)];
        var view = new TextView(text, LanguageTable.For(input.Language));
        var published = DateOnly.FromDateTime(input.PublishedAt.DateTime);
        var context = new DateContext(published);
        var consumed = new bool[view.Count];

        var dates = new List<DateRead>();
        for (var i = 0; i < view.Count; i++)
        {
            if (DateReading.Read(view, i, context) is not { } date) continue;
            dates.Add(date);
            for (var k = date.Start; k < date.End; k++) consumed[k] = true;
            i = date.End - 1;
        }
        var findings = new List<Finding>();
        foreach (var date in dates) findings.AddRange(DateFindings(view, date, dates));
        (int End, Qualifier Qualifier)? leading = null;
        for (var i = 0; i < view.Count; i++)
        {
            if (consumed[i] || NumberReading.Read(view, i) is not { } number) continue;
            if (Enumerable.Range(number.Start, number.End - number.Start).Any(k => consumed[k])) continue;
            var carried = leading is { } l && Coordinated(view, l.End, number.Start) ? l.Qualifier : (Qualifier?)null;
            var count = CountFinding(view, number, consumed, carried);
            if (count.Finding is { } finding) findings.Add(finding);
            leading = count is { Finding: not null, Leading: { } q } ? (count.End, q) : null;
            i = Math.Max(i, count.End - 1);
        }
        return findings
            .DistinctBy(f => (f.ValueOffset, f.ValueLength, f.Value.Qualifier, f.Value.Value, f.Value.Low))
            .OrderBy(f => f.ValueOffset).ThenBy(f => f.Value.Qualifier)
            .ToList();
    }

    // ----- counts -----

    /// <summary>"ما لا يقل عن 15 طفلاً و6 نساء", "at least 15 children and 6 women": a second number
    /// joined to the first with nothing but who it counts between them shares the first's qualifier (not
    /// "and another 6", not "killed 13 and injured 353").</summary>
    private static bool Coordinated(TextView view, int previousEnd, int start)
    {
        if (start <= previousEnd || start - previousEnd > 5) return false;
        var k = previousEnd;
        while (k < start && view.Language.Subjects.MatchAt(view, k) is { } who) k += who.Count;
        return k < start && view.Language.Range.MatchAt(view, k) is { Value: "join" } join && k + join.Count == start;
    }

    /// <summary>A count read at <paramref name="number"/>; <c>Leading</c> is the qualifier written before it, which
    /// a coordinated next number shares.</summary>
    private static (Finding? Finding, int End, Qualifier? Leading) CountFinding(TextView view, NumberRead number,
        bool[] consumed, Qualifier? carried)
    {
        Qualifier? leading = null;
        var language = view.Language;
        var (start, end) = (number.Start, number.End);
        var qualifier = Qualifier.Exact;
        long? value = number.Value, low = null, high = null;

        if (number.Vague is null && number.Value is not null && RangeEnd(view, number, consumed) is { } range)
        {
            (qualifier, low, high, value) = (Qualifier.Range, range.Low, range.High, null);
            start = range.Start;
            end = range.End;
        }
        else if (number.Vague is null)
        {
            if (view.MatchEndingAt(language.QualifiersBefore, start) is { } before)
                leading = qualifier = before.Value;
            else if (QualifierAfter(view, end) is { } after)
                qualifier = after;
            else if (carried is { } shared)
                leading = qualifier = shared;
        }
        var valueEnd = end;
        for (var k = number.End; k < valueEnd; k++) consumed[k] = true;
        if (number.QualifiedOnly && qualifier == Qualifier.Exact) return (null, valueEnd, leading);
        if (number.Decimal || number.Vague is null && (value ?? low) is null or <= 0) return (null, valueEnd, leading);
        if (IsNoCount(view, number, start, end)) return (null, valueEnd, leading);

        var sentence = view.Sentence(number.Start);
        var measure = Nearest(view, language.CountMeasures, number.Start, end, sentence, MeasureReach);
        // "20 members of the security forces were killed": what is counted yields to what happened to them.
        if (measure is { } counted && Measures.Counted.Contains(counted.Value))
            measure = Nearest(view, language.CountMeasures, number.Start, end, sentence, MeasureReach,
                except: Measures.Counted) ?? measure;
        // A vague word ("several", "عدة") is a figure only right beside its measure, or beside who it counts:
        // "Hundreds of people were still missing".
        if (measure is null || number.Vague is not null && measure.Value.Distance > 3 + CountedRight(view, end))
            return (null, valueEnd, leading);

        var claim = number.Vague is { } vague
            ? new ClaimValue
            {
                Qualifier = Qualifier.Vague, Kind = FigureKind.Count, Term = view.Slice(number.Start, number.End),
                CanonicalTerm = vague.Canonical,
            }
            : new ClaimValue { Qualifier = qualifier, Kind = FigureKind.Count, Value = value, Low = low, High = high };
        var subject = Subject(view, number.Start, end, sentence, counts: true, measureAt: measure.Value.At);
        var attribution = Attribution(view, number.Start, sentence);
        var confidence = 0.55 + (measure.Value.Distance <= 3 ? 0.15 : 0) + (attribution is null ? 0 : 0.15)
            + (subject is null ? 0 : 0.1) - (number.Vague is null ? 0 : 0.15);
        return (Build(view, claim, measure.Value.Value, subject, attribution, start, valueEnd, measure.Value.At,
            sentence, confidence), valueEnd, leading);
    }

    /// <summary>How many tokens right after a number name who it counts ("of people", "من السكان").</summary>
    private static int CountedRight(TextView view, int end)
    {
        for (var k = end; k < Math.Min(view.Count, end + 2) && view[k].IsWord; k++)
            if (view.Language.Subjects.MatchAt(view, k) is { } who) return k - end + who.Count;
        return 0;
    }

    private static (int Start, int End, long Low, long High)? RangeEnd(TextView view, NumberRead first,
        bool[] consumed)
    {
        var language = view.Language;
        var j = first.End;
        if (j >= view.Count) return null;
        string? role = null;
        var length = 1;
        if (language.Range.MatchAt(view, j) is { } join && join.Value is "join" or "to")
            (role, length) = (join.Value, join.Count);
        else if (first.FromDigits && (view[j].Is("-") || view[j].Is("–")) && !view[j].SpaceBefore)
            role = "to";
        if (role is null || NumberReading.Read(view, j + length, allowVague: false) is not
                { Value: { } high, Decimal: false, QualifiedOnly: false } second
            || consumed[second.Start]) return null;
        // "18 ila 20 bin", "between 5 and 10 million": the multiplier written once belongs to both ends.
        var low = first.Value!.Value;
        if (first.Scale == 1 && second.Scale > 1 && low < second.Scale && low * second.Scale < high)
            low *= second.Scale;
        if (high <= low) return null;
        var open = view.MatchEndingAt(language.Range, first.Start, 2) is { Value: "open" } o ? o.Start : (int?)null;
        var close = language.Range.MatchAt(view, second.End) is { Value: "close" } c ? c.Count : 0;
        if (role == "join" && open is null && close == 0) return null;
        // "rose from 13 to 18" is two figures, not a range.
        if (open is null && first.Start > 0 && view[first.Start - 1].IsWord
            && view[first.Start - 1].Norm is "from" or "من") return null;
        for (var k = second.Start; k < second.End; k++) consumed[k] = true;
        return (open ?? first.Start, second.End + close, low, high);
    }

    private static Qualifier? QualifierAfter(TextView view, int end)
    {
        for (var k = end; k < Math.Min(view.Count, end + 9); k++)
        {
            if (k > end && (!view[k - 1].IsWord || view[k - 1].IsNumber)) return null;
            if (view.Language.QualifiersAfter.MatchAt(view, k) is { } after && k - end <= after.Value.Gap)
                return after.Value.Qualifier;
        }
        return null;
    }

    /// <summary>Numbers that are no count: percentages, money, ages, magnitudes, distances, times, years, ids.
    /// </summary>
    private static bool IsNoCount(TextView view, NumberRead number, int start, int end)
    {
        var language = view.Language;
        var first = view[number.Start];
        if (end < view.Count && view[end].Kind == TokenKind.Punct && !view[end].SpaceBefore)
        {
            var punct = view[end].Norm;
            if (punct is "%" or "٪" or "°" or "‰" or "/" or "$" or "€") return true;
            if (punct is ":" or "." && end + 1 < view.Count && view[end + 1].IsNumber && !view[end + 1].SpaceBefore)
                return true;
        }
        if (start > 0 && view[start - 1].Kind == TokenKind.Punct
            && view[start - 1].Norm is "$" or "€" or "£" or "₺" or "%" or "٪" or "#" or "№" or "+" or "¥")
            return true;
        var next = end < view.Count && view[end].Is("-") ? end + 1 : end;
        if (language.NotCountsAfter.MatchAt(view, next) is not null) return true;
        // "one in seven", "3 in 10": a ratio (not "13 in two attacks").
        if (number.Value is <= 10 && language.Ratios.MatchAt(view, end) is { } ratio
            && NumberReading.Read(view, end + ratio.Count, allowVague: false) is { Value: { } whole }
            && whole > number.Value) return true;
        if (view.MatchEndingAt(language.Ratios, number.Start, 2) is { } of && of.Start > 0
            && (view[of.Start - 1].IsNumber || language.Numbers.MatchAt(view, of.Start - 1, false) is not null))
            return true;
        if (view.MatchEndingAt(language.NotCountsBefore, number.Start, 3) is not null) return true;
        // "بالمئة", "percent" read as a number word are the unit itself.
        if (!number.FromDigits && language.NotCountsAfter.MatchAt(view, number.Start) is not null) return true;
        if (number.FromDigits && first.Norm.All(char.IsAsciiDigit))
        {
            if (first.Norm.Length >= 10) return true; // ids, phone numbers
            // A year, unless who or what it counts stands beside it: "عدد المصابين 2059".
            if (first.Norm.Length == 4 && number.Value is >= 1900 and <= 2100 && number.End == number.Start + 1
                && language.Subjects.MatchAt(view, end) is null && language.CountMeasures.MatchAt(view, end) is null
                && (start == 0 || language.CountMeasures.MatchAt(view, start - 1) is null))
                return true;
        }
        return false;
    }

    // ----- dates -----

    private static IEnumerable<Finding> DateFindings(TextView view, DateRead date, List<DateRead> dates)
    {
        if (IsDateline(view, date)) yield break;
        var language = view.Language;
        var sentence = view.Sentence(date.Start);
        if (date.Shape == DateShape.Relative && !date.FromStoryDay && NextToSpeech(view, date)) yield break;
        // "وبعد يومين، اجتاحت", "Two days later, ...": counted from a day the story told,
        // not from publication.
        if (date.Value is { Relative.Days: > 0, Qualifier: Qualifier.Exact } && !date.FromStoryDay
            && view.IsClauseEnd(date.Start - 1))
            yield break;

        if (view.MatchEndingAt(language.DateCues, date.Start, 3) is { Value: "stamp" }) yield break;
        string? cue = null;
        var cueBefore = CueBefore(view, date.Start);
        var cueAfter = language.DateCues.MatchAt(view, date.End);
        if (cueBefore is { } b) cue = b.Value;
        else if (cueAfter is { Value: "end" or "start" or "since" or "post-after" or "post-before" } a)
            cue = a.Value switch { "post-after" => "after", "post-before" => "before", _ => a.Value };
        // "bugüne kadar", "until today": so far, no date of anything.
        if (cue == "end" && date.Value is { Relative.Days: 0 }) yield break;
        var events = Nearest(view, language.DateEvents, date.Start, date.End, sentence, EventReach, DateClausePenalty);
        // "before the Aug. 31 withdrawal deadline": the day something must end by.
        if (date.Value.Qualifier == Qualifier.Exact && NearDeadline(view, date))
        {
            var limit = date.Value with { Qualifier = Qualifier.AtMost };
            yield return Build(view, limit, "end", null, Attribution(view, date.Start, sentence), date.Start,
                date.End, events?.At, sentence, 0.6);
            yield break;
        }
        // The event a date belongs to: "until"/"as of" name it; after "after X on <date>", X's own word.
        var eventBetween = cueBefore is { } cb
            ? Nearest(view, language.DateEvents, date.Start, date.End, (cb.Start, date.End), EventReach,
                DateClausePenalty)
            : null;
        var fallback = date.Shape == DateShape.Day || date.FromStoryDay ? "occurred" : null;
        var measure = cue is "end" or "start" ? cue
            : cue is "since" ? events?.Value ?? "start"
            : cue is "after" or "before" or "following" ? eventBetween?.Value ?? fallback
            : events?.Value ?? fallback;
        if (measure is null) yield break;

        var value = Anchored(date, dates, sentence);
        var subject = Subject(view, date.Start, date.End, sentence);
        var attribution = Attribution(view, date.Start, sentence);
        var tied = cue is "end" or "start" or "since" || events is not null || eventBetween is not null;
        var confidence = (tied ? 0.7 : 0.4) + (attribution is null ? 0 : 0.1) + (subject is null ? 0 : 0.1)
            + (date.Shape == DateShape.Day ? 0.05 : 0);
        yield return Build(view, value, measure, subject, attribution, date.Start, date.End,
            (events ?? eventBetween)?.At, sentence, confidence);

        // "after the protests broke out on 2 January, he asked...": what follows came later than that day;
        // "following" allows the same day ("إثر الإعلان في 16 سبتمبر").
        if (cue is "after" or "before" or "following" && value.Value is { } day && value.Qualifier == Qualifier.Exact)
        {
            // What came after: the event after the date, else the one the cue follows ("began following the
            // announcement on 16 September").
            var cueAt = cueBefore?.Start ?? date.Start;
            var later = Nearest(view, language.DateEvents, date.End, date.End, (date.End, sentence.End),
                    EventReach, DateClausePenalty)
                ?? Nearest(view, language.DateEvents, cueAt, cueAt, (sentence.Start, cueAt), EventReach,
                    DateClausePenalty);
            var bounded = new ClaimValue
            {
                Qualifier = cue switch
                {
                    "after" => Qualifier.MoreThan, "following" => Qualifier.AtLeast, _ => Qualifier.LessThan,
                },
                Kind = FigureKind.Date, Value = day,
            };
            yield return Build(view, bounded, later?.Value ?? "occurred", subject, attribution, date.Start, date.End,
                later?.At, sentence, 0.3);
        }
    }

    private static bool NearDeadline(TextView view, DateRead date)
    {
        for (var k = date.End; k < Math.Min(view.Count, date.End + 3) && view[k].IsWord; k++)
            if (view.Language.DateCues.MatchAt(view, k) is { Value: "deadline" }) return true;
        for (var k = date.Start - 1; k >= Math.Max(0, date.Start - 3) && view[k].IsWord; k--)
            if (view.Language.DateCues.MatchAt(view, k) is { Value: "deadline" } m && k + m.Count <= date.Start)
                return true;
        return false;
    }

    private static (int Start, string Value)? CueBefore(TextView view, int start)
    {
        // The cue may stand a few words before the date: "until 19 January",
        // "عقب اندلاع الاحتجاجات في 2 يناير".
        for (var k = start - 1; k >= Math.Max(0, start - 5); k--)
        {
            if (!view[k].IsWord) return null;
            if (view.Language.DateCues.MatchAt(view, k) is { } cue && k + cue.Count <= start)
            {
                if (cue.Value is "end" or "start" or "since" && k + cue.Count == start) return (k, cue.Value);
                if (cue.Value is "after" or "before" or "following") return (k, cue.Value);
            }
        }
        return null;
    }

    /// <summary>"within 10 days", "three days after the quake" count from a day the sentence stated before them,
    /// else from publication.</summary>
    private static ClaimValue Anchored(DateRead date, List<DateRead> dates, (int Start, int End) sentence)
    {
        if (date.Value is not { Relative: { } relative } || date.Value.Qualifier != Qualifier.AtMost
            && !date.FromStoryDay) return date.Value;
        var anchor = dates.LastOrDefault(d => d.End <= date.Start && d.Start >= sentence.Start
            && d.Value is { Qualifier: Qualifier.Exact, Value: not null });
        if (anchor is null) return date.Value;
        var day = DateOnly.FromDayNumber((int)anchor.Value.Value!.Value);
        return date.Value with
        {
            Relative = relative with { Anchor = day }, Value = day.AddDays(relative.Days).DayNumber,
        };
    }

    /// <summary>A publication stamp rather than a dated event: followed by a clock time, in parentheses with the
    /// agency's name, alone on its line, or after "updated".</summary>
    private static bool IsDateline(TextView view, DateRead date)
    {
        var k = date.End < view.Count && view[date.End].Is(",") ? date.End + 1 : date.End;
        if (k + 1 < view.Count && view[k].IsNumber && view[k + 1].Is(":")) return true;
        var lineStart = date.Start;
        while (lineStart > 0 && view[lineStart - 1].Kind != TokenKind.Break && date.Start - lineStart < 80) lineStart--;
        var lineEnd = date.End;
        while (lineEnd < view.Count && view[lineEnd].Kind != TokenKind.Break && lineEnd - date.End < 80) lineEnd++;
        var otherWords = 0;
        for (var i = lineStart; i < lineEnd; i++)
            if (view[i].IsWord && (i < date.Start || i >= date.End)) otherWords++;
        if (otherWords <= 1) return true;
        // "ANKARA, Feb 8 (Reuters) -": a city in capitals before, the agency after.
        if (k < view.Count && view[k].Is("(")) return true;
        var capitals = Enumerable.Range(lineStart, date.Start - lineStart).Where(i => view[i].IsWord).ToList();
        var dash = k < view.Count && (view[k].Is("-") || view[k].Is("–") || view[k].Is("—"));
        if (dash && capitals.Count is > 0 and <= 3 && capitals.All(i =>
                view.Slice(i, i + 1).All(c => !char.IsLetter(c) || char.IsUpper(c))))
            return true;
        var open = false;
        for (var i = lineStart; i < date.Start; i++)
        {
            if (view[i].Is("(")) open = true;
            else if (view[i].Is(")")) open = false;
            // "Updated: 13 January", "آخر تحديث 13 يناير" — not
            // "في تحديث سابق ... يوم الجمعة".
            else if (date.Start - i <= 4 && view.Language.DateCues.MatchAt(view, i) is { Value: "dateline" })
                return true;
        }
        if (!open) return false;
        for (var i = date.End; i < lineEnd; i++)
        {
            if (view[i].Is(")")) return true;
            if (view[i].Is("(")) return false;
        }
        return false;
    }

    /// <summary>"said on Monday", "أعلن، أمس": the day a statement was made, not of an event.</summary>
    private static bool NextToSpeech(TextView view, DateRead date)
    {
        var words = 0;
        for (var k = date.Start - 1; k >= 0 && words < 2; k--)
        {
            if (view[k].Kind == TokenKind.Break || view.IsClauseEnd(k) && !view[k].Is(",") && !view[k].Is("،"))
                break;
            if (!view[k].IsWord) continue;
            words++;
            if (view.Language.Attribution.MatchAt(view, k) is { Value: "verb" }) return true;
            if (view[k].Norm is not ("on" or "late" or "early")) break;
        }
        var after = date.End < view.Count && view[date.End].Kind == TokenKind.Punct ? date.End + 1 : date.End;
        return after < view.Count && view.Language.Attribution.MatchAt(view, after) is { Value: "verb" };
    }

    // ----- shared -----

    private readonly record struct Hit(int At, int Count, string Value, int Distance);

    /// <summary>The phrase of <paramref name="table"/> nearest the span [start, end) inside
    /// <paramref name="within"/>, in words; each clause boundary crossed counts as three more.</summary>
    private static Hit? Nearest(TextView view, PhraseTable<string> table, int start, int end,
        (int Start, int End) within, int reach, int clausePenalty = CountClausePenalty,
        IReadOnlySet<string>? except = null)
    {
        Hit? best = null;
        var from = Math.Max(within.Start, start - reach - 4);
        var to = Math.Min(within.End, end + reach + 1);
        for (var k = from; k < to; k++)
        {
            if (k >= start && k < end) continue;
            if (table.MatchAt(view, k) is not { } m || except?.Contains(m.Value) == true) continue;
            int distance;
            if (k + m.Count <= start) distance = Gap(view, k + m.Count, start, clausePenalty);
            else if (k >= end) distance = Gap(view, end, k, clausePenalty);
            else continue;
            if (distance > reach) continue;
            // Ties go to the word before the number: "killed 13 and injured 353".
            if (best is null || distance < best.Value.Distance) best = new Hit(k, m.Count, m.Value, distance);
        }
        return best;
    }

    private static int Gap(TextView view, int from, int to, int clausePenalty = CountClausePenalty)
    {
        var gap = 0;
        for (var k = from; k < to; k++)
            gap += view.IsClauseEnd(k) ? clausePenalty : view[k].IsWord || view[k].IsNumber ? 1 : 0;
        return gap;
    }

    /// <summary>Subjects that are events: what a date is about, never who a count counts.</summary>
    private static readonly HashSet<string> EventSubjects = ["protests", "state-of-emergency", "government",
        "earthquake"];

    private static (string Key, int Start, int End)? Subject(TextView view, int start, int end,
        (int Start, int End) sentence, bool counts = false, int? measureAt = null)
    {
        Hit? specific = null, generic = null;
        var from = Math.Max(sentence.Start, start - SubjectReach);
        var to = Math.Min(sentence.End, end + SubjectReach);
        for (var k = from; k < to; k++)
        {
            if (k >= start && k < end || view.Language.Subjects.MatchAt(view, k) is not { } m
                || counts && EventSubjects.Contains(m.Value)) continue;
            var distance = k >= end ? Gap(view, end, k) : Gap(view, k + m.Count, start) + 1;
            if (distance > SubjectReach) continue;
            var hit = new Hit(k, m.Count, m.Value, distance);
            if (m.Value == "people")
            {
                if (generic is null || distance < generic.Value.Distance) generic = hit;
            }
            else if (specific is null || distance < specific.Value.Distance) specific = hit;
        }
        // "2,000 people were displaced from their homes": the noun right after the number is who is counted, not
        // one beyond the measure ("18 فرداً من قوات الأمن" keeps the security forces).
        if (generic is { Distance: 0 } g && g.At >= end && measureAt is { } verb && verb > g.At
            && specific is { } sp && sp.At > verb) specific = null;
        return (specific ?? generic) is { } h ? (h.Value, h.At, h.At + h.Count) : null;
    }

    private static readonly HashSet<string> SourceStops =
    [
        "that", "on", "in", "at", "it", "was", "were", "has", "had", "and", "ve",
        "أن", "ان", "إن", "في", "على",
    ];
    private static readonly HashSet<string> Pronouns = ["he", "she", "they", "it", "we", "i", "you", "o", "onlar"];

    /// <summary>Who the sentence credits for the figure: "according to X", "X said", "said X", "بحسب X",
    /// "أفادت X", "X'e göre", "X, ... açıkladı". The nearest such credit in the sentence.</summary>
    private static string? Attribution(TextView view, int at, (int Start, int End) sentence)
    {
        (int Distance, string Source)? best = null;
        for (var k = Math.Max(sentence.Start, at - Horizon); k < Math.Min(sentence.End, at + Horizon); k++)
        {
            if (view.Language.Attribution.MatchAt(view, k) is not { } cue) continue;
            var source = cue.Value switch
            {
                "before" => Following(view, k + cue.Count, sentence.End, false),
                "before-l" => Following(view, k + cue.Count, sentence.End, true),
                "after" => Preceding(view, k, sentence.Start),
                _ => view.Language.Code == "ar" ? Following(view, k + cue.Count, sentence.End, false)
                    : view.Language.Code == "tr" ? SentenceSubject(view, sentence)
                    : Preceding(view, k, sentence.Start) ?? Following(view, k + cue.Count, sentence.End, false),
            };
            if (source is null) continue;
            var distance = Math.Abs(k - at);
            if (best is null || distance < best.Value.Distance) best = (distance, source);
        }
        return best?.Source;
    }

    private static string? Following(TextView view, int from, int end, bool dropLam)
    {
        var k = from;
        if (dropLam && k < end && view[k].IsWord && view[k].Norm == "ل") k++;
        var stop = k;
        while (stop < end && stop - k < 6 && view[stop].IsWord && !SourceStops.Contains(view[stop].Norm)) stop++;
        if (stop == k || Pronouns.Contains(view[k].Norm)) return null;
        var text = view.Slice(k, stop);
        if (dropLam && text.StartsWith('ل') && text.Length > 2) text = text.TrimStart('ل', '\u0640');
        return text;
    }

    private static string? Preceding(TextView view, int before, int start)
    {
        var k = before;
        while (k > start && before - k < 6 && view[k - 1].IsWord && !SourceStops.Contains(view[k - 1].Norm)
               && view.Language.CountMeasures.MatchAt(view, k - 1) is null)
            k--;
        if (k == before || k > start && !view.IsClauseEnd(k - 1) || Pronouns.Contains(view[k].Norm)) return null;
        var text = view.Slice(k, before);
        // "AFAD'ın açıklamasına göre" → AFAD: the source ends where its case ending starts.
        for (var i = before - 1; i >= k; i--)
            if (view[i].Suffix.Length > 0 && char.IsUpper(view.Text[view[i].Start]))
                return view.Text.Substring(view[k].Start, view[i].Start + view[i].Length - view[i].Suffix.Length - 1
                    - view[k].Start);
        return text;
    }

    private static string? SentenceSubject(TextView view, (int Start, int End) sentence)
    {
        for (var k = sentence.Start; k < Math.Min(sentence.End, sentence.Start + 7); k++)
            if (view[k].Is(","))
                return k > sentence.Start
                    && Enumerable.Range(sentence.Start, k - sentence.Start).All(i => view[i].IsWord)
                    ? view.Slice(sentence.Start, k)
                    : null;
        return null;
    }

    private static Finding Build(TextView view, ClaimValue value, string measure,
        (string Key, int Start, int End)? subject, string? attribution, int valueStart, int valueEnd, int? cueAt,
        (int Start, int End) sentence, double confidence)
    {
        var (quoteStart, quoteEnd) = (sentence.Start, sentence.End);
        while (quoteEnd > quoteStart + 1 && view[quoteEnd - 1].Kind == TokenKind.Break) quoteEnd--;
        if (view[quoteEnd - 1].End - view[quoteStart].Start > LongQuote)
        {
            // A long sentence: the clause(s) from the value to its measure word.
            var low = Math.Min(valueStart, cueAt ?? valueStart);
            var high = Math.Max(valueEnd, (cueAt ?? valueEnd) + 1);
            quoteStart = low;
            while (quoteStart > sentence.Start && low - quoteStart < Horizon && !view.IsClauseEnd(quoteStart - 1))
                quoteStart--;
            quoteEnd = high;
            while (quoteEnd < sentence.End && quoteEnd - high < Horizon && !view.IsClauseEnd(quoteEnd)) quoteEnd++;
        }
        (quoteStart, quoteEnd) = (Math.Min(quoteStart, valueStart), Math.Max(quoteEnd, valueEnd));
        var quoteOffset = view[quoteStart].Start;
        var quoteLength = view[quoteEnd - 1].End - quoteOffset;
        var valueOffset = view[valueStart].Start;
        return new Finding(
            value, measure, subject?.Key, subject is { } s ? view.Slice(s.Start, s.End) : null, attribution,
            view.Text.Substring(quoteOffset, quoteLength), quoteOffset, quoteLength,
            valueOffset, view[valueEnd - 1].End - valueOffset,
            Math.Round(Math.Clamp(confidence, 0.05, 0.99), 2));
    }
}
