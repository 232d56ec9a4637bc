using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Tests;

/// <summary>Issue 20: readings worded in English, Arabic and Turkish, with no point the sources did not give.</summary>
public class WordingTests
{
    private static long Day(string date) => DateOnly.Parse(date).DayNumber;

    private static readonly Dictionary<string, Reading> Counts = new()
    {
        ["more than 1000"] = new(Qualifier.MoreThan, 1000),
        ["more than 748"] = new(Qualifier.MoreThan, 748),
        ["more than 10"] = new(Qualifier.MoreThan, 10),
        ["more than 3"] = new(Qualifier.MoreThan, 3),
        ["more than 40"] = new(Qualifier.MoreThan, 40),
        ["at least 18"] = new(Qualifier.AtLeast, 18),
        ["at most 25"] = new(Qualifier.AtMost, null, 25),
        ["fewer than 10"] = new(Qualifier.LessThan, null, 10),
        ["about 600"] = new(Qualifier.Approximately, 600, 600),
        ["18 to 25"] = new(Qualifier.Range, 18, 25),
        ["exactly 2298"] = new(Qualifier.Exact, 2298, 2298, BestStated: true),
        ["exactly 1234567"] = new(Qualifier.Exact, 1234567, 1234567, BestStated: true),
        ["dozens"] = new(Qualifier.Vague, 20, 99, "dozens"),
        ["thousands"] = new(Qualifier.Vague, 2000, 9999, "thousands"),
        ["zillions"] = new(Qualifier.Vague, Term: "zillions"),
        ["540 against more than 930"] = new(Qualifier.Range, 540, null,
            From: new(Qualifier.Exact, 540, 540), To: new(Qualifier.MoreThan, 930), Conflicting: true),
        ["the span 540 to 930"] = new(Qualifier.Range, 540, 930, Conflicting: true),
    };

    [Theory]
    [InlineData("more than 1000", "more than 1,000", "أكثر من 1000", "1.000'den fazla")]
    [InlineData("more than 748", "more than 748", "أكثر من 748", "748'den fazla")]
    [InlineData("more than 10", "more than 10", "أكثر من 10", "10'dan fazla")]
    [InlineData("more than 3", "more than 3", "أكثر من 3", "3'ten fazla")]
    [InlineData("more than 40", "more than 40", "أكثر من 40", "40'tan fazla")]
    [InlineData("at least 18", "at least 18", "18 على الأقل", "en az 18")]
    [InlineData("at most 25", "at most 25", "25 على الأكثر", "en fazla 25")]
    [InlineData("fewer than 10", "fewer than 10", "أقل من 10", "10'dan az")]
    [InlineData("about 600", "about 600", "حوالي 600", "yaklaşık 600")]
    [InlineData("18 to 25", "18–25", "18–25", "18–25")]
    [InlineData("exactly 2298", "2,298", "2298", "2.298")]
    [InlineData("exactly 1234567", "1,234,567", "1234567", "1.234.567")]
    [InlineData("dozens", "dozens (20–99)", "عشرات (20–99)", "onlarca (20–99)")]
    [InlineData("thousands", "thousands (2,000–9,999)", "آلاف (2000–9999)", "binlerce (2.000–9.999)")]
    [InlineData("zillions", "zillions", "zillions", "zillions")]
    [InlineData("540 against more than 930", "reports conflict: 540 to more than 930",
        "الروايات متضاربة: من 540 إلى أكثر من 930", "raporlar çelişiyor: 540 ila 930'dan fazla")]
    [InlineData("the span 540 to 930", "reports conflict: 540 to 930", "الروايات متضاربة: من 540 إلى 930",
        "raporlar çelişiyor: 540 ila 930")]
    public void Given_a_count_reading_when_worded_then_each_language_says_it_as_a_fact_checker_would(string reading,
        string english, string arabic, string turkish)
    {
        var r = Counts[reading];

        Assert.Equal(english, Wording.Of(r, FigureKind.Count, "en"));
        Assert.Equal(arabic, Wording.Of(r, FigureKind.Count, "ar"));
        Assert.Equal(turkish, Wording.Of(r, FigureKind.Count, "tr"));
    }

