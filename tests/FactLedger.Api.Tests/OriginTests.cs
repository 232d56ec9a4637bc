using System.Net;
using System.Text.Json.Nodes;
using FactLedger.Api.Tests.Support;
using static FactLedger.Api.Tests.Support.Http;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

/// <summary>Origins in the ledger: confirmed dependences and declared identities regroup claims at once, in the
/// figure list and in the figure alike, and the rules are time-travelled with <c>knownAt</c>.</summary>
[Collection(ReadSideCollection.Name)]
public class OriginTests(PostgresFixture postgres)
{
    /// <summary>An agency's story (written for this test), run by three outlets with small edits.</summary>
    private const string Wire =
        "At least 52 people died when a crowded ferry capsized on Lake Tarnow late on Saturday, the regional "
        + "emergency service said, as divers searched the cold water for dozens still missing. The vessel, licensed "
        + "to carry 120 passengers, was thought to have had more than 200 on board when it overturned in strong "
        + "winds about a kilometre from the northern shore. Survivors said the crew had ignored warnings to stay in "
        + "port. Relatives gathered at the harbour in the town of Vessel Bay through the night, waiting for news as "
        + "bodies were brought ashore wrapped in blankets. The transport minister ordered an inquiry and suspended "
        + "the operator's licence pending its findings.";

    private const string OwnReport =
        "The harbour at Vessel Bay was silent on Sunday morning except for the engines of the rescue boats. A "
        + "fisherman who pulled eleven people from the water said he had never seen the lake so rough. Officials at "
        + "the quay told reporters that at least 52 people died, and a list of the missing was pinned to the door "
        + "of the harbour office, where families took turns to read it.";

    private Task<FactLedgerApp> App() => postgres.AppFor<OriginTests>();

    private static async Task<JsonNode> Summary(HttpClient client, string story, string figure) =>
        (await client.GetJson($"/api/figures?story={story}"))["items"]!.AsArray()
        .Single(f => (string?)f!["key"] == figure)!;

    [Fact]
    public async Task Three_unattributed_copies_and_an_own_report_are_two_origins_once_the_copies_are_confirmed()
    {
        var app = await App();
        var (editor, reader) = (app.Editor(), app.Reader());
        var story = $"ferry-{Guid.NewGuid():N}"[..14];
        var died = $"{story}.people.killed";
        await editor.PostJson("/api/figures", Figure(died)).Ok(201);
        var texts = new[]
        {
            Wire, "Ferry disaster\n\n" + Wire.Replace("late on Saturday", "on Saturday night"),
            Wire.Replace(" Survivors said the crew had ignored warnings to stay in port.", ""), OwnReport,
        };
        foreach (var (i, text) in texts.Index())
        {
            await editor.PostJson("/api/sources", Source($"{story}-{i}", text, $"2024-05-04T2{i}:00:00+00:00",
                outlet: $"{story} outlet {i}", language: "en")).Ok(201);
            await editor.PostJson("/api/claims", Claim(died, $"{story}-{i}", AtLeast(52), "52 people")).Ok(201);
        }
        var before = await reader.GetAsync($"/api/figures/{died}");
        var etagBefore = before.Headers.ETag!.Tag;
        Assert.Equal(4, (int)(await Summary(reader, story, died))["estimate"]!["origins"]!);

        // Other tests of this class run the same wire: only this story's suggestions count here.
        var suggested = (await reader.GetJson($"/api/dependencies?status=suggested&source={story}-0"))["items"]!
            .AsArray().Select(d => d!).Where(d => ((string)d["source"]!).StartsWith(story, StringComparison.Ordinal))
            .ToList();
        Assert.Equal([$"{story}-1", $"{story}-2"], suggested.Select(d => (string)d["source"]!).Order());
        Assert.All(suggested, d => Assert.Contains(d["evidence"]!.AsArray(),
            e => (string?)e!["type"] == "shared-text" && (string?)e["earlierSource"] == $"{story}-0"));
        foreach (var d in suggested) await editor.PostJson($"/api/dependencies/{d["id"]}/confirm", new { }).Ok(200);

        var figure = await reader.GetJson($"/api/figures/{died}");
        Assert.Equal(2, (int)figure["estimate"]!["origins"]!);
        Assert.Equal(2, (int)(await Summary(reader, story, died))["estimate"]!["origins"]!);
        var groups = figure["originGroups"]!.AsArray().Select(g => g!).ToList();
        var wire = groups.Single(g => (string?)g["origin"] == $"{story} outlet 0");
        Assert.Equal([$"{story}-0", $"{story}-1", $"{story}-2"],
            wire["claims"]!.AsArray().Select(c => (string)c!).Select(SourceOf(figure)).Order());
        Assert.StartsWith("3 reports, 1 origin", (string?)wire["described"]);
        var copy = figure["claims"]!.AsArray().Single(c => (string?)c!["source"] == $"{story}-1")!;
        Assert.Equal($"{story} outlet 0", (string?)copy["origin"]);
        Assert.Empty(copy["via"]!.AsArray()); // a copy of the origin's own report came through nothing else
        // The figure's stream did not change, its answer did: the ETag says so.
        var after = await reader.GetAsync($"/api/figures/{died}");
        Assert.NotEqual(etagBefore, after.Headers.ETag!.Tag);

        var withdraw = await editor.PostJson($"/api/dependencies/{suggested[0]["id"]}/withdraw",
            new { reason = "the outlet has its own reporter there" }).Ok(200);
        Assert.Equal("withdrawn", (string?)withdraw["dependence"]!["status"]);
        Assert.Equal(3, (int)(await Summary(reader, story, died))["estimate"]!["origins"]!);
        Assert.Equal(3, (int)(await reader.GetJson($"/api/figures/{died}"))["estimate"]!["origins"]!);
    }

