namespace FactLedger.Api.Tests.Support;

/// <summary>Small builders for HTTP bodies, so tests read as what they record.</summary>
public static class Ledger
{
    public const string ArabicText =
        "حصيلة العنف\n\n" +
        "وعلى صعيد أعمال العنف التي جرت في البلاد، قتل 18 فرداً من قوات الأمن في كازاخستان على الأقل وأصيب " +
        "أكثر من 748 في أعمال الشغب، كما أفادت وزارة الداخلية الكازاخستانية.\n\n" +
        "وكان تقرير سابق أفاد عن مقتل 13 وإصابة 353 في صفوف القوات الأمنية. في المقابل، قتل “عشرات” المتظاهرين " +
        "وجرح أكثر من ألف، بحسب السلطات.\n\n" +
        "ووفق المصدر نفسه، بلغ عدد الموقوفين على خلفية أعمال الشغب حتى الآن 2298 شخصاً.";

    public static object Source(string key, string text = ArabicText, string published = "2022-01-07T12:00:00+03:00",
        string outlet = "Test Outlet", string language = "ar") => new
    {
        key, outlet, url = $"https://example.org/{key}", language, title = $"Article {key}", publishedAt = published,
        text,
    };

    public static object Figure(string key, string kind = "count", bool cumulative = true) => new
    {
        key, kind, cumulative,
        labels = new Dictionary<string, string>
        {
            ["en"] = $"Label of {key}", ["ar"] = "قتلى قوات الأمن", ["tr"] = "Güvenlik gücü ölümleri",
        },
    };

    public static object Claim(string figure, string source, object value, string quote, string? id = null,
        string? attributedTo = null, string? refersTo = null) => new
    {
        id, figure, source, value, quote, attributedTo, refersTo,
    };

    public static object Exact(long v) => new { qualifier = "exact", value = v };
    public static object AtLeast(long v) => new { qualifier = "at_least", value = v };
    public static object MoreThan(long v) => new { qualifier = "more_than", value = v };

    /// <summary>Registers a source and a figure, ready for claims.</summary>
    public static async Task Prepare(HttpClient editor, string figure, params string[] sources)
    {
        foreach (var s in sources) await editor.PostJson("/api/sources", Source(s)).Ok();
        await editor.PostJson("/api/figures", Figure(figure)).Ok();
    }
}
