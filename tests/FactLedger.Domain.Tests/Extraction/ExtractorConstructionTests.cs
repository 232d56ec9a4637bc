using FactLedger.Domain.Extraction;

namespace FactLedger.Domain.Tests.Extraction;

/// <summary>One test per construction of news copy that extractor version 2 reads (sentences written for these
/// tests): number grammar, qualifiers of exceeding, projection and coordination, the trapped/buried/critical/damaged
/// measures, and dates by month part, by cue, by weekday tense and by offset from a day the story names. Published
/// Friday 7 January 2022 unless a test says otherwise.</summary>
public class ExtractorConstructionTests
{
    private static readonly DateTimeOffset Friday = new(2022, 1, 7, 12, 0, 0, TimeSpan.FromHours(3));
    private static readonly DateTimeOffset JuneFriday = new(2022, 6, 10, 12, 0, 0, TimeSpan.FromHours(3));

    private static IReadOnlyList<string> Described(string language, string text, DateTimeOffset? published = null) =>
        Extractor.Extract(new ExtractionInput(text, language, published ?? Friday))
            .Select(f => $"{ExtractionEvaluation.Describe(f.Value)} / {f.Measure}").ToList();

    // A relative date is described with its words: compare the value part only.
    private static bool Same(string described, string expected)
    {
        var (value, measure) = (expected.Split(" / ")[0], expected.Split(" / ")[1]);
        var parts = described.Split(" / ");
        return parts[1] == measure
            && (parts[0] == value || parts[0].StartsWith(value + " (", StringComparison.Ordinal));
    }

    private static void AssertFinds(string language, string text, string expected, DateTimeOffset? published = null)
    {
        var found = Described(language, text, published);
        Assert.True(found.Any(d => Same(d, expected)),
            $"expected {expected} in «{text}», found: [{string.Join("; ", found)}]");
    }

    // ----- number grammar -----

    [Theory]
    [InlineData("Depremde bin 250 bina yıkıldı.", "exact 1250 / destroyed")]
    [InlineData("Selde ölenlerin sayısı 4 bini aştı.", "more_than 4000 / killed")]
    [InlineData("Yetkililer ölü sayısının 12 ila 15 bine çıkabileceğini söyledi.",
        "range 12000..15000 / killed")]
    [InlineData("Enkazdan kurtarılanların sayısı 3 bin 45'e ulaştı.", "exact 3045 / rescued")]
    public void Turkish_numbers(string text, string expected) => AssertFinds("tr", text, expected);

    [Theory]
    [InlineData("وبلغ عدد القتلى 5 آلاف و312 قتيلاً في المحافظات الثلاث.",
        "exact 5312 / killed")]
    [InlineData("وأصيب 21 ألفاً و40 شخصاً في الزلزال.", "exact 21040 / injured")]
    [InlineData("لقي أكثر من ألفي شخص حتفهم في السيول.", "more_than 2000 / killed")]
    [InlineData("وأصيب أكثر من 1.750 شخصاً بجروح متفاوتة.", "more_than 1750 / injured")]
    [InlineData("ونزح نحو 1.5 مليون شخص من منازلهم.",
        "approximately 1500000 / displaced")]
    [InlineData("وسُجلت حالة وفاة واحدة في المدينة.", "exact 1 / killed")]
    [InlineData("فيما بلغ عدد المصابين 2031، بحسب الوزارة.", "exact 2031 / injured")]
    public void Arabic_numbers(string text, string expected) => AssertFinds("ar", text, expected);

    [Theory]
    [InlineData("At least 20 members of the security forces were killed, the ministry said.",
        "at_least 20 / killed")]
    [InlineData("The alliance has 6 member states.", "exact 6 / members")]
    public void What_is_counted_yields_to_what_happened(string text, string expected) =>
        AssertFinds("en", text, expected);

    [Fact]
    public void The_noun_right_after_the_number_is_who_is_counted()
    {
        var finding = Assert.Single(Extractor.Extract(new ExtractionInput(
            "Some 2,000 people were displaced from their homes, according to the Red Crescent.", "en", Friday)));
        Assert.Equal("people", finding.SubjectKey);
        Assert.Equal("displaced", finding.Measure);
    }

    [Fact]
    public void Arabic_decimal_stays_a_magnitude()
    {
        var found = Described("ar", "ضرب زلزال بقوة 6.3 درجات المنطقة وقتل 12 شخصاً.");
        Assert.DoesNotContain(found, d => d.StartsWith("exact 63", StringComparison.Ordinal));
        Assert.Contains("exact 12 / killed", found);
    }

