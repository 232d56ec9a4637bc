namespace FactLedger.Domain.Dependence;

/// <summary>
/// Suggests which sources depend on which: copying defeats counting independent origins (Dong, Berti-Equille and
/// Srivastava, "Integrating Conflicting Data: The Role of Source Dependence", VLDB 2009), so copies must be found
/// before origins are counted. Three kinds of evidence, merged into one suggestion per (source, depends-on) pair:
/// <list type="bullet">
/// <item>shared text (<see cref="SharedTextEvidence"/>): a later text of the same language keeping long passages of
/// an earlier one depends on it, or, when both credit the same agency, on that agency;</item>
/// <item>copy markers (<see cref="CopyMarkerEvidence"/>): a text crediting an agency depends on the agency;</item>
/// <item>unattributed repetition (<see cref="UnattributedRepetitionEvidence"/>).</item>
/// </list>
/// The score combines the evidence's strengths as independent signals: 1 − Π(1 − strength). Deterministic: the
/// same input gives the same suggestions, in the same order (highest score first, then by id).
/// </summary>
public static class DependenceSuggester
{
    public static IReadOnlyList<DependenceSuggestion> Suggest(
        IReadOnlyList<SourceText> sources, IReadOnlyList<ReportedClaim> claims)
    {
        var duplicate = sources.GroupBy(s => s.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Source '{duplicate.Key}' is given twice.");

        var ordered = sources.OrderBy(s => s.PublishedAt).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => (Source: s, Folded: DependenceFolding.Fold(s.Text))).ToList();
        var markers = ordered.ToDictionary(s => s.Source.Key, s => CopyMarkers.Find(s.Source, s.Folded));
        var found = new List<(string Source, DependsOnKind Kind, string DependsOn, Evidence Evidence)>();

        foreach (var (source, credits) in markers)
            found.AddRange(credits.Select(m => (source, DependsOnKind.Agency, m.Agency, (Evidence)m)));

        foreach (var shared in SharedText.Find(ordered))
        {
            // Two texts crediting one agency are two copies of its story, not one a copy of the other.
            var agencies = markers[shared.Later].Select(m => m.Agency)
                .Intersect(markers[shared.Earlier].Select(m => m.Agency)).ToList();
            Evidence evidence = shared.Evidence;
            if (agencies.Count == 0) found.Add((shared.Later, DependsOnKind.Source, shared.Earlier, evidence));
            else found.AddRange(agencies.Select(a => (shared.Later, DependsOnKind.Agency, a, evidence)));
        }

        var outlets = sources.ToDictionary(s => s.Key, s => s.Outlet);
        foreach (var repetition in UnattributedRepetition.Find(claims, outlets))
            found.Add((repetition.Later, DependsOnKind.Source, repetition.Earlier, repetition.Evidence));

        return found.GroupBy(f => (f.Source, f.Kind, f.DependsOn))
            .Select(g => Suggestion(g.Key.Source, g.Key.Kind, g.Key.DependsOn, g.Select(f => f.Evidence)))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    private static DependenceSuggestion Suggestion(
        string source, DependsOnKind kind, string dependsOn, IEnumerable<Evidence> evidence)
    {
        var ordered = evidence.OrderBy(Rank).ThenBy(Detail, StringComparer.Ordinal).ToList();
        var doubt = ordered.Aggregate(1.0, (d, e) => d * (1 - e.Strength()));
        return new DependenceSuggestion(DependenceSuggestion.IdOf(source, kind, dependsOn), source, dependsOn, kind,
            ordered, Math.Round(1 - doubt, 4));
    }

    private static int Rank(Evidence evidence) => evidence switch
    {
        SharedTextEvidence => 0,
        CopyMarkerEvidence => 1,
        _ => 2,
    };

    private static string Detail(Evidence evidence) => evidence switch
    {
        SharedTextEvidence s => s.EarlierSource,
        CopyMarkerEvidence m => m.Agency,
        UnattributedRepetitionEvidence r => r.FigureKey + " " + r.ClaimId,
        _ => "",
    };
}
