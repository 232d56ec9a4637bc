using FactLedger.Api.Tests.Support;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

/// <summary>A death toll revised the way real tolls are: an agency's early high count, a lower UN figure weeks later,
/// a round-up a year on. The later report must not hide the conflict between the first two.</summary>
[Collection(ReadSideCollection.Name)]
public class CumulativeConflictTests(PostgresFixture postgres)
{
    private Task<FactLedgerApp> App() => postgres.AppFor<CumulativeConflictTests>();

    private static object About(long v) => new { qualifier = "approximately", value = v };

    /// <summary>Agency W (6 February), the UN (1 April, "about <paramref name="un"/>"), and, when asked, paper X a
    /// year later.</summary>
    private static async Task<(string Figure, string W, string Un, string X)> Toll(
        HttpClient editor, long un, bool withX)
    {
        var story = $"cc-{Guid.NewGuid():N}"[..12];
        var figure = $"{story}.all.killed";
        var (w, u, x) = ($"{story}-w", $"{story}-un", $"{story}-x");
        await editor.PostJson("/api/sources", Source(w, $"At least 930 people died in the quake, the agency said.",
            "2023-02-06T10:00:00Z", "Agency W", "en")).Ok();
        await editor.PostJson("/api/sources", Source(u, $"The United Nations put the toll at about {un:N0} dead.",
            "2023-04-01T10:00:00Z", "UN News", "en")).Ok();
        await editor.PostJson("/api/sources", Source(x, "A year on, at least 850 people died in the quake.",
            "2024-02-06T10:00:00Z", "Paper X", "en")).Ok();
        await editor.PostJson("/api/figures", Figure(figure)).Ok();
        await editor.PostJson("/api/claims",
            Claim(figure, w, AtLeast(930), "At least 930 people died", id: $"{story}-cw")).Ok(201);
        await editor.PostJson("/api/claims", Claim(figure, u, About(un), $"about {un:N0} dead", id: $"{story}-cu",
            attributedTo: "United Nations")).Ok(201);
        if (withX)
            await editor.PostJson("/api/claims",
                Claim(figure, x, AtLeast(850), "at least 850 people died", id: $"{story}-cx")).Ok(201);
        return (figure, $"{story}-cw", $"{story}-cu", $"{story}-cx");
    }

    [Fact]
    public async Task A_later_report_does_not_hide_that_a_toll_fell_from_at_least_930_to_about_600()
    {
        var app = await App();
        var editor = app.Editor();
        var (figure, w, un, _) = await Toll(editor, 600, withX: false);
        Assert.Equal("conflicting", (string?)(await editor.GetJson($"/api/figures/{figure}"))["estimate"]!["status"]);

        await editor.PostJson("/api/claims", Claim(figure, $"{figure.Split('.')[0]}-x", AtLeast(850),
            "at least 850 people died", id: $"{figure.Split('.')[0]}-cx")).Ok(201);

        var view = await editor.GetJson($"/api/figures/{figure}");
        var estimate = view["estimate"]!;
        Assert.Equal("conflicting", (string?)estimate["status"]);
        var conflict = Assert.Single(estimate["conflicts"]!.AsArray())!;
        Assert.Equal((w, un), ((string?)conflict["earlierClaimId"], (string?)conflict["laterClaimId"]));
        Assert.Equal(1, (int)estimate["conflictCount"]!);
        // The UN's "about 600" does not back 930: a year later the toll may have grown to it, so it merely allows it.
        var roles = view["claims"]!.AsArray().ToDictionary(c => (string)c!["id"]!, c => (string?)c!["role"]);
        Assert.Equal("allows", roles[un]);
        Assert.Equal("backs", roles[w]);
        Assert.Equal(930, (long)estimate["best"]!);
        Assert.Equal((2, 3), ((int)estimate["origins"]!, (int)estimate["compatible"]!));
        Assert.DoesNotContain(un, estimate["setBy"]!["best"]!.AsArray().Select(id => (string?)id));

        // The timeline's current estimate and the CSV name the same pair.
        var timeline = await editor.GetJson($"/api/figures/{figure}/timeline");
        Assert.Equal(w, (string?)timeline["current"]!["conflicts"]![0]!["earlierClaimId"]);
        var csv = new HttpRequestMessage(HttpMethod.Get, $"/api/figures/{figure}");
        csv.Headers.Accept.ParseAdd("text/csv");
        var rows = (await (await editor.SendAsync(csv)).Content.ReadAsStringAsync()).Split('\n');
        Assert.EndsWith(",conflicts_with", rows[0].TrimEnd('\r'));
        Assert.Contains(rows, r =>
            r.StartsWith(un + ",", StringComparison.Ordinal) && r.TrimEnd('\r').EndsWith("," + w));

        // The list of figures says so too.
        var listed = await editor.GetJson($"/api/figures?story={figure.Split('.')[0]}");
        Assert.Equal(1, (int)listed["items"]![0]!["estimate"]!["conflictCount"]!);
    }

    [Fact]
    public async Task When_the_UN_said_about_1000_the_three_reports_agree()
    {
        var app = await App();
        var (figure, _, _, _) = await Toll(app.Editor(), 1000, withX: true);

        var estimate = (await app.Editor().GetJson($"/api/figures/{figure}"))["estimate"]!;

        Assert.Equal("consistent", (string?)estimate["status"]);
        Assert.Empty(estimate["conflicts"]!.AsArray());
        Assert.Equal(3, (int)estimate["compatible"]!);
        Assert.InRange((long)estimate["best"]!, (long)estimate["low"]!, long.MaxValue);
    }
}