    private static readonly Dictionary<string, Reading> Dates = new()
    {
        ["on the 13th"] = new(Qualifier.Exact, Day("2022-01-13"), Day("2022-01-13"), Precision: DatePrecision.Day),
        ["in january"] = new(Qualifier.Range, Day("2022-01-01"), Day("2022-01-31"), Precision: DatePrecision.Month),
        ["in 2002"] = new(Qualifier.Range, Day("2002-01-01"), Day("2002-12-31"), Precision: DatePrecision.Year),
        ["in 2003"] = new(Qualifier.Range, Day("2003-01-01"), Day("2003-12-31"), Precision: DatePrecision.Year),
        ["in 2010"] = new(Qualifier.Range, Day("2010-01-01"), Day("2010-12-31"), Precision: DatePrecision.Year),
        ["by the 23rd"] = new(Qualifier.AtMost, null, Day("2022-01-23"), Precision: DatePrecision.Day),
        ["by 2010"] = new(Qualifier.AtMost, null, Day("2010-01-10"), Precision: DatePrecision.Day),
        ["from the 13th"] = new(Qualifier.AtLeast, Day("2022-01-13"), Precision: DatePrecision.Day),
        ["after the 2nd"] = new(Qualifier.MoreThan, Day("2022-01-02"), Precision: DatePrecision.Day),
        ["before the 10th"] = new(Qualifier.LessThan, null, Day("2022-01-10"), Precision: DatePrecision.Day),
        ["around the 13th"] = new(Qualifier.Approximately, Day("2022-01-13"), Day("2022-01-13"),
            Precision: DatePrecision.Day),
        ["3rd to 9th"] = new(Qualifier.Range, Day("2022-01-03"), Day("2022-01-09"), Precision: DatePrecision.Day),
        ["across months"] = new(Qualifier.Range, Day("2022-01-28"), Day("2022-02-03"),
            Precision: DatePrecision.Day),
        ["across years"] = new(Qualifier.Range, Day("2021-12-28"), Day("2022-01-03"),
            Precision: DatePrecision.Day),
    };

    [Theory]
    [InlineData("on the 13th", "13 January 2022", "13 يناير 2022", "13 Ocak 2022")]
    [InlineData("in january", "in January 2022", "في يناير 2022", "Ocak 2022'de")]
    [InlineData("in 2002", "in 2002", "عام 2002", "2002'de")]
    [InlineData("in 2003", "in 2003", "عام 2003", "2003'te")]
    [InlineData("in 2010", "in 2010", "عام 2010", "2010'da")]
    [InlineData("by the 23rd", "by 23 January 2022", "بحلول 23 يناير 2022", "23 Ocak 2022'ye kadar")]
    [InlineData("by 2010", "by 10 January 2010", "بحلول 10 يناير 2010", "10 Ocak 2010'a kadar")]
    [InlineData("from the 13th", "on or after 13 January 2022", "في 13 يناير 2022 أو بعده",
        "13 Ocak 2022'den itibaren")]
    [InlineData("after the 2nd", "after 2 January 2022", "بعد 2 يناير 2022", "2 Ocak 2022'den sonra")]
    [InlineData("before the 10th", "before 10 January 2022", "قبل 10 يناير 2022", "10 Ocak 2022'den önce")]
    [InlineData("around the 13th", "around 13 January 2022", "نحو 13 يناير 2022", "13 Ocak 2022 civarında")]
    [InlineData("3rd to 9th", "between 3 and 9 January 2022", "بين 3 و9 يناير 2022", "3 ile 9 Ocak 2022 arasında")]
    [InlineData("across months", "between 28 January and 3 February 2022", "بين 28 يناير و3 فبراير 2022",
        "28 Ocak ile 3 Şubat 2022 arasında")]
    [InlineData("across years", "between 28 December 2021 and 3 January 2022", "بين 28 ديسمبر 2021 و3 يناير 2022",
        "28 Aralık 2021 ile 3 Ocak 2022 arasında")]
    public void Given_a_date_reading_when_worded_then_it_is_worded_at_its_precision(string reading, string english,
        string arabic, string turkish)
    {
        var r = Dates[reading];

        Assert.Equal(english, Wording.Of(r, FigureKind.Date, "en"));
        Assert.Equal(arabic, Wording.Of(r, FigureKind.Date, "ar"));
        Assert.Equal(turkish, Wording.Of(r, FigureKind.Date, "tr"));
    }

