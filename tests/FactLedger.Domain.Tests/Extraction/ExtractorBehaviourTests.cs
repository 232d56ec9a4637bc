using System.Diagnostics;
using System.Text;
using FactLedger.Domain.Extraction;
using FactLedger.Domain.Keys;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Tests.Extraction;

public class ExtractorBehaviourTests
{
    private static IReadOnlyList<Finding> Extract(string text, string language) =>
        ExtractorSentenceTests.Extract(text, language);

    [Fact]
    public void Given_one_sentence_with_two_figures_when_extracted_then_each_has_its_own_measure_in_text_order()
    {
        const string text = "وكان تقرير سابق أفاد عن مقتل 13 " +
            "وإصابة 353 في صفوف القوات الأمنية.";

        var findings = Extract(text, "ar");

        Assert.Equal(2, findings.Count);
        Assert.Equal((13L, "killed"), (findings[0].Value.Value!.Value, findings[0].Measure));
        Assert.Equal((353L, "injured"), (findings[1].Value.Value!.Value, findings[1].Measure));
        Assert.All(findings, f => Assert.Equal("security-forces", f.SubjectKey));
        Assert.Equal("353", text.Substring(findings[1].ValueOffset, findings[1].ValueLength));
    }

    [Fact]
    public void Given_an_arabic_attribution_after_the_figure_when_extracted_then_the_authority_is_quoted_verbatim()
    {
        const string text = "وأصيب أكثر من 748 في أعمال الشغب، " +
            "كما أفادت وزارة الداخلية الكازاخستانية.";

        var finding = Assert.Single(Extract(text, "ar"));

        Assert.Equal("وزارة الداخلية الكازاخستانية", finding.AttributedTo);
        Assert.Equal(Qualifier.MoreThan, finding.Value.Qualifier);
    }

    [Theory]
    [InlineData("en", "More than 5,000 people have died, according to the health ministry.", "the health ministry")]
    [InlineData("en", "At least 20 people were killed, police said.", "police")]
    [InlineData("en", "Twelve people were hurt, said the regional governor.", "the regional governor")]
    [InlineData("tr", "AFAD, depremde 1.541 kişinin hayatını kaybettiğini açıkladı.", "AFAD")]
    [InlineData("tr", "AFAD'a göre depremde 1.541 kişi hayatını kaybetti.", "AFAD")]
    [InlineData("ar", "وجرح أكثر من ألف، بحسب السلطات.", "السلطات")]
    [InlineData("ar", "قتل 20 شخصا، وفقا لفرانس برس.", "فرانس برس")]
    public void Given_an_attributed_figure_when_extracted_then_the_source_is_named(string language, string text,
        string source)
    {
        var finding = Assert.Single(Extract(text, language));

        Assert.Equal(source, finding.AttributedTo);
    }

    [Fact]
    public void Given_a_figure_without_attribution_when_extracted_then_it_is_less_confident_than_an_attributed_one()
    {
        var bare = Assert.Single(Extract("At least 20 people were killed.", "en"));
        var attributed = Assert.Single(Extract("At least 20 people were killed, police said.", "en"));

        Assert.Null(bare.AttributedTo);
        Assert.True(bare.Confidence < attributed.Confidence);
    }

    [Fact]
    public void Given_a_relative_date_when_extracted_then_it_keeps_its_words_and_is_resolved_against_publication()
    {
        var published = new DateTimeOffset(2022, 1, 11, 18, 0, 0, TimeSpan.FromHours(3));
        const string text = "ستبدأ قوات حفظ السلام انسحابها بعد يومين، " +
            "على أن تكتمل عملية الانسحاب في غضون 10 أيام.";

        var findings = ExtractorSentenceTests.Extract(text, "ar", published);

        var start = Assert.Single(findings, f => f.Measure == "start");
        Assert.Equal(new RelativeDate("بعد يومين", new DateOnly(2022, 1, 11), 2), start.Value.Relative);
        Assert.Equal(new DateOnly(2022, 1, 13).DayNumber, start.Value.Value);
        // "within 10 days" counts from the start the sentence stated: 13 January.
        var end = Assert.Single(findings, f => f.Measure == "end");
        Assert.Equal(Qualifier.AtMost, end.Value.Qualifier);
        Assert.Equal(new RelativeDate("في غضون 10 أيام", new DateOnly(2022, 1, 13), 10), end.Value.Relative);
        Assert.Equal(new DateOnly(2022, 1, 23).DayNumber, end.Value.Value);
    }

    [Fact]
    public void Given_today_named_with_its_weekday_when_extracted_then_it_is_the_publication_day()
    {
        var thursday = new DateTimeOffset(2022, 1, 13, 12, 0, 0, TimeSpan.FromHours(5));
        const string text = "أعلنت وزارة الدفاع الروسية، اليوم الخميس، " +
            "أن قوات حفظ السلام قد بدأت بتسليم المرافق.";

        var finding = Assert.Single(ExtractorSentenceTests.Extract(text, "ar", thursday));

        Assert.Equal("اليوم الخميس", finding.Value.Relative!.Expression);
        Assert.Equal(new DateOnly(2022, 1, 13).DayNumber, finding.Value.Value);
        Assert.Equal("وزارة الدفاع الروسية", finding.AttributedTo);
    }

    [Fact]
    public void Given_a_date_with_no_year_in_an_early_january_article_when_extracted_then_it_is_last_december()
    {
        var finding = Assert.Single(Extract("The clashes erupted on 28 December in the capital.", "en"));

        Assert.Equal(new DateOnly(2021, 12, 28).DayNumber, finding.Value.Value);
    }

