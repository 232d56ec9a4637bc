using FactLedger.Domain.Extraction;

namespace FactLedger.Domain.Tests.Extraction;

/// <summary>Sentences in the style of news copy (written for these tests), each with the statement it must yield:
/// the value as <see cref="ExtractionEvaluation.Describe"/> words it and the measure. Published Friday
/// 7 January 2022 unless a test says otherwise.</summary>
public class ExtractorSentenceTests
{
    private static readonly DateTimeOffset Friday = new(2022, 1, 7, 12, 0, 0, TimeSpan.FromHours(3));

    internal static IReadOnlyList<Finding> Extract(string text, string language, DateTimeOffset? published = null) =>
        Extractor.Extract(new ExtractionInput(text, language, published ?? Friday));

    private static void AssertFinds(string language, string text, string value, string measure)
    {
        var findings = Extract(text, language);
        var described = findings.Select(f => $"{ExtractionEvaluation.Describe(f.Value)} / {f.Measure}").ToList();
        Assert.True(findings.Any(f => Same(ExtractionEvaluation.Describe(f.Value), value) && f.Measure == measure),
            $"expected {value} / {measure} in «{text}», found: [{string.Join("; ", described)}]");
        foreach (var f in findings)
        {
            Assert.Equal(f.Quote, text.Substring(f.QuoteOffset, f.QuoteLength));
            Assert.InRange(f.ValueOffset, f.QuoteOffset, f.QuoteOffset + f.QuoteLength);
            Assert.InRange(f.ValueOffset + f.ValueLength, f.ValueOffset, f.QuoteOffset + f.QuoteLength);
            Assert.InRange(f.Confidence, 0, 1);
        }
    }

    // A relative date is described with its words: compare the value part only.
    private static bool Same(string described, string expected) =>
        described == expected || described.StartsWith(expected + " (", StringComparison.Ordinal);

    [Theory]
    [InlineData("At least 20 people were killed and 50 injured when a bus plunged into a ravine, police said.",
        "at_least 20", "killed")]
    [InlineData("At least 20 people were killed and 50 injured when a bus plunged into a ravine, police said.",
        "exact 50", "injured")]
    [InlineData("The death toll from the earthquake rose to 1,541 on Tuesday, the disaster agency said.",
        "exact 1541", "killed")]
    [InlineData("More than 5,000 people have died, according to the health ministry.", "more_than 5000", "killed")]
    [InlineData("Nearly 300 protesters were detained in the capital overnight.", "approximately 300", "detained")]
    [InlineData("Dozens of civilians were wounded in the shelling of the town.", "vague dozens", "injured")]
    [InlineData("Between 10 and 15 soldiers are missing after the ambush.", "range 10..15", "missing")]
    [InlineData("Officials said about 1.5 million people had been displaced by the floods.",
        "approximately 1500000", "displaced")]
    [InlineData("Rescuers pulled twenty-five survivors from the rubble overnight.", "exact 25", "rescued")]
    [InlineData("Up to 2,000 residents were evacuated from villages near the volcano.", "at_most 2000",
        "evacuated")]
    [InlineData("Fewer than 100 people took part in the rally on Sunday.", "less_than 100", "participated")]
    [InlineData("Police arrested 2,298 people in connection with the riots, the interior ministry said.",
        "exact 2298", "detained")]
    [InlineData("The quake killed 13 and injured 353 in the province.", "exact 13", "killed")]
    [InlineData("The quake killed 13 and injured 353 in the province.", "exact 353", "injured")]
    [InlineData("Some 40 migrants drowned when their boat capsized off the coast.", "approximately 40", "killed")]
    [InlineData("The cholera outbreak has infected more than 1,200 people, WHO said.", "more_than 1200",
        "infected")]
    [InlineData("The protests began on January 2, 2022, in the west of the country.", "exact 2022-01-02", "start")]
    [InlineData("The state of emergency will remain in force until 19 January.", "exact 2022-01-19", "end")]
    [InlineData("The government resigned yesterday amid the unrest.", "exact 2022-01-06", "resigned")]
    [InlineData("Troops will start to withdraw in two days, the president told parliament.", "exact 2022-01-09",
        "start")]
    [InlineData("The withdrawal will be completed within 10 days.", "at_most 2022-01-17", "end")]
    [InlineData("The alliance was founded in 2002 by six former Soviet states.", "range 2002-01-01..2002-12-31",
        "founded")]
    [InlineData("On Wednesday, Tokayev asked the alliance for help.", "exact 2022-01-05", "requested")]
    [InlineData("The earthquake struck on Feb. 6 near the border.", "exact 2022-02-06", "occurred")]
    [InlineData("Some 380,000 people have taken refuge in government shelters, the minister said.",
        "approximately 380000", "displaced")]
    [InlineData("Police detained 45 protesters during the march, which drew about 5,000 people.",
        "approximately 5000", "participated")]
    public void English(string text, string value, string measure) => AssertFinds("en", text, value, measure);