    [Theory]
    [InlineData("Officials said between 5 and 7 million people were displaced.",
        "range 5000000..7000000 / displaced")]
    [InlineData("Twelve people are in critical condition.", "exact 12 / critical")]
    public void English_numbers(string text, string expected) => AssertFinds("en", text, expected);

    // ----- qualifiers -----

    [Theory]
    [InlineData("en", "The death toll passed 4,200 on Monday.", "more_than 4200 / killed")]
    [InlineData("en", "Officials warned the toll could reach 7,000.", "at_most 7000 / killed")]
    [InlineData("ar", "حصيلة القتلى تتجاوز 900 قتيل في الإقليم.",
        "more_than 900 / killed")]
    [InlineData("ar", "وحذرت الأمم المتحدة من أن عدد القتلى"
        + " قد يصل إلى 5000 قتيل.",
        "at_most 5000 / killed")]
    [InlineData("tr", "Ölü sayısının 500'e ulaşabileceği belirtildi.", "at_most 500 / killed")]
    public void Exceeding_and_projection(string language, string text, string expected) =>
        AssertFinds(language, text, expected);

    [Theory]
    [InlineData("ar", "وقُتل ما لا يقل عن 12 طفلاً و4 نساء في القصف.",
        "at_least 4 / killed")]
    [InlineData("en", "At least 12 children and 4 women were killed in the shelling.", "at_least 4 / killed")]
    [InlineData("tr", "Saldırıda en az 12 çocuk ve 4 kadın öldü.", "at_least 4 / killed")]
    public void Qualifier_governs_coordinated_numbers(string language, string text, string expected) =>
        AssertFinds(language, text, expected);

    [Theory]
    [InlineData("At least 12 people were killed and another 4 are missing.", "exact 4 / missing")]
    [InlineData("At least 20 people were killed and 50 injured in the blast.", "exact 50 / injured")]
    public void Qualifier_does_not_cross_a_verb_or_another(string text, string expected) =>
        AssertFinds("en", text, expected);

    // ----- measures -----

    [Theory]
    [InlineData("en", "At least 40 people remain trapped under collapsed buildings.", "at_least 40 / trapped")]
    [InlineData("en", "Authorities said 230 victims had been buried in mass graves.", "exact 230 / buried")]
    [InlineData("en", "More than 3,000 buildings were damaged.", "more_than 3000 / damaged")]
    [InlineData("en", "More than 500 people have been pulled from the debris alive.", "more_than 500 / rescued")]
    [InlineData("tr", "Enkaz altında 85 kişi mahsur kaldı.", "exact 85 / trapped")]
    [InlineData("tr", "Kentte 1200 kişi toprağa verildi.", "exact 1200 / buried")]
    [InlineData("tr", "Hastanede 9 kişi yoğun bakımda tedavi görüyor.", "exact 9 / critical")]
    [InlineData("tr", "Bölgede 3 bin 200 kişiden haber alınamıyor.", "exact 3200 / missing")]
    [InlineData("tr", "Bakan, madende 12 şehidimiz var dedi.", "exact 12 / killed")]
    [InlineData("ar", "ولا يزال نحو 300 شخص تحت الأنقاض.", "approximately 300 / trapped")]
    [InlineData("ar", "وتصدع أكثر من 600 مبنى في المدينة.", "more_than 600 / damaged")]
    [InlineData("ar", "وارتفع عدد المباني المنهارة إلى 320.", "exact 320 / destroyed")]
    [InlineData("ar", "وأصيب 200 شخص بينهم 45 شخصاً في حالة حرجة.", "exact 45 / critical")]
    [InlineData("ar", "لقي 17 شخصاً مصرعهم في الحادث.", "exact 17 / killed")]
    [InlineData("en", "Hundreds of people are still missing.", "vague hundreds / missing")]
    [InlineData("en", "Tens of thousands of people remain under the rubble.", "vague tens_of_thousands / trapped")]
    [InlineData("ar", "ولا تزال مئات العائلات تحت الأنقاض.", "vague hundreds / trapped")]
    [InlineData("tr", "Binlerce kişiden haber alınamıyor.", "vague thousands / missing")]
    public void Measures(string language, string text, string expected) => AssertFinds(language, text, expected);

    // ----- dates -----

