using System.Net;
using System.Text.Json.Nodes;
using FactLedger.Api.Tests.Support;
using FactLedger.Domain.Dependence;
using FactLedger.Domain.Ledger;
using static FactLedger.Api.Tests.Support.Http;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

/// <summary>Dependence in the ledger: detection suggests which sources copy which, an editor confirms, rejects,
/// declares or withdraws, and every decision is an event of one stream.</summary>
[Collection(ReadSideCollection.Name)]
public class DependencyTests(PostgresFixture postgres)
{
    /// <summary>An agency's story, as it went out on the wire (written for this test).</summary>
    private const string Wire =
        "At least 37 people were killed and more than 200 injured when a magnitude 6.4 earthquake struck the "
        + "mountain province of Valdoria before dawn on Tuesday, the provincial governor said. Rescue teams were "
        + "still digging through the rubble of collapsed apartment blocks in the town of Marsk, where most of the "
        + "victims lived, and the toll was expected to rise. The quake, centred about 15 kilometres below the "
        + "surface, was felt in the capital 300 kilometres away, sending residents running into the streets in "
        + "their night clothes. Hundreds of families spent the night in tents set up in a football stadium as "
        + "aftershocks continued to shake the region. The government declared three days of national mourning and "
        + "promised to rebuild every damaged home within a year.";

    private const string OldLede = "At least 37 people were killed and more than 200 injured when a magnitude 6.4 "
        + "earthquake struck the mountain province of Valdoria before dawn on Tuesday, the provincial governor said.";

    /// <summary>One desk rewrote the lede.</summary>
    private static readonly string NewLede = Wire.Replace(OldLede,
        "Rescuers in Valdoria were pulling bodies from flattened homes on Tuesday after a strong earthquake killed "
        + "at least 37 people and injured more than 200, the provincial governor said.");

    /// <summary>Another dropped a sentence.</summary>
    private static readonly string SentenceDropped = Wire.Replace(" The quake, centred about 15 kilometres below "
        + "the surface, was felt in the capital 300 kilometres away, sending residents running into the streets in "
        + "their night clothes.", "");

    /// <summary>A third changed a few words and put a headline on top.</summary>
    private static readonly string WordsChanged = "Valdoria quake kills 37\n\n" + Wire
        .Replace("struck the mountain province", "hit the mountainous province")
        .Replace("promised to rebuild", "pledged to rebuild");

    /// <summary>An outlet with a reporter in Marsk, in its own words.</summary>
    private const string OwnReport =
        "In Marsk, the morning after, the only sound on Station Street was the scrape of shovels. Neighbours worked "
        + "alongside soldiers to lift slabs of concrete from what had been a five-storey building, stopping every "
        + "few minutes to listen for voices. The governor's office said the earthquake killed at least 37 people, "
        + "most of them in this town of 20,000, and officials warned the number could climb. A teacher who lost "
        + "her sister told us she had waited by the ruins all night. At the stadium on the edge of town, volunteers "
        + "handed out blankets and soup to families who were afraid to go back indoors.";

    /// <summary>Another agency story, for the decisions (so the scenario's copies are not compared with it).</summary>
    private const string FloodWire =
        "Floodwaters swept through the river town of Oszla overnight after three days of torrential rain, forcing "
        + "more than 4,000 people from their homes, the regional emergency service said on Friday. Boats ferried "
        + "elderly residents from rooftops as the river rose almost two metres above its usual level, and the main "
        + "bridge into town was closed after part of its railing was carried away. Power was cut to the eastern "
        + "districts as a precaution. Forecasters warned that more rain was expected over the weekend, and "
        + "volunteers filled sandbags outside the hospital, which moved patients from its ground floor.";

    private static readonly string FloodCopy = FloodWire.Replace(" Power was cut to the eastern districts as a "
        + "precaution.", "");

    private const string DeskNote = "Our correspondent in the capital spoke to officials about the relief effort, "
        + "the money set aside for it and the questions the opposition is asking about how it was spent.";