    [Theory]
    [InlineData("قتل 18 فرداً من قوات الأمن في كازاخستان على الأقل",
        "at_least 18", "killed")]
    [InlineData("وأصيب أكثر من 748 شخصا في أعمال الشغب، بحسب وزارة الصحة",
        "more_than 748", "injured")]
    [InlineData("لقي نحو 300 شخص حتفهم في الفيضانات التي ضربت المنطقة",
        "approximately 300", "killed")]
    [InlineData("اعتقلت الشرطة ما لا يقل عن 50 متظاهرا في العاصمة",
        "at_least 50", "detained")]
    [InlineData("ارتفعت حصيلة ضحايا الزلزال إلى ١٬٥٤١ قتيلا",
        "exact 1541", "killed")]
    [InlineData("نزح عشرات الآلاف من السكان بسبب القتال",
        "vague tens_of_thousands", "displaced")]
    [InlineData("أجلت السلطات ما بين 200 و300 عائلة من القرى المجاورة",
        "range 200..300", "evacuated")]
    [InlineData("وأعلنت وزارة الداخلية توقيف 13 ألفاً من المشتبه بهم",
        "exact 13000", "detained")]
    [InlineData("وجرح عشرين شخصا في الانفجار", "exact 20", "injured")]
    [InlineData("قتل ثلاثة آلاف شخص خلال أسبوع من المعارك", "exact 3000", "killed")]
    [InlineData("قتل حوالي ١٥٠ مدنياً في القصف", "approximately 150", "killed")]
    [InlineData("وجرح أكثر من ألف، بحسب السلطات", "more_than 1000", "injured")]
    [InlineData("قتل “عشرات” المتظاهرين", "vague dozens", "killed")]
    [InlineData("أنقذت فرق الدفاع المدني 27 شخصا من تحت الأنقاض",
        "exact 27", "rescued")]
    [InlineData("ولا يزال 12 شخصا في عداد المفقودين", "exact 12", "missing")]
    [InlineData("فرضت الحكومة حالة الطوارئ في 5 يناير", "exact 2022-01-05", "declared")]
    [InlineData("اندلعت الاحتجاجات في 2 كانون الثاني/يناير في غرب البلاد",
        "exact 2022-01-02", "start")]
    [InlineData("ستبدأ القوات انسحابها بعد يومين", "exact 2022-01-09", "start")]
    [InlineData("على أن يكتمل الانسحاب في غضون 10 أيام", "at_most 2022-01-17", "end")]
    [InlineData("طلب الرئيس، الأربعاء، المساعدة من الحلفاء",
        "exact 2022-01-05", "requested")]
    [InlineData("فرض أمس حالة الطوارئ في منطقتين", "exact 2022-01-06", "declared")]
    [InlineData("ويوم الخامس من الشهر ذاته، أعلنت الحكومة استقالتها",
        "exact 2022-01-05", "resigned")]
    public void Arabic(string text, string value, string measure) => AssertFinds("ar", text, value, measure);

