using FactLedger.Domain.Dependence;

namespace FactLedger.Domain.Tests.Dependence;

/// <summary>Copy markers: given a text in a language, when its credits are read, then the agencies it credits, by
/// canonical name, and how.</summary>
public class CopyMarkerTests
{
    private static readonly DateTimeOffset Friday = new(2022, 1, 7, 12, 0, 0, TimeSpan.Zero);

    private static SourceText Source(string language, string text, string? outlet = "Some Outlet") =>
        new("site-1", language, Friday, outlet, text);

    private static CopyMarkerEvidence Credit(string language, string text) =>
        Assert.Single(CopyMarkers.Find(Source(language, text)));

    [Theory]
    [InlineData("MOSCOW, Jan 7 (Reuters) - Russian paratroopers landed in Almaty.", "Reuters",
        "MOSCOW, Jan 7 (Reuters) -")]
    [InlineData("WASHINGTON (AP) — The State Department said on Friday it was watching closely.", "Associated Press",
        "WASHINGTON (AP) —")]
    public void Given_an_english_dateline_then_the_agency_is_credited_by_its_dateline(
        string text, string agency, string span)
    {
        var marker = Credit("en", text);
        Assert.Equal((agency, MarkerKind.Dateline, span), (marker.Agency, marker.Marker, marker.Span.Text));
        Assert.Equal(0, marker.Span.Offset);
    }

    [Theory]
    [InlineData("Police fired stun grenades at the crowd, Reuters reported.", "Reuters", "Reuters reported")]
    [InlineData("Sixteen police officers were killed, the ministry said. (AP)", "Associated Press", "(AP)")]
    [InlineData("Troops were deployed overnight, according to Sputnik.", "Sputnik", "according to Sputnik")]
    [InlineData("The ministry statement was quoted by TASS on Friday.", "TASS", "quoted by TASS")]
    [InlineData("The president told Agence France-Presse he would not resign.", "AFP", "told Agence France-Presse")]
    public void Given_an_english_credit_then_the_agency_is_credited(string text, string agency, string span)
    {
        var marker = Credit("en", text);
        Assert.Equal((agency, MarkerKind.Credit, span), (marker.Agency, marker.Marker, marker.Span.Text));
    }

    [Theory]
    [InlineData("Photographs distributed by AFP showed burned cars.", "AFP")]
    [InlineData("Chinese state media outlet Xinhua carried the statement in full.", "Xinhua")]
    [InlineData("The figure was first given by TASS.", "TASS")]
    public void Given_a_distinctive_agency_name_alone_then_it_is_a_mention(string text, string agency)
    {
        var marker = Credit("en", text);
        Assert.Equal((agency, MarkerKind.Mention), (marker.Agency, marker.Marker));
        Assert.True(marker.Strength() < new CopyMarkerEvidence(agency, MarkerKind.Credit, marker.Span, 1).Strength());
    }

    [Theory]
    [InlineData("ANKARA (AA) - Dışişleri Bakanlığı, Kazakistan'daki gelişmeleri yakından izlediğini bildirdi.",
        "Anadolu Agency", MarkerKind.Dateline, "ANKARA (AA) -")]
    [InlineData("AA'ya göre olaylarda 164 kişi hayatını kaybetti.", "Anadolu Agency", MarkerKind.Credit,
        "AA'ya göre")]
    [InlineData("Anadolu Ajansı'nın haberine göre gözaltı sayısı arttı.", "Anadolu Agency", MarkerKind.Credit,
        "Anadolu Ajansı'nın haberine göre")]
    [InlineData("Sputnik’e göre Rus askerleri Almatı'ya ulaştı.", "Sputnik", MarkerKind.Credit,
        "Sputnik’e göre")]
    [InlineData("Almatı'da çatışmalar sürüyor. (İHA)", "İhlas News Agency", MarkerKind.Credit, "(İHA)")]
    [InlineData("DHA muhabiri bölgedeki son durumu aktardı.", "Demirören News Agency", MarkerKind.Credit,
        "DHA muhabiri")]
    [InlineData("Reuters'a konuşan bir yetkili, sayının artabileceğini söyledi.", "Reuters", MarkerKind.Credit,
        "Reuters'a konuşan")]
    public void Given_a_turkish_credit_or_dateline_then_the_agency_is_credited(
        string text, string agency, MarkerKind kind, string span)
    {
        var marker = Credit("tr", text);
        Assert.Equal((agency, kind, span), (marker.Agency, marker.Marker, marker.Span.Text));
    }

    [Theory]
    [InlineData("Anadolu Ajansı fotoğrafları yanan araçları gösteriyor.", "Anadolu Agency")]
    [InlineData("Olay yerindeki görüntüler DHA tarafından servis edildi.", "Demirören News Agency")]
    [InlineData("Xinhua da açıklamayı aynen yayımladı.", "Xinhua")]
    public void Given_a_distinctive_turkish_agency_name_alone_then_it_is_a_mention(string text, string agency)
    {
        var marker = Credit("tr", text);
        Assert.Equal((agency, MarkerKind.Mention), (marker.Agency, marker.Marker));
    }

    [Fact]
    public void Given_reuters_named_alone_in_arabic_then_it_is_a_mention()
    {
        var marker = Credit("ar", "وأظهرت لقطات رويترز حرائق في المدينة.");
        Assert.Equal(("Reuters", MarkerKind.Mention, "رويترز"), (marker.Agency, marker.Marker, marker.Span.Text));
    }

