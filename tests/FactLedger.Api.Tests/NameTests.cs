using System.Net;
using FactLedger.Api.Tests.Support;
using Marten;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

/// <summary>Names are text: the punctuation real outlets, authorities and labels use is accepted and kept verbatim;
/// SQL and markup in a name are stored as the text they are and harm nothing.</summary>
[Collection(SecurityCollection.Name)]
public class NameTests(PostgresFixture postgres)
{
    private const string Sql = "x'); drop table mt_events; --";
    private const string Markup = "<img src=x onerror=alert(1)>";

    private static object SourceNamed(string key, string outlet, string title) => new
    {
        key, outlet, language = "en", title, publishedAt = "2023-02-08T10:00:00Z",
        text = "The toll rose to more than 40,000, officials said.",
    };

    [Theory]
    [InlineData("Reuters; AFP", "Toll rises to >40,000")]
    [InlineData("Daily [Evening edition]", "Deaths <rise> again")]
    [InlineData(Sql, Markup)]
    [InlineData(Markup, Sql)]
    public async Task Outlets_and_titles_with_punctuation_sql_or_markup_are_stored_verbatim(string outlet, string title)
    {
        var app = await postgres.AppFor<NameTests>();
        var key = $"name-{Guid.NewGuid():N}"[..20];

        await app.Editor().PostJson("/api/sources", SourceNamed(key, outlet, title)).Ok(201);

        var source = await app.Reader().GetJson($"/api/sources/{key}");
        Assert.Equal(outlet, (string?)source["outlet"]);
        Assert.Equal(title, (string?)source["title"]);
    }

    [Fact]
    public async Task Labels_and_authorities_keep_their_punctuation_and_the_store_stays_intact()
    {
        var app = await postgres.AppFor<NameTests>();
        var editor = app.Editor();
        var story = $"nm-{Guid.NewGuid():N}"[..12];
        var figure = $"{story}.all.killed";
        await editor.PostJson("/api/sources", SourceNamed(story, "Agency", "t")).Ok(201);
        var label = "Deaths (Turkey) [AFAD figures] " + Markup;
        var labels = new { en = label, tr = Sql };
        await editor.PostJson("/api/figures", new { key = figure, kind = "count", labels }).Ok(201);
        var before = await app.EventCount();

        await editor.PostJson("/api/claims", Claim(figure, story, MoreThan(40000), "more than 40,000",
            attributedTo: Sql + " " + Markup)).Ok(201);

        var view = await app.Reader().GetJson($"/api/figures/{figure}");
        Assert.Equal(label, (string?)view["labels"]!["en"]);
        Assert.Equal(Sql, (string?)view["labels"]!["tr"]);
        Assert.Equal(Sql + " " + Markup, (string?)view["claims"]![0]!["attributedTo"]);
        Assert.Equal(Sql + " " + Markup, (string?)view["claims"]![0]!["origin"]);
        // The events table is still there and holds one more event.
        Assert.Equal(before + 1, await app.EventCount());
        var origin = await app.Reader().GetAsync($"/api/origins/{Uri.EscapeDataString(Sql + " " + Markup)}/claims");
        Assert.Equal(HttpStatusCode.OK, origin.StatusCode);
    }

    [Fact]
    public async Task Direction_marks_are_dropped_from_names_and_joiners_that_spelling_needs_are_kept()
    {
        var app = await postgres.AppFor<NameTests>();
        var key = $"name-{Guid.NewGuid():N}"[..20];
        // A Persian agency name with a zero-width non-joiner, copied with a right-to-left mark and doubled spaces.
        var outlet = "\u200Fخبرگزاری  می\u200Cگوید\u200F";

        await app.Editor().PostJson("/api/sources", SourceNamed(key, outlet, "\u200Fعنوان")).Ok(201);

        var source = await app.Reader().GetJson($"/api/sources/{key}");
        Assert.Equal("خبرگزاری می\u200Cگوید", (string?)source["outlet"]);
        // Titles keep their direction marks: they are display text, shown as given.
        Assert.Equal("\u200Fعنوان", (string?)source["title"]);
    }
}
