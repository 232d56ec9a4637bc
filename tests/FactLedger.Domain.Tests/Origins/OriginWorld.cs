using FactLedger.Domain.Dependence;
using FactLedger.Domain.Figures;
using FactLedger.Domain.Ledger;
using FactLedger.Domain.Origins;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Tests.Origins;

/// <summary>A figure's claims folded under origin rules: the sources (outlet, publication), the rules' events and
/// the claims, as the ledger would hold them.</summary>
internal static class OriginWorld
{
    public static readonly DateTimeOffset Friday = new(2022, 1, 7, 9, 0, 0, TimeSpan.Zero);
    public const string Figure = "kz-2022-unrest.security-forces.killed";

    public static readonly ClaimValue Thirteen =
        new() { Qualifier = Qualifier.Exact, Kind = FigureKind.Count, Value = 13 };

    public static SourceOutlet Outlet(string key, int hour, string? outlet) => new(key, outlet, Friday.AddHours(hour));

    public static ClaimRecorded Claim(SourceOutlet source, string? attributedTo = null, ClaimValue? value = null,
        string figure = Figure) =>
        new("claim-" + source.Key, figure, source.Key, source.Outlet, source.PublishedAt, value ?? Thirteen,
            source.PublishedAt, attributedTo, "quote", 0, 5, "hash-" + source.Key, "ed", source.PublishedAt);

    public static DependenceConfirmed On(string source, string dependsOn, params Evidence[] evidence) =>
        Confirmed(source, dependsOn, DependsOnKind.Source, evidence);

    public static DependenceConfirmed OnAgency(string source, string agency) =>
        Confirmed(source, agency, DependsOnKind.Agency, []);

    private static DependenceConfirmed Confirmed(string source, string dependsOn, DependsOnKind kind,
        Evidence[] evidence) =>
        new(DependenceSuggestion.IdOf(source, kind, dependsOn), source, dependsOn, kind, evidence, 0.9, null, "ed",
            Friday);

    public static OriginIdentityDeclared Same(string name, string sameAs) =>
        new(OriginRules.IdentityIdOf(name), name, sameAs, "same ministry", "ed", Friday);

    public static FigureDecider Decider(IEnumerable<SourceOutlet> sources, params object[] rules) =>
        new(OriginRulesDecider.Fold(rules).Resolver(sources.ToDictionary(s => s.Key)));

    /// <summary>The figure folded from its definition and <paramref name="claims"/>.</summary>
    public static Figure Fold(FigureDecider decider, params ClaimRecorded[] claims) =>
        decider.Fold([
            new FigureDefined(claims.FirstOrDefault()?.FigureKey ?? Figure, FigureKind.Count, true,
                new Dictionary<string, string> { ["en"] = "killed" }, "ed", Friday),
            .. claims,
        ])!;

    /// <summary>Each origin group as "key: claim, claim".</summary>
    public static IReadOnlyList<string> Groups(Figure figure) => figure.OriginGroups
        .Select(g => $"{g.Key}: {string.Join(", ", g.Claims.Select(c => c.Id))}").ToList();

    /// <summary>How a claim's value reached its origin: "Interior Ministry via AFP via Outlet B".</summary>
    public static string Described(Figure figure, string claimId)
    {
        var claim = figure.Find(claimId)!;
        return string.Join(" via ", claim.Via.Reverse().Prepend(claim.Origin));
    }
}