    [Theory]
    [InlineData("Depremde 1.541 kişi hayatını kaybetti, 9 bin 733 kişi yaralandı.", "exact 1541", "killed")]
    [InlineData("Depremde 1.541 kişi hayatını kaybetti, 9 bin 733 kişi yaralandı.", "exact 9733", "injured")]
    [InlineData("Depremlerde can kaybı 3 bin 432'ye yükseldi.", "exact 3432", "killed")]
    [InlineData("Çatışmalarda en az 18 güvenlik görevlisi öldü.", "at_least 18", "killed")]
    [InlineData("Olaylarla ilgili 1.000'den fazla kişi gözaltına alındı.", "more_than 1000", "detained")]
    [InlineData("Sel bölgesinden yaklaşık 500 kişi tahliye edildi.", "approximately 500", "evacuated")]
    [InlineData("Patlamada onlarca kişi yaralandı.", "vague dozens", "injured")]
    [InlineData("Saldırının ardından yirmi iki asker kayıp olarak bildirildi.", "exact 22", "missing")]
    [InlineData("Ekipler enkazdan 284 kişiyi sağ kurtardı.", "exact 284", "rescued")]
    [InlineData("Sel nedeniyle 2 bin kişi evsiz kaldı.", "exact 2000", "displaced")]
    [InlineData("Yangında 120'yi aşkın ev yıkıldı.", "more_than 120", "destroyed")]
    [InlineData("Kayıp kişi sayısının 10 ile 15 arasında olduğu belirtildi.", "range 10..15", "missing")]
    [InlineData("Putin ile Tokayev arasında birden fazla görüşme gerçekleşti.", "more_than 1", "calls")]
    [InlineData("AFAD, depremde 1.541 kişinin hayatını kaybettiğini açıkladı.", "exact 1541", "killed")]
    [InlineData("Protestolar 2 Ocak'ta başladı.", "exact 2022-01-02", "start")]
    [InlineData("Olağanüstü hal 19 Ocak'a kadar sürecek.", "exact 2022-01-19", "end")]
    [InlineData("KGAÖ, 2002'de kuruldu.", "range 2002-01-01..2002-12-31", "founded")]
    [InlineData("Hükümet dün istifa etti.", "exact 2022-01-06", "resigned")]
    [InlineData("Barış gücü iki gün sonra çekilmeye başlayacak.", "exact 2022-01-09", "start")]
    [InlineData("Çekilme 10 gün içinde tamamlanacak.", "at_most 2022-01-17", "end")]
    [InlineData("Depremlerde hayatını kaybedenlerin sayısı 8 bin 574'e yükseldi.", "exact 8574", "killed")]
    [InlineData("Enkaz altından 8 bin 294 kişi kurtarıldı.", "exact 8294", "rescued")]
    [InlineData("Bölgede 6 bin 444 bina yıkıldı.", "exact 6444", "destroyed")]
    public void Turkish(string text, string value, string measure) => AssertFinds("tr", text, value, measure);

    [Theory]
    [InlineData("en", "A 45-year-old man was among those questioned.")]
    [InlineData("en", "Inflation reached 36 percent in December.")]
    [InlineData("en", "Published 07 January 2022 17:16")]
    [InlineData("en", "The ministry set aside $500 million for reconstruction.")]
    [InlineData("en", "The 300 km pipeline runs through 12 provinces.")]
    [InlineData("en", "See https://example.com/news/2022/01/07/story-12345 for details.")]
    [InlineData("en", "COVID-19 and the F-16 deal were discussed at 10:30.")]
    [InlineData("en", "ANKARA, Feb 8 (Reuters) - Talks continued.")]
    [InlineData("en", "Roughly one in seven residents were affected.")]
    [InlineData("tr", "Enkaz altından çıkarılan yaralılar hastaneye kaldırıldı.")]
    [InlineData("tr", "Yeni bina yıkıldı.")]
    [InlineData("ar", "بلغت نسبة المشاركة 40 بالمئة")]
    [InlineData("ar", "يبلغ من العمر 45 عاما")]
    [InlineData("ar", "(سبوتنيك - 13 كانون الثاني 2022ء) بحث الرئيسان الوضع")]
    [InlineData("tr", "07 Ocak 2022 17:16")]
    [InlineData("tr", "7.7 büyüklüğünde deprem bölgeyi sarstı.")]
    [InlineData("tr", "Enflasyon yüzde 36 oldu.")]
    [InlineData("tr", "45 yaşındaki adam gözaltına alındı.")]
    [InlineData("tr", "putin-kgao-liderleriyle-2022-gorustu")]
    public void No_figure_is_proposed_for_numbers_that_are_not_figures(string language, string text)
    {
        var findings = Extract(text, language);
        Assert.True(findings.Count == 0, $"«{text}» gave: " +
            string.Join("; ", findings.Select(f => $"{ExtractionEvaluation.Describe(f.Value)} {f.Measure}")));
    }
}
