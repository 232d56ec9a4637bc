namespace FactLedger.Domain.Tests.Dependence;

/// <summary>Texts written for these tests: one wire story, copies of it, and an independent report of the same
/// event with the same figures and the phrases any report of it uses.</summary>
internal static class DependenceTexts
{
    /// <summary>The wire story: its figures stated without naming anyone.</summary>
    public const string Wire =
        "At least 164 people have been killed in a week of unrest in Kazakhstan, state television said on Sunday. "
        + "The toll, far higher than earlier reports, includes 103 deaths in Almaty, the country's largest city, "
        + "where protesters stormed and set fire to government buildings. More than 5,800 people have been "
        + "detained, the presidential office said after a meeting of the crisis committee. President "
        + "Kassym-Jomart Tokayev has blamed the violence on bandits and terrorists trained abroad and said he had "
        + "ordered troops to open fire without warning. Troops from a Russian-led military alliance arrived in the "
        + "country last week at his request and are guarding strategic sites. The unrest began with peaceful "
        + "demonstrations against a sharp rise in the price of liquefied petroleum gas in the western oil region "
        + "of Mangystau before spreading across the country. Internet access was partly restored in Almaty on "
        + "Saturday after a nationwide blackout, and shops began to reopen as residents queued for bread and "
        + "fuel. The city's airport, seized by protesters on Wednesday, remained closed to commercial flights.";

    /// <summary>The wire story rewritten at the top: a new lede, the rest as sent.</summary>
    public static readonly string WireWithNewLede =
        "Kazakhstan's authorities said on Sunday that the unrest had claimed 164 lives, a sharp jump from the "
        + "tolls given earlier in the week, with most of the dead in the commercial capital. "
        + Wire[Wire.IndexOf("Almaty, the country's", StringComparison.Ordinal)..];

    /// <summary>The wire story lightly edited by one copy desk.</summary>
    public static readonly string WireEditedOnce = Wire
        .Replace("said on Sunday", "said Sunday")
        .Replace("the country's largest city", "the country's biggest city")
        .Replace("a sharp rise", "a steep rise")
        .Replace("arrived in the country last week", "arrived last week")
        .Replace(" The city's airport, seized by protesters on Wednesday, remained closed to commercial flights.",
            "");

    /// <summary>The wire story lightly edited by another copy desk, with a headline.</summary>
    public static readonly string WireEditedTwice = "Kazakhstan toll climbs to 164\n\n" + Wire
        .Replace("stormed and set fire to", "stormed and torched")
        .Replace("bandits and terrorists trained abroad", "foreign-trained terrorists")
        .Replace("residents queued for", "residents lined up for")
        .Replace("of Mangystau", "of Mangistau");

    /// <summary>Another outlet's own report of the same event: same figures, common phrases, a shared statement.
    /// </summary>
    public const string Independent =
        "The death toll from the violence in Kazakhstan rose to 164, state television said on Sunday, as soldiers "
        + "patrolled the streets of Almaty and residents ventured out to assess the damage. In the city centre, "
        + "burned-out cars still lined the square in front of the mayor's office, whose blackened facade was "
        + "cordoned off by police. Several residents said they had heard gunfire through Thursday night and had "
        + "not dared to leave their flats. Officials said 5,800 people had been detained. Mr Tokayev, who called "
        + "in troops from a Russian-led alliance, told the nation in a televised address that he had ordered "
        + "troops to open fire without warning, a statement that alarmed rights groups. Shopkeepers said "
        + "supplies of bread and fuel were running short and that many cash machines were empty after the "
        + "internet blackout cut off card payments for days. The protests started in the west of the country over "
        + "the price of liquefied petroleum gas, which had doubled at the start of the year, but analysts say they "
        + "also reflect deep frustration with inequality and with the lingering influence of former president "
        + "Nursultan Nazarbayev.";

    public const string Turkish =
        "Kazakistan İçişleri Bakanlığı, ülkede bir haftadır süren olaylarda hayatını kaybedenlerin "
        + "sayısının 164'e yükseldiğini açıkladı. Açıklamada, gözaltına alınanların sayısının 5 bin "
        + "800'ü aştığı belirtildi. Almatı'da hükümet binalarının ateşe verildiği olayların ardından "
        + "şehirde sokağa çıkma yasağı ilan edildi. Cumhurbaşkanı Kasım Cömert Tokayev, güvenlik "
        + "güçlerine uyarı yapmadan ateş açma talimatı verdiğini söyledi. Rusya öncülüğündeki ittifakın "
        + "askerleri, Tokayev'in çağrısı üzerine ülkeye ulaştı ve stratejik tesisleri koruma altına aldı.";

    /// <summary>The Turkish text as another site ran it: lede in capitals (İ and I), typographic apostrophes.
    /// </summary>
    public const string TurkishCopy =
        "KAZAKİSTAN İÇİŞLERİ BAKANLIĞI, ÜLKEDE BİR HAFTADIR SÜREN OLAYLARDA HAYATINI KAYBEDENLERİN "
        + "SAYISININ 164’E YÜKSELDİĞİNİ AÇIKLADI. Açıklamada, gözaltına alınanların sayısının 5 bin "
        + "800’ü aştığı belirtildi. Almatı’da hükümet binalarının ateşe verildiği olayların ardından "
        + "şehirde sokağa çıkma yasağı ilan edildi. Cumhurbaşkanı Kasım Cömert Tokayev, güvenlik "
        + "güçlerine uyarı yapmadan ateş açma talimatı verdiğini söyledi. Rusya öncülüğündeki ittifakın "
        + "askerleri, Tokayev’in çağrısı üzerine ülkeye ulaştı ve stratejik tesisleri koruma altına aldı.";

    public const string Arabic =
        "أعلنت وزارة الداخلية في كازاخستان أن عدد قتلى أعمال الشغب "
        + "التي شهدتها البلاد خلال أسبوع ارتفع إلى 164 شخصا، بينهم 103 في "
        + "مدينة ألماتي. وأضافت الوزارة أن أكثر من خمسة آلاف وثمانمئة "
        + "شخص اعتقلوا، فيما أعلن الرئيس قاسم جومارت توكاييف أنه أمر "
        + "القوات بإطلاق النار دون سابق إنذار على من وصفهم "
        + "بالإرهابيين. ووصلت قوات من تحالف تقوده روسيا إلى البلاد "
        + "بطلب من الرئيس لحماية المنشآت الاستراتيجية.";

    /// <summary>The Arabic text as another site ran it: diacritics, tatweel, bare alefs, Arabic-Indic digits.
    /// </summary>
    public const string ArabicCopy =
        "اَعلَنَت وزارةُ الداخليـــة في كازاخستان ان عددَ قتلى "
        + "أعمال الشغب التي شهدتها البلاد خلال اسبوع ارتفع الى ١٦٤ "
        + "شخصاً، بينهم ١٠٣ في مدينة الماتي. وأضافت الوزارة أن اكثر من "
        + "خمسة آلاف وثمانمئة شخص اعتُقِلوا، فيما أعلن الرئيس قاسم "
        + "جومارت توكاييف أنه أمر القوات بإطلاق النار دون سابق إنذار "
        + "على من وصفهم بالإرهابيين. ووصلت قوات من تحالف تقوده روسيا "
        + "إلى البلاد بطلب من الرئيس لحماية المنشـآت الاستراتيجية.";
}