    [Fact]
    public async Task Three_copies_crediting_an_agency_are_suggested_with_their_shared_text_and_count_as_the_agency()
    {
        var app = await App();
        var (editor, reader) = (app.Editor(), app.Reader());
        var story = $"wire-{Guid.NewGuid():N}"[..13];
        var died = $"{story}.people.killed";
        await editor.PostJson("/api/figures", Figure(died)).Ok(201);
        var texts = new[]
        {
            "VESSEL BAY, May 4 (Reuters) - " + Wire,
            "VESSEL BAY, May 4 (Reuters) - " + Wire.Replace("late on Saturday", "on Saturday night"),
            "VESSEL BAY, May 4 (Reuters) - " + Wire.Replace(" Survivors said the crew had ignored warnings.", ""),
            OwnReport,
        };
        foreach (var (i, text) in texts.Index())
        {
            await editor.PostJson("/api/sources", Source($"{story}-{i}", text, $"2024-06-04T2{i}:00:00+00:00",
                outlet: $"{story} outlet {i}", language: "en")).Ok(201);
            await editor.PostJson("/api/claims", Claim(died, $"{story}-{i}", AtLeast(52), "52 people")).Ok(201);
        }
        Assert.Equal(4, (int)(await Summary(reader, story, died))["estimate"]!["origins"]!);

        var suggested = new List<JsonNode>();
        foreach (var i in new[] { 0, 1, 2, 3 })
            suggested.AddRange((await reader.GetJson($"/api/dependencies?status=suggested&source={story}-{i}"))
                ["items"]!.AsArray().Select(d => d!)
                .Where(d => (string?)d["source"] == $"{story}-{i}"));
        Assert.Equal([$"{story}-0", $"{story}-1", $"{story}-2"], suggested.Select(d => (string)d["source"]!));
        Assert.All(suggested, d => Assert.Equal(("Reuters", "agency"), ((string?)d["dependsOn"], (string?)d["kind"])));
        Assert.All(suggested,
            d => Assert.Contains(d["evidence"]!.AsArray(), e => (string?)e!["type"] == "copy-marker"));
        // The later copies share the text of an earlier one (this story's first, or the same wire run earlier).
        Assert.All(suggested.Skip(1), d => Assert.Contains(d["evidence"]!.AsArray(),
            e => (string?)e!["type"] == "shared-text"));
        foreach (var d in suggested) await editor.PostJson($"/api/dependencies/{d["id"]}/confirm", new { }).Ok(200);

        var figure = await reader.GetJson($"/api/figures/{died}");
        Assert.Equal(2, (int)figure["estimate"]!["origins"]!);
        Assert.Equal(2, (int)(await Summary(reader, story, died))["estimate"]!["origins"]!);
        var reuters = figure["originGroups"]!.AsArray().Single(g => (string?)g!["origin"] == "Reuters")!;
        Assert.Equal(3, reuters["claims"]!.AsArray().Count);
        Assert.Equal("3 reports, 1 origin: Reuters", (string?)reuters["described"]);
    }

    private static Func<string, string> SourceOf(JsonNode figure) => claimId =>
        (string)figure["claims"]!.AsArray().Single(c => (string?)c!["id"] == claimId)!["source"]!;

