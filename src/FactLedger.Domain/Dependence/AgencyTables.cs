namespace FactLedger.Domain.Dependence;

/// <summary>An agency's names as one language writes them; <see cref="StandAlone"/> those distinctive enough to
/// mark a copy by themselves ("AFP", but not "AA", and not "İHA", which in Turkish is also a drone).</summary>
public sealed record AgencyNames(string Agency, IReadOnlyList<string> Names, IReadOnlyList<string> StandAlone);

/// <summary>A credit pattern: a .NET regular expression in which <c>{agency}</c> stands for any of the language's
/// agency names (for <see cref="MarkerKind.Mention"/>: its stand-alone names). Credits and mentions match case-
/// insensitively; a dateline's own letters keep their case (its place name is upper case).</summary>
public sealed record CreditPattern(MarkerKind Kind, string Pattern);

/// <summary>How one language's texts credit agencies.</summary>
public sealed record LanguageMarkers(
    string Language, IReadOnlyList<AgencyNames> Agencies, IReadOnlyList<CreditPattern> Patterns);

/// <summary>
/// The copy-marker tables: data, not code. Names and patterns are folded like the texts before matching (Arabic
/// hamza forms and diacritics, Turkish i, apostrophes and dashes), so they are written here in their usual spelling.
/// Canonical agency names are what suggestions depend on; keep them in step with the ledger's origin aliases.
/// Adding a language is adding an entry.
/// </summary>
public static class AgencyTables
{
    private const string Dash = "\\s*-";

    public static readonly IReadOnlyList<LanguageMarkers> All =
    [
        new("en",
            [
                new("Reuters", ["Reuters"], ["Reuters"]),
                new("AFP", ["AFP", "Agence France-Presse", "Agence France Presse"],
                    ["AFP", "Agence France-Presse", "Agence France Presse"]),
                new("Associated Press", ["AP", "Associated Press"], ["Associated Press"]),
                new("Anadolu Agency", ["Anadolu Agency", "Anadolu", "AA"], ["Anadolu Agency"]),
                new("Sputnik", ["Sputnik"], []),
                new("TASS", ["TASS", "ITAR-TASS"], ["TASS", "ITAR-TASS"]),
                new("Xinhua", ["Xinhua"], ["Xinhua"]),
                new("RIA Novosti", ["RIA Novosti", "RIA"], ["RIA Novosti"]),
                new("Interfax", ["Interfax"], ["Interfax"]),
            ],
            [
                new(MarkerKind.Dateline, "(?m)^\\s*\\p{Lu}[^\\n()]{0,40}\\(\\s*{agency}\\s*\\)" + Dash),
                new(MarkerKind.Credit, "\\(\\s*{agency}\\s*\\)"),
                new(MarkerKind.Credit,
                    "\\b{agency}(?:\\s+news)?(?:\\s+agency)?\\s+(?:reported|reports|said|says|wrote|quoted)\\b"),
                new(MarkerKind.Credit, "\\baccording\\s+to\\s+(?:the\\s+|a\\s+|an\\s+)?{agency}\\b"),
                new(MarkerKind.Credit, "\\b(?:told|citing|cited\\s+by|quoted\\s+by)\\s+(?:the\\s+)?{agency}\\b"),
                new(MarkerKind.Mention, "\\b{agency}\\b"),
            ]),
        new("tr",
            [
                new("Anadolu Agency", ["Anadolu Ajansı", "AA"], ["Anadolu Ajansı"]),
                new("İhlas News Agency", ["İhlas Haber Ajansı", "İHA"], ["İhlas Haber Ajansı"]),
                new("Demirören News Agency", ["Demirören Haber Ajansı", "DHA"], ["Demirören Haber Ajansı", "DHA"]),
                new("Reuters", ["Reuters"], ["Reuters"]),
                new("AFP", ["AFP", "Fransız Haber Ajansı"], ["AFP", "Fransız Haber Ajansı"]),
                new("Associated Press", ["AP", "Associated Press"], ["Associated Press"]),
                new("Sputnik", ["Sputnik"], []),
                new("TASS", ["TASS"], ["TASS"]),
                new("Xinhua", ["Xinhua", "Şinhua"], ["Xinhua", "Şinhua"]),
                new("RIA Novosti", ["RIA Novosti"], ["RIA Novosti"]),
            ],
            [
                new(MarkerKind.Dateline, "(?m)^\\s*\\p{Lu}[^\\n()]{0,40}\\(\\s*{agency}\\s*\\)" + Dash),
                new(MarkerKind.Credit, "\\(\\s*{agency}\\s*\\)"),
                // AA'ya göre, Sputnik'e göre, Anadolu Ajansına göre, AA'nın haberine göre, AA'ya konuşan.
                new(MarkerKind.Credit, "\\b{agency}(?:'?\\p{L}{1,6})?\\s+(?:göre|haberine\\s+göre|"
                    + "aktardığına\\s+göre|bildirdiğine\\s+göre|konuşan|açıklama\\s+yapan)\\b"),
                new(MarkerKind.Credit, "\\b{agency}\\s+muhabiri"),
                new(MarkerKind.Mention, "\\b{agency}\\b"),
            ]),
        new("ar",
            [
                new("Reuters", ["رويترز"], ["رويترز"]),
                new("AFP", ["فرانس برس", "فرانس بريس", "أ ف ب", "الفرنسية"],
                    ["فرانس برس", "فرانس بريس", "أ ف ب"]),
                new("Associated Press", ["أسوشيتد برس", "أسوشيتيد برس"],
                    ["أسوشيتد برس", "أسوشيتيد برس"]),
                new("Anadolu Agency", ["الأناضول"], []),
                new("Sputnik", ["سبوتنيك"], []),
                new("TASS", ["تاس"], []),
                new("Xinhua", ["شينخوا"], ["شينخوا"]),
                new("RIA Novosti", ["ريا نوفوستي", "نوفوستي"], ["ريا نوفوستي"]),
                new("Interfax", ["إنترفاكس", "انترفاكس"], ["إنترفاكس"]),
            ],
            [
                new(MarkerKind.Dateline, "(?m)^\\s*[^\\s()][^\\n()]{0,40}\\(\\s*{agency}\\s*\\)" + Dash),
                // (outlet / agency - date), as Arabic syndication prints it.
                new(MarkerKind.Dateline, "\\([^()\\n]{0,60}/\\s*{agency}\\s*-[^()\\n]{0,60}\\)"),
                new(MarkerKind.Credit, "\\(\\s*{agency}\\s*\\)"),
                // "quoting", "reported", "according to"..., then optionally "agency" and "news", then the agency:
                // نقلا عن وكالة سبوتنيك، ذكرت وكالة الأنباء الفرنسية.
                new(MarkerKind.Credit, "(?:نقلا\\s+عن|ذكرت|أفادت|قالت|أوردت|نقلت"
                    + "|حسب|بحسب|وفقا\\s+ل|طبقا\\s+ل)"
                    + "\\s*(?:ل?وكالة\\s+)?(?:ال)?(?:أنباء\\s+)?{agency}"),
                new(MarkerKind.Credit, "(?<!\\p{L})[وفبل]{0,2}وكالة\\s+(?:ال)?(?:أنباء\\s+)?{agency}"),
                new(MarkerKind.Credit, "{agency}\\s+للأنباء"),
                new(MarkerKind.Mention, "(?<!\\p{L})[وفبل]{0,2}{agency}(?!\\p{L})"),
            ]),
    ];
}