    [Fact]
    public void Given_a_turkish_text_about_drones_then_iha_alone_is_not_an_agency()
    {
        // İHA is also "insansız hava aracı", a drone: only a credit makes it the agency.
        Assert.Empty(CopyMarkers.Find(Source("tr", "Bölgede bir İHA ile keşif uçuşu yapıldı.")));
    }

    [Theory]
    [InlineData("Reuters", MarkerKind.Dateline,
        "موسكو (رويترز) - قالت وزارة الدفاع إن قواتها وصلت.")]
    [InlineData("Sputnik", MarkerKind.Dateline,
        "(پاکستان پوائنٹ نیوز / سبوتنيك - 13 كانون الثاني 2022ء) "
        + "بحث الرئيس الروسي الأحداث.")]
    [InlineData("Sputnik", MarkerKind.Credit, "قتل 164 شخصا نقلا عن وكالة سبوتنيك.")]
    [InlineData("AFP", MarkerKind.Credit,
        "وذكرت وكالة الأنباء الفرنسية أن الجيش انتشر.")]
    [InlineData("Anadolu Agency", MarkerKind.Credit,
        "وأفادت وكالة الأناضول للأنباء بأن الحدود أغلقت.")]
    [InlineData("Sputnik", MarkerKind.Credit,
        "وقال مسؤول لوكالة سبوتنيك إن الوضع مستقر.")]
    [InlineData("Reuters", MarkerKind.Credit,
        "وبحسب رويترز فإن عدد المعتقلين تجاوز خمسة آلاف.")]
    [InlineData("AFP", MarkerKind.Mention, "وأظهرت صور فرانس برس سيارات محترقة.")]
    public void Given_an_arabic_credit_or_dateline_then_the_agency_is_credited(
        string agency, MarkerKind kind, string text)
    {
        var marker = Credit("ar", text);
        Assert.Equal((agency, kind), (marker.Agency, marker.Marker));
        Assert.Equal(marker.Span.Text, text.Substring(marker.Span.Offset, marker.Span.Length));
    }

    [Fact]
    public void Given_an_arabic_credit_with_diacritics_and_tatweel_then_it_is_still_found_and_quoted_verbatim()
    {
        const string text = "قُتِل 164 شخصاً نقلاً عن وكـالة سبوتنيك.";
        var marker = Credit("ar", text);
        Assert.Equal(("Sputnik", "نقلاً عن وكـالة سبوتنيك"), (marker.Agency, marker.Span.Text));
    }

    [Fact]
    public void Given_a_credit_and_mentions_of_one_agency_then_one_evidence_with_the_strongest_and_a_count()
    {
        var marker = Credit("en", "ALMATY (Reuters) - Shops reopened. Reuters saw queues at banks; Reuters reported.");
        Assert.Equal((MarkerKind.Dateline, 3), (marker.Marker, marker.Occurrences));
    }

    [Fact]
    public void Given_a_text_crediting_no_agency_then_there_is_no_marker()
    {
        Assert.Empty(CopyMarkers.Find(Source("en", DependenceTexts.Independent)));
        Assert.Empty(CopyMarkers.Find(Source("ar", DependenceTexts.Arabic)));
        Assert.Empty(CopyMarkers.Find(Source("tr", DependenceTexts.Turkish)));
    }

    [Fact]
    public void Given_a_language_without_a_table_then_there_is_no_marker()
    {
        Assert.Empty(CopyMarkers.Find(Source("xx", "MOSCOW (Reuters) - A text in a language with no table.")));
    }

    [Theory]
    [InlineData("en", "MOSCOW, Jan 7 (Reuters) - Russia said its troops had landed.", "Reuters")]
    [InlineData("en", "MOSCOW, Jan 7 (Reuters) - Russia said its troops had landed.", "REUTERS ")]
    [InlineData("tr", "ANKARA (AA) - Bakanlık açıklama yaptı. Anadolu Ajansı'na göre sayı arttı.",
        "Anadolu Ajansı")]
    [InlineData("tr", "ANKARA (AA) - Bakanlık açıklama yaptı.", "AA")]
    [InlineData("en", "PARIS (AFP) - The foreign ministry said it was concerned.", "Agence France-Presse")]
    [InlineData("ar", "وقالت وكالة سبوتنيك إن القوات وصلت.", "سبوتنيك عربي")]
    public void Given_an_outlet_crediting_itself_by_any_of_its_names_then_it_is_not_a_dependence(
        string language, string text, string outlet)
    {
        Assert.Empty(CopyMarkers.Find(Source(language, text, outlet)));
        Assert.Empty(DependenceSuggester.Suggest([Source(language, text, outlet)], []));
    }

    [Fact]
    public void Given_a_text_crediting_an_agency_then_the_suggestion_depends_on_the_agency_with_a_stable_id()
    {
        var source = Source("tr", "ANKARA (AA) - Kazakistan'da 164 kişi hayatını kaybetti.");

        var suggestion = Assert.Single(DependenceSuggester.Suggest([source], []));

        Assert.Equal(("site-1", "Anadolu Agency", DependsOnKind.Agency, "dep.site-1.agency.anadolu-agency"),
            (suggestion.Source, suggestion.DependsOn, suggestion.Kind, suggestion.Id));
        Assert.Equal(0.9, suggestion.Score);
        Assert.Equal(suggestion.Id, Assert.Single(DependenceSuggester.Suggest([source], [])).Id);
    }
}