    [Fact]
    public async Task An_identity_joins_two_names_everywhere_at_once_and_knownAt_shows_the_names_apart_before_it()
    {
        var app = await App();
        var (editor, reader) = (app.Editor(), app.Reader());
        var story = $"ids-{Guid.NewGuid():N}"[..12];
        var figure = $"{story}.people.killed";
        var (office, governor) = ($"{story} Governor's Office", $"Governor of {story}");
        await Prepare(editor, figure, $"{story}-a", $"{story}-b");
        await editor.PostJson("/api/claims", Claim(figure, $"{story}-a", Exact(13), "مقتل 13",
            attributedTo: office)).Ok(201);
        await editor.PostJson("/api/claims", Claim(figure, $"{story}-b", AtLeast(18), "قتل 18 فرداً",
            attributedTo: governor)).Ok(201);
        Assert.Equal("conflicting", (string?)(await Summary(reader, story, figure))["estimate"]!["status"]);
        var beforeIdentity = DateTimeOffset.UtcNow;
        await Task.Delay(50);

        var declared = await editor.PostJson("/api/origins/identities",
            new { name = governor.ToUpperInvariant(), sameAs = office, reason = "the governor speaks for it" }).Ok(201);
        var id = (string)declared["identity"]!["id"]!;
        Assert.Equal(("standing", "alice"),
            ((string?)declared["identity"]!["status"], (string?)declared["identity"]!["decidedBy"]));

        // One origin now: its later report supersedes the earlier, in the list and in the figure.
        var summary = await Summary(reader, story, figure);
        var detail = await reader.GetJson($"/api/figures/{figure}");
        foreach (var estimate in new[] { summary["estimate"]!, detail["estimate"]! })
        {
            Assert.Equal(1, (int)estimate["origins"]!);
            Assert.Equal(18, (long)estimate["best"]!);
        }
        Assert.All(detail["claims"]!.AsArray(), c => Assert.Equal(office, (string?)c!["origin"]));
        Assert.Equal(2, (await reader.GetJson($"/api/origins/{Uri.EscapeDataString(governor)}/claims"))["claims"]!
            .AsArray().Count);
        var known = await reader.GetJson($"/api/figures/{figure}?knownAt={beforeIdentity:O}".Replace("+", "%2B"));
        Assert.Equal(2, known["claims"]!.AsArray().Select(c => (string?)c!["origin"]).Distinct().Count());

        var again = await editor.PostJson("/api/origins/identities",
            new { name = governor, sameAs = office, reason = "again" }).Ok(200);
        Assert.False((bool)again["changed"]!);
        const string identities = "/api/origins/identities";
        await Problem(editor.PostJson(identities, new { name = office, sameAs = governor, reason = "loop" }),
            HttpStatusCode.Conflict);
        await Problem(editor.PostJson(identities, new { name = "x", sameAs = "y" }), HttpStatusCode.BadRequest);
        await Problem(reader.PostJson(identities, new { name = "x", sameAs = "y", reason = "z" }),
            HttpStatusCode.Forbidden);
        var standing = (await reader.GetJson("/api/origins/identities?status=standing"))["items"]!.AsArray();
        Assert.Contains(standing, i => (string?)i!["id"] == id);

        await editor.PostJson($"/api/origins/identities/{id}/withdraw", new { reason = "two offices" }).Ok(200);
        Assert.Equal("conflicting", (string?)(await Summary(reader, story, figure))["estimate"]!["status"]);
        Assert.Equal(2, (await reader.GetJson($"/api/figures/{figure}"))["claims"]!.AsArray()
            .Select(c => (string?)c!["origin"]).Distinct().Count());
        await Problem(editor.PostJson("/api/origins/identities/same.nobody-here/withdraw", new { reason = "x" }),
            HttpStatusCode.NotFound);
        await app.CatchUp();
        var activity = (await reader.GetJson("/api/activity?by=alice&pageSize=200"))["items"]!.AsArray();
        Assert.Contains(activity, a => (string?)a!["action"] == "origin_identity_declared");
        Assert.Contains(activity, a => (string?)a!["action"] == "origin_identity_withdrawn");
    }

    [Fact]
    public async Task Configured_aliases_are_seeded_as_identities_decided_by_configuration()
    {
        var app = await App();
        var identities = (await app.Reader().GetJson("/api/origins/identities?pageSize=500"))["items"]!.AsArray();
        var ministry = identities.Single(i => (string?)i!["name"] == "Ministry of Internal Affairs of Kazakhstan")!;
        Assert.Equal(("Kazakh Interior Ministry", "configuration", "standing"),
            ((string?)ministry["sameAs"], (string?)ministry["decidedBy"], (string?)ministry["status"]));
    }
}