    [Theory]
    [InlineData("en", "The protests have continued since mid-December.", "range 2021-12-11..2021-12-20 / start")]
    [InlineData("en", "Demonstrators have occupied the square since early November.",
        "range 2021-11-01..2021-11-10 / start")]
    [InlineData("en", "Supporters have camped outside the court since October.",
        "range 2021-10-01..2021-10-31 / start")]
    [InlineData("ar", "وتتواصل الاحتجاجات منذ منتصف ديسمبر/كانون الأول.",
        "range 2021-12-11..2021-12-20 / start")]
    [InlineData("tr", "Aralık ortasından bu yana süren protestolar devam ediyor.",
        "range 2021-12-11..2021-12-20 / start")]
    public void Month_parts_and_months_after_a_cue(string language, string text, string expected) =>
        AssertFinds(language, text, expected);

    [Fact]
    public void Capitalised_May_is_a_month_and_may_is_not()
    {
        AssertFinds("en", "Talks have stalled since May 3, when the ceasefire collapsed.",
            "exact 2022-05-03 / occurred", JuneFriday);
        Assert.DoesNotContain(Described("en", "Rescuers may 3 times a day reach the villages.", JuneFriday),
            d => d.Contains("2022-", StringComparison.Ordinal));
    }

    [Fact]
    public void Weekday_after_a_future_marker_is_ahead() =>
        AssertFinds("en", "The prime minister will resign on Tuesday, his office said.",
            "exact 2022-01-11 / resigned");

    [Theory]
    [InlineData("en", "Heavy rain on Thursday hampered rescue work, two days after the earthquake.",
        "exact 2022-01-04 / occurred")]
    [InlineData("ar", "وتوفي في 20 ديسمبر، بعد خمسة أيام من اعتقاله.",
        "exact 2021-12-15 / occurred")]
    public void Offset_from_a_day_the_story_names(string language, string text, string expected) =>
        AssertFinds(language, text, expected);

    [Fact]
    public void Deadline_is_an_end_at_most()
    {
        var found = Described("en", "Troops are racing to leave before the January 31 deadline.");
        Assert.Contains("at_most 2022-01-31 / end", found);
        Assert.DoesNotContain(found, d => d.StartsWith("exact 2022-01-31", StringComparison.Ordinal));
    }

    [Fact]
    public void Following_a_day_is_on_or_after_it() =>
        AssertFinds("ar", "وبدأت الاحتجاجات إثر الإعلان في 2 يناير"
            + " عن رفع الأسعار.",
            "at_least 2022-01-02 / start");

    [Theory]
    [InlineData("en", "Buildings were flattened by Wednesday's earthquake.", "exact 2022-01-05 / occurred")]
    [InlineData("en", "Residents heard explosions late on Sunday as the dam gave way.",
        "exact 2022-01-02 / occurred")]
    [InlineData("ar", "وضربت العاصفة المدينة أمس الخميس قبل أن تتجه شرقاً.",
        "exact 2022-01-06 / occurred")]
    [InlineData("ar", "وأعلنت الحكومة، في بيان صدر مساء أمس، حداداً وطنياً.",
        "exact 2022-01-06 / declared")]
    [InlineData("ar", "وكانت الوزارة قد تحدثت في تحديث سابق عن 40 قتيلاً"
        + " في اشتباكات اندلعت يوم الأربعاء.", "exact 2022-01-05 / start")]
    [InlineData("tr", "Gösteriler geçen cumartesi başladı.", "exact 2022-01-01 / start")]
    [InlineData("tr", "Hükümet önceki gün olağanüstü hal ilan etti.", "exact 2022-01-05 / declared")]
    public void Relative_days_tied_to_events(string language, string text, string expected) =>
        AssertFinds(language, text, expected);

    [Theory]
    [InlineData("en", "At least 1,200 people had been rescued as of Tuesday evening, he added.")]
    [InlineData("en", "At least 31 people were injured in the day's clashes.")]
    public void Count_stamps_and_the_days_events_are_no_dates(string language, string text) =>
        Assert.DoesNotContain(Described(language, text), d => d.Contains("2022-", StringComparison.Ordinal));

    [Theory]
    [InlineData("en", "The state offered Rs 5 lakh to the families of those killed.")]
    [InlineData("en", "More than 90,000 head of livestock have perished in the floods.")]
    [InlineData("ar", "ونفق نحو 4000 رأس من الماشية في السيول.")]
    [InlineData("tr", "Yaklaşık iki buçuk aydır süren protestolarda ölenler anıldı.")]
    public void Money_livestock_and_fractions_are_no_counts(string language, string text) =>
        Assert.Empty(Described(language, text));

    [Fact]
    public void Until_today_is_so_far_not_a_date() =>
        Assert.DoesNotContain(Described("tr", "Bugüne kadar 120 kişi gözaltına alındı."),
            d => d.Contains("2022-", StringComparison.Ordinal));
}