    [Fact]
    public void Given_the_day_of_a_statement_when_extracted_then_it_is_not_proposed_as_an_event()
    {
        Assert.Empty(Extract("وكان رئيس كازاخستان أعلن، أمس الأربعاء، " +
            "خلال اجتماع، أن الوضع مستقر.", "ar"));
        Assert.Empty(Extract("The ministry said on Monday that talks would continue.", "en"));
    }

    [Fact]
    public void Given_an_unknown_language_when_extracted_then_every_table_is_used()
    {
        Assert.Single(Extract("At least 20 people were killed.", "fr"));
        Assert.Single(Extract("قتل 18 شخصا على الأقل", "xx"));
        Assert.Single(Extract("At least 20 people were killed.", "en-GB"));
    }

    [Fact]
    public void Given_the_same_input_twice_when_extracted_then_the_findings_are_equal()
    {
        const string text = "Depremde 1.541 kişi hayatını kaybetti, 9 bin 733 kişi yaralandı.";

        Assert.Equal(Extract(text, "tr"), Extract(text, "tr"));
    }

    [Fact]
    public void Given_hostile_inputs_when_extracted_then_nothing_throws_and_large_input_finishes_quickly()
    {
        var random = new Random(7);
        var noise = new StringBuilder();
        const string alphabet = "0123456789٠١٢٣٤٥٦٧٨٩,.'’:/-%$ \n\t\0\u200f\u202e\uFEFF" +
            "aébçğıİşقتلأصيب يناير Ocak";
        for (var i = 0; i < 100_000; i++) noise.Append(alphabet[random.Next(alphabet.Length)]);
        var inputs = new[]
        {
            "", " ", "\0\0\0", "\uD800", "\uDC00abc", "1", "'", "1'", "1.", "1,", "٬", "1.2.3.4.5.6.7.8.9.0",
            new string('9', 5000), string.Concat(Enumerable.Repeat("1,000,", 5000)),
            string.Concat(Enumerable.Repeat("more than ", 5000)) + "5 killed",
            string.Concat(Enumerable.Repeat("على الأقل ", 5000)),
            string.Concat(Enumerable.Repeat("killed 13 and ", 5000)),
            string.Concat(Enumerable.Repeat("between 1 and ", 5000)), noise.ToString(),
            string.Concat(Enumerable.Repeat("2 Ocak'ta başladı. ", 5000)),
            "قتل" + new string('\u0651', 10000) + " 18", new string('(', 50000) + "13 January",
        };
        var watch = Stopwatch.StartNew();
        foreach (var language in new[] { "en", "ar", "tr", "", "zz" })
            foreach (var text in inputs)
            {
                var findings = Extractor.Extract(new ExtractionInput(text, language, DateTimeOffset.UnixEpoch));
                Assert.All(findings, f => Assert.Equal(f.Quote, text.Substring(f.QuoteOffset, f.QuoteLength)));
            }
        Assert.Empty(Extractor.Extract(null!));
        Assert.Empty(Extractor.Extract(new ExtractionInput(null!, null!, DateTimeOffset.MaxValue)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }
}

public class FigureSuggesterTests
{
    private static readonly FigureSuggester.Candidate[] Figures =
    [
        new("kz.security-forces.killed", FigureKind.Count,
            new Dictionary<string, string>
            {
                ["en"] = "Security forces killed", ["ar"] = "قتلى قوات الأمن",
            }),
        new("kz.security-forces.injured", FigureKind.Count,
            new Dictionary<string, string>
            {
                ["en"] = "Security forces injured", ["ar"] = "مصابو قوات الأمن",
            }),
        new("kz.protesters.killed", FigureKind.Count,
            new Dictionary<string, string> { ["en"] = "Protesters killed", ["ar"] = "قتلى المتظاهرين" }),
        new("kz.all.detained", FigureKind.Count,
            new Dictionary<string, string> { ["en"] = "People detained", ["tr"] = "Gözaltına alınanlar" }),
        new("kz.government.resignation", FigureKind.Date,
            new Dictionary<string, string>
            {
                ["en"] = "Government resigned", ["ar"] = "استقالة الحكومة",
            }),
    ];

    private static Finding Find(string text, string language) =>
        Assert.Single(ExtractorSentenceTests.Extract(text, language));

    [Theory]
    [InlineData("ar", "قتل 18 فرداً من قوات الأمن على الأقل", "kz.security-forces.killed")]
    [InlineData("ar", "وأصيب أكثر من 748 من قوات الأمن", "kz.security-forces.injured")]
    [InlineData("ar", "قتل “عشرات” المتظاهرين", "kz.protesters.killed")]
    [InlineData("tr", "Olaylarla ilgili 1.000'den fazla kişi gözaltına alındı.", "kz.all.detained")]
    [InlineData("ar",
        "وفي 5 يناير، وافق الرئيس على استقالة الحكومة",
        "kz.government.resignation")]
    public void Given_a_finding_when_suggested_then_the_matching_figure_is_chosen(string language, string text,
        string expected)
    {
        Assert.Equal(expected, FigureSuggester.Suggest(Find(text, language), language, Figures));
    }

    [Fact]
    public void Given_no_figure_of_that_measure_when_suggested_then_none_is()
    {
        var evacuated = Find("Up to 2,000 residents were evacuated.", "en");

        Assert.Null(FigureSuggester.Suggest(evacuated, "en", Figures));
        Assert.Equal("kz.people.evacuated", FigureSuggester.NewFigureKey("kz", evacuated));
    }

    [Fact]
    public void Given_a_finding_without_subject_and_an_odd_story_when_keyed_then_the_key_is_valid()
    {
        var finding = Find("The death toll rose to 1,541.", "en");

        var key = FigureSuggester.NewFigureKey("Türkiye Quake 2023!", finding);

        Assert.Null(LedgerKeys.FigureKeyProblem(key));
        Assert.EndsWith(".all.killed", key);
    }
}