    private Task<FactLedgerApp> App() => postgres.AppFor<DependencyTests>();

    private static JsonNode[] Items(JsonNode page) => [.. page["items"]!.AsArray().Select(i => i!)];

    [Fact]
    public async Task Three_unattributed_copies_of_a_wire_story_are_suggested_confirmed_and_no_longer_suggested()
    {
        var app = await App();
        var editor = app.Editor();
        var story = $"dq-{Guid.NewGuid():N}"[..12];
        var killed = $"{story}.people.killed";
        var (lede, dropped, words, own) = ($"{story}-lede", $"{story}-dropped", $"{story}-words", $"{story}-own");
        await editor.PostJson("/api/figures", Figure(killed)).Ok(201);
        var published = new[] { (lede, NewLede), (dropped, SentenceDropped), (words, WordsChanged), (own, OwnReport) };
        foreach (var (i, (key, text)) in published.Index())
        {
            await editor.PostJson("/api/sources", Source(key, text, $"2024-03-05T0{6 + i}:00:00+00:00",
                outlet: $"Outlet {i}", language: "en")).Ok(201);
            await editor.PostJson("/api/claims", Claim(killed, key, AtLeast(37), "37 people",
                attributedTo: "Valdoria governor")).Ok(201);
        }

        var suggested = Items(await app.Reader().GetJson("/api/dependencies?status=suggested"))
            .Where(d => ((string)d["source"]!).StartsWith(story, StringComparison.Ordinal)
                || ((string)d["dependsOn"]!).StartsWith(story, StringComparison.Ordinal)).ToList();

        Assert.Equal(new[] { dropped, words }, suggested.Select(d => (string)d["source"]!).Order());
        Assert.All(suggested, d =>
        {
            Assert.Equal("source", (string?)d["kind"]);
            Assert.Contains((string)d["dependsOn"]!, new[] { lede, dropped });
            Assert.Equal("suggested", (string?)d["status"]);
            Assert.Null(d["decidedBy"]);
            var shared = Assert.Single(d["evidence"]!.AsArray(), e => (string?)e!["type"] == "shared-text")!;
            Assert.Equal((string?)d["dependsOn"], (string?)shared["earlierSource"]);
            Assert.False(string.IsNullOrEmpty((string?)shared["span"]!["text"]));
            Assert.InRange((double)d["score"]!, 0.5, 1.0);
        });
        Assert.Equal($"dep.{dropped}.source.{lede}",
            (string?)suggested.Single(d => (string)d["source"]! == dropped)["id"]);
        Assert.DoesNotContain(suggested, d => (string?)d["dependsOn"] == own);

        var confirmedBefore = await app.EventCount("dependence_confirmed");
        foreach (var d in suggested)
        {
            var confirmed = await editor.PostJson($"/api/dependencies/{d["id"]}/confirm", new { }).Ok(200);
            Assert.True((bool)confirmed["changed"]!);
            Assert.Equal("confirmed", (string?)confirmed["dependence"]!["status"]);
        }
        var events = await app.EventCount();
        var again = await editor.PostJson($"/api/dependencies/{suggested[0]["id"]}/confirm",
            new { reason = "again" }).Ok(200);

        Assert.False((bool)again["changed"]!);
        Assert.Equal(events, await app.EventCount());
        Assert.Equal(confirmedBefore + 2, await app.EventCount("dependence_confirmed"));
        var listed = Items(await app.Reader().GetJson("/api/dependencies?status=confirmed"))
            .Where(d => ((string)d["source"]!).StartsWith(story, StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { dropped, words }, listed.Select(d => (string)d["source"]!).Order());
        Assert.All(listed, d => Assert.Equal("alice", (string?)d["decidedBy"]));
        Assert.All(listed, d => Assert.NotEmpty(d["evidence"]!.AsArray()));
        var stillSuggested = Items(await app.Reader().GetJson("/api/dependencies?status=suggested"));
        Assert.DoesNotContain(stillSuggested, d => ((string)d["source"]!).StartsWith(story, StringComparison.Ordinal));
        await app.CatchUp();
        var activity = Items(await app.Reader().GetJson("/api/activity?by=alice"));
        Assert.Contains(activity, a => (string?)a["action"] == "dependence_confirmed");
    }

    [Fact]
    public async Task Evidence_of_every_kind_is_stored_and_read_back_with_its_type()
    {
        var app = await App();
        var id = $"dep.ev-{Guid.NewGuid():N}"[..20] + ".agency.reuters";
        var span = new TextSpan(0, 9, "(Reuters)");
        Evidence[] evidence =
        [
            new SharedTextEvidence("earlier", 0.62, 3, new TextSpan(5, 10, "shared run")),
            new CopyMarkerEvidence("Reuters", MarkerKind.Credit, span, 2),
            new UnattributedRepetitionEvidence("s.people.killed", "c-2", "c-1", "Ministry"),
        ];
        var confirmed = new DependenceConfirmed(id, id.Split('.')[1], "Reuters", DependsOnKind.Agency, evidence, 0.99,
            null, "alice", DateTimeOffset.UtcNow);
        var stream = $"test.{Guid.NewGuid():N}";
        await using (var session = app.Store.LightweightSession())
        {
            session.Events.Append(stream, confirmed);
            await session.SaveChangesAsync();
        }

        await using var query = app.Store.QuerySession();
        var back = Assert.IsType<DependenceConfirmed>(Assert.Single(await query.Events.FetchStreamAsync(stream)).Data);
        Assert.Equal(evidence, back.Evidence);
        var view = await query.LoadAsync<Api.Features.Dependencies.DependenceView>(id);
        Assert.Equal(evidence, view!.Evidence);
    }

    [Fact]
    public async Task An_editor_declares_rejects_and_withdraws_and_bad_requests_append_nothing()
    {
        var app = await App();
        var editor = app.Editor();
        var story = $"dd-{Guid.NewGuid():N}"[..12];
        var (desk, original, copy) = ($"{story}-desk", $"{story}-original", $"{story}-copy");
        await editor.PostJson("/api/sources", Source(desk, DeskNote, "2024-04-05T05:00:00+00:00",
            outlet: "Capital Desk", language: "en")).Ok(201);
        await editor.PostJson("/api/sources", Source(original, FloodWire, "2024-04-05T06:00:00+00:00",
            outlet: "River Gazette", language: "en")).Ok(201);
        await editor.PostJson("/api/sources", Source(copy, FloodCopy, "2024-04-05T07:00:00+00:00",
            outlet: "Valley Echo", language: "en")).Ok(201);

        // Declared by hand: 201, then 200 with nothing changed.
        var declare = new { source = desk, dependsOn = "Agence France-Presse", kind = "agency",
            reason = "the outlet runs the agency's wire under its own byline" };
        var declared = await editor.PostJson("/api/dependencies", declare).Ok(201);
        var declaredAgain = await editor.PostJson("/api/dependencies", declare).Ok(200);
        var agencyId = $"dep.{desk}.agency.agence-france-presse";
        Assert.Equal(agencyId, (string?)declared["dependence"]!["id"]);
        Assert.Equal("confirmed", (string?)declared["dependence"]!["status"]);
        Assert.Equal(declare.reason, (string?)declared["dependence"]!["reason"]);
        Assert.Empty(declared["dependence"]!["evidence"]!.AsArray());
        Assert.False((bool)declaredAgain["changed"]!);

        // A suggestion rejected with a reason is suggested no more.
        var copyId = $"dep.{copy}.source.{original}";
        Assert.Contains(Items(await app.Reader().GetJson($"/api/dependencies?status=suggested&source={copy}")),
            d => (string?)d["id"] == copyId);
        var rejected = await editor.PostJson($"/api/dependencies/{copyId}/reject",
            new { reason = "both print the governor's statement in full" }).Ok(200);
        Assert.Equal("rejected", (string?)rejected["dependence"]!["status"]);
        Assert.DoesNotContain(Items(await app.Reader().GetJson($"/api/dependencies?status=suggested&source={copy}")),
            d => (string?)d["id"] == copyId);
        var rejectedList = Items(await app.Reader().GetJson($"/api/dependencies?status=rejected&source={copy}"));
        Assert.Equal("both print the governor's statement in full", (string?)Assert.Single(rejectedList)["reason"]);

        // Withdrawn: the confirmation is undone and said why; withdrawing again changes nothing.
        var withdrawn = await editor.PostJson($"/api/dependencies/{agencyId}/withdraw",
            new { reason = "the byline was the outlet's own" }).Ok(200);
        Assert.Equal("withdrawn", (string?)withdrawn["dependence"]!["status"]);
        Assert.False((bool)(await editor.PostJson($"/api/dependencies/{agencyId}/withdraw",
            new { reason = "again" }).Ok(200))["changed"]!);
        Assert.Empty(Items(await app.Reader().GetJson($"/api/dependencies?status=confirmed&source={desk}")));
        var sourceId = $"dep.{desk}.source.{original}";
        await editor.PostJson("/api/dependencies",
            new { source = desk, dependsOn = original, kind = "source", reason = "same reporter" }).Ok(201);

        var events = await app.EventCount();
        await Problem(app.Reader().GetAsync("/api/dependencies?status=maybe"), HttpStatusCode.BadRequest);
        await Problem(editor.PostJson($"/api/dependencies/dep.{story}-x.source.{story}-y/confirm", new { }),
            HttpStatusCode.NotFound);
        await Problem(editor.PostJson("/api/dependencies/not-an-id/confirm", new { }), HttpStatusCode.NotFound);
        await Problem(editor.PostJson($"/api/dependencies/dep.{story}-x.source.{story}-y/withdraw",
            new { reason = "r" }), HttpStatusCode.NotFound);
        await Problem(editor.PostJson($"/api/dependencies/{copyId}/withdraw", new { reason = "r" }),
            HttpStatusCode.Conflict);
        await Problem(editor.PostJson($"/api/dependencies/{sourceId}/reject", new { reason = "r" }),
            HttpStatusCode.Conflict);
        await Problem(editor.PostJson($"/api/dependencies/{copyId}/reject", new { }), HttpStatusCode.BadRequest);
        await Problem(editor.PostJson("/api/dependencies",
            new { source = desk, dependsOn = desk, kind = "source", reason = "r" }), HttpStatusCode.BadRequest);
        await Problem(editor.PostJson("/api/dependencies",
            new { source = desk, dependsOn = original, kind = "wire", reason = "r" }), HttpStatusCode.BadRequest);
        await Problem(editor.PostJson("/api/dependencies",
            new { source = desk, dependsOn = original, kind = "source" }), HttpStatusCode.BadRequest);
        await Problem(editor.PostJson("/api/dependencies",
            new { source = $"{story}-nowhere", dependsOn = original, kind = "source", reason = "r" }),
            HttpStatusCode.UnprocessableEntity);
        await Problem(editor.PostJson("/api/dependencies",
            new { source = desk, dependsOn = $"{story}-nowhere", kind = "source", reason = "r" }),
            HttpStatusCode.UnprocessableEntity);
        await Problem(app.Reader().PostJson("/api/dependencies",
            new { source = copy, dependsOn = original, kind = "source", reason = "r" }), HttpStatusCode.Forbidden);
        await Problem(app.Reader().PostJson($"/api/dependencies/{copyId}/confirm", new { }),
            HttpStatusCode.Forbidden);
        Assert.Equal(events, await app.EventCount());

        // People change their minds: a rejected suggestion is confirmed.
        var changedMind = await editor.PostJson($"/api/dependencies/{copyId}/confirm",
            new { reason = "the same typo in both" }).Ok(200);
        Assert.Equal("confirmed", (string?)changedMind["dependence"]!["status"]);
        Assert.NotEmpty(changedMind["dependence"]!["evidence"]!.AsArray());
    }
}
