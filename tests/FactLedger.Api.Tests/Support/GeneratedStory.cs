using System.Text;
using System.Text.Json;

namespace FactLedger.Api.Tests.Support;

/// <summary>
/// A made-up story big enough for fault tests: sources whose texts hold one numbered sentence per claim.
/// </summary>
public static class GeneratedStory
{
    public static object Bundle(string story, int figures, int sources, int claims)
    {
        var texts = Enumerable.Range(0, sources).Select(_ => new StringBuilder()).ToArray();
        var claimList = new List<object>();
        for (var i = 0; i < claims; i++)
        {
            var source = i % sources;
            var sentence = $"Report {i}: officials said {100 + i % 50} people were detained in district {i}.";
            texts[source].AppendLine(sentence);
            claimList.Add(new
            {
                id = $"{story}-c{i}", figure = $"{story}.group-{i % figures}.detained", source = $"{story}-s{source}",
                value = new { qualifier = i % 3 == 0 ? "at_least" : "exact", value = 100 + i % 50 },
                quote = $"officials said {100 + i % 50} people were detained in district {i}.",
                attributedTo = i % 4 == 0 ? "Ministry" : null,
            });
        }
        return new
        {
            sources = Enumerable.Range(0, sources).Select(s => new
            {
                key = $"{story}-s{s}", outlet = $"Outlet {s}", language = "en", title = $"Article {s}",
                publishedAt = new DateTimeOffset(2022, 1, 5, 0, 0, 0, TimeSpan.Zero).AddHours(s),
                text = texts[s].ToString(),
            }),
            figures = Enumerable.Range(0, figures).Select(f => new
            {
                key = $"{story}.group-{f}.detained", kind = "count", cumulative = true,
                labels = new Dictionary<string, string> { ["en"] = $"Detained, group {f}" },
            }),
            claims = claimList,
        };
    }

    public static string Json(object bundle) => JsonSerializer.Serialize(bundle, JsonSerializerOptions.Web);
}