    private static readonly DateTimeOffset January13 = new(2022, 1, 13, 9, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, ClaimValue> Reported = new()
    {
        ["protesters injured: more than 1,000"] =
            new() { Qualifier = Qualifier.MoreThan, Kind = FigureKind.Count, Value = 1000 },
        ["detained: more than 748"] = new() { Qualifier = Qualifier.MoreThan, Kind = FigureKind.Count, Value = 748 },
        ["phone calls: more than once"] =
            new() { Qualifier = Qualifier.MoreThan, Kind = FigureKind.Count, Value = 1 },
        ["CSTO founded: in 2002"] = new()
        {
            Qualifier = Qualifier.Range, Kind = FigureKind.Date, Low = Day("2002-01-01"), High = Day("2002-12-31"),
        },
        ["killed: dozens"] = new()
        {
            Qualifier = Qualifier.Vague, Kind = FigureKind.Count, Term = "عشرات", CanonicalTerm = "dozens",
        },
        ["withdrawal: by the 23rd"] = new()
        {
            Qualifier = Qualifier.AtMost, Kind = FigureKind.Date, Value = Day("2022-01-23"),
            Relative = new RelativeDate("في غضون 10 أيام", new DateOnly(2022, 1, 13), 10),
        },
    };

    private static Estimate Reconciled(string claim) => Reconciler.Reconcile(
        [new ReconcilableClaim("c1", "outlet", Reported[claim], January13, January13, 1)], cumulative: false).Estimate;

    [Theory]
    [InlineData("protesters injured: more than 1,000", "more than 1,000", "1001|1,001|1.001")]
    [InlineData("detained: more than 748", "more than 748", "749")]
    [InlineData("phone calls: more than once", "more than 1", "2")]
    [InlineData("CSTO founded: in 2002", "in 2002", "July|2 July|يوليو|Temmuz|2002-07-02")]
    public void Given_a_claim_whose_best_no_source_gave_when_worded_then_no_language_shows_that_point(
        string claim, string english, string madeUp)
    {
        var estimate = Reconciled(claim);
        var kind = Reported[claim].Kind;

        Assert.False(estimate.Reading!.BestStated);
        Assert.Equal(english, Wording.Of(estimate.Reading, kind, "en"));
        foreach (var language in Wording.Languages)
        {
            var wording = Wording.Of(estimate.Reading, kind, language);
            Assert.All(madeUp.Split('|'), point => Assert.DoesNotContain(point, wording));
        }
    }

    [Fact]
    public void Given_dozens_killed_when_worded_then_best_20_shows_as_the_bottom_of_the_vague_range()
    {
        var estimate = Reconciled("killed: dozens");

        Assert.Equal(20, estimate.Best);
        Assert.Equal("dozens (20–99)", Wording.Of(estimate.Reading!, FigureKind.Count, "en"));
        Assert.Equal("عشرات (20–99)", Wording.Of(estimate.Reading!, FigureKind.Count, "ar"));
        Assert.Equal("onlarca (20–99)", Wording.Of(estimate.Reading!, FigureKind.Count, "tr"));
    }

    [Fact]
    public void Given_the_withdrawal_within_10_days_of_the_13th_when_worded_then_it_is_an_upper_bound_not_a_date()
    {
        var estimate = Reconciled("withdrawal: by the 23rd");

        Assert.Equal("by 23 January 2022", Wording.Of(estimate.Reading!, FigureKind.Date, "en"));
        Assert.Equal("بحلول 23 يناير 2022", Wording.Of(estimate.Reading!, FigureKind.Date, "ar"));
        Assert.Equal("23 Ocak 2022'ye kadar", Wording.Of(estimate.Reading!, FigureKind.Date, "tr"));
    }

    [Theory]
    [InlineData(0L, "sıfır")]
    [InlineData(3L, "üç")]
    [InlineData(40L, "kırk")]
    [InlineData(748L, "sekiz")]
    [InlineData(1000L, "bin")]
    [InlineData(1010L, "on")]
    [InlineData(1100L, "yüz")]
    [InlineData(2022L, "iki")]
    [InlineData(60L, "altmış")]
    [InlineData(1_000_000L, "milyon")]
    [InlineData(2_500_000L, "bin")]
    [InlineData(3_000_000_000L, "milyar")]
    [InlineData(1_000_000_000_000L, "trilyon")]
    public void Given_a_number_then_its_last_spoken_turkish_word_is_found(long number, string word) =>
        Assert.Equal(word, TurkishSuffixes.LastSpokenWord(number));

    [Theory]
    [InlineData(1L, TurkishCase.Ablative, "'den")] // bir
    [InlineData(2L, TurkishCase.Dative, "'ye")] // iki: a vowel takes the buffer y
    [InlineData(3L, TurkishCase.Ablative, "'ten")] // üç: voiceless
    [InlineData(3L, TurkishCase.Dative, "'e")]
    [InlineData(4L, TurkishCase.Locative, "'te")] // dört
    [InlineData(5L, TurkishCase.Ablative, "'ten")] // beş
    [InlineData(6L, TurkishCase.Dative, "'ya")] // altı: back vowel
    [InlineData(7L, TurkishCase.Locative, "'de")] // yedi
    [InlineData(8L, TurkishCase.Dative, "'e")] // sekiz
    [InlineData(9L, TurkishCase.Ablative, "'dan")] // dokuz
    [InlineData(10L, TurkishCase.Ablative, "'dan")] // on
    [InlineData(10L, TurkishCase.Dative, "'a")]
    [InlineData(20L, TurkishCase.Locative, "'de")] // yirmi
    [InlineData(30L, TurkishCase.Ablative, "'dan")] // otuz
    [InlineData(40L, TurkishCase.Ablative, "'tan")] // kırk
    [InlineData(40L, TurkishCase.Dative, "'a")]
    [InlineData(50L, TurkishCase.Dative, "'ye")] // elli
    [InlineData(60L, TurkishCase.Locative, "'ta")] // altmış
    [InlineData(70L, TurkishCase.Ablative, "'ten")] // yetmiş
    [InlineData(80L, TurkishCase.Dative, "'e")] // seksen
    [InlineData(90L, TurkishCase.Locative, "'da")] // doksan
    [InlineData(100L, TurkishCase.Ablative, "'den")] // yüz
    [InlineData(748L, TurkishCase.Ablative, "'den")] // sekiz
    [InlineData(1000L, TurkishCase.Ablative, "'den")] // bin
    [InlineData(2022L, TurkishCase.Dative, "'ye")] // iki
    [InlineData(1_000_000L, TurkishCase.Ablative, "'dan")] // milyon
    [InlineData(2_000_000_000L, TurkishCase.Locative, "'da")] // milyar
    [InlineData(0L, TurkishCase.Ablative, "'dan")] // sıfır
    public void Given_a_number_and_a_case_then_the_turkish_suffix_follows_its_last_spoken_word(long number,
        TurkishCase @case, string suffix) =>
        Assert.Equal(suffix, TurkishSuffixes.Of(number, @case));

    [Theory]
    [InlineData("fr")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("en-GB")]
    public void Given_a_language_without_a_table_then_the_wording_is_english(string? language) =>
        Assert.Equal("more than 1,000", Wording.Of(Counts["more than 1000"], FigureKind.Count, language));

    [Theory]
    [InlineData("ar-SY", "أكثر من 1000")]
    [InlineData("TR", "1.000'den fazla")]
    [InlineData("tr_TR", "1.000'den fazla")]
    public void Given_a_regional_or_upper_case_language_tag_then_its_first_part_picks_the_table(string language,
        string expected) =>
        Assert.Equal(expected, Wording.Of(Counts["more than 1000"], FigureKind.Count, language));

    [Fact]
    public void Given_every_vague_term_then_each_language_words_it_with_a_word_that_reads_back_as_that_term()
    {
        foreach (var language in Wording.Languages)
        foreach (var term in VagueTerms.All)
        {
            var wording = Wording.Of(new Reading(Qualifier.Vague, term.Low, term.High, term.Canonical),
                FigureKind.Count, language);

            var word = wording[..wording.IndexOf(" (", StringComparison.Ordinal)];
            Assert.True(VagueTerms.TryFind(word, out var found) && found.Canonical == term.Canonical,
                $"{language}: {wording}");
        }
    }

    [Fact]
    public void Given_every_kind_in_every_language_then_a_wording_exists_with_no_placeholder_left()
    {
        foreach (var language in Wording.Languages)
        foreach (var kind in Enum.GetValues<Qualifier>())
        foreach (var conflicting in new[] { false, true })
        foreach (var figure in Enum.GetValues<FigureKind>())
        {
            var reading = new Reading(kind, 100, 200, "dozens", figure == FigureKind.Date ? DatePrecision.Day : null,
                From: new(Qualifier.Exact, 100, 100), To: new(Qualifier.AtLeast, 200), Conflicting: conflicting);

            var wording = Wording.Of(reading, figure, language);

            Assert.False(string.IsNullOrWhiteSpace(wording));
            Assert.DoesNotContain("{", wording);
            Assert.DoesNotContain("…", wording);
        }
    }
}
