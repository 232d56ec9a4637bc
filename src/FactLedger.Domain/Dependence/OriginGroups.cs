using FactLedger.Domain.Reconciliation;

namespace FactLedger.Domain.Dependence;

/// <summary>One step of the way a claim's value travelled: a source of the ledger (key, its outlet's name) or an
/// agency (its name twice).</summary>
public sealed record OriginStep(DependsOnKind Kind, string Key, string Name);

/// <summary>A claim of a group and the way to the group's origin: <see cref="Via"/> is empty when the claim names
/// its origin itself (or is its origin's own report); else the sources it depends on, nearest first.</summary>
public sealed record OriginMember(string ClaimId, IReadOnlyList<OriginStep> Via);

/// <summary>Reports that come from one origin. <see cref="Key"/> is compared like <see cref="OriginResolver.KeyOf"/>
/// (so it can stand as a claim's origin key in reconciliation), <see cref="Name"/> is for display.</summary>
public sealed record OriginGroup(string Key, string Name, IReadOnlyList<OriginMember> Members)
{
    public IReadOnlyList<string> ClaimIds => Members.Select(m => m.ClaimId).ToList();
}

/// <summary>The origin groups of a figure's claims, ordered by key; members by publication, then claim id.</summary>
public sealed record OriginGrouping(IReadOnlyList<OriginGroup> Groups)
{
    private readonly Dictionary<string, string> _keyOfClaim = Groups
        .SelectMany(g => g.Members.Select(m => (m.ClaimId, g.Key))).ToDictionary(x => x.ClaimId, x => x.Key);

    /// <summary>The key of the group <paramref name="claimId"/> belongs to: what reconciliation should count as
    /// the claim's origin key.</summary>
    public string KeyOf(string claimId) => _keyOfClaim[claimId];

    /// <summary>How a member's value reached it, origin first: "Interior Ministry via AFP via Outlet B".</summary>
    public static string Describe(OriginGroup group, OriginMember member) =>
        string.Join(" via ", member.Via.Reverse().Select(s => s.Name).Where(n => n != group.Name)
            .Prepend(group.Name));
}

/// <summary>
/// Groups claims by the origin they really come from, given the dependences editors confirmed:
/// <list type="number">
/// <item>a claim naming an authority comes from it;</item>
/// <item>else from what its source depends on, followed transitively: a source whose report of the same figure has
/// the same value and names an authority ends the way there ("Interior Ministry via AFP"); an agency ends it at the
/// agency; a source depending on nothing confirmed ends it at that source's outlet;</item>
/// <item>else its own outlet, or "unnamed outlet of &lt;source&gt;", as <see cref="OriginResolver"/> does.</item>
/// </list>
/// A source depending on several: first a source reporting the same value of the figure, then an agency, then any
/// source (earliest first). A cycle (A → B → A) ends at its earliest-published member (ties by key), whichever
/// member the way entered it by. Names go through <paramref name="names"/>' aliases, so a group's key is the key the
/// ledger gives that origin today. <c>sources</c> should hold every source the claims and the dependences name: one
/// missing is taken for an unnamed outlet published last.
/// </summary>
public static class OriginGroups
{
    public static OriginGrouping Resolve(
        IReadOnlyList<ReportedClaim> claims, IReadOnlyList<SourceOutlet> sources,
        IReadOnlyList<ConfirmedDependence> confirmed, OriginResolver? names = null)
    {
        names ??= OriginResolver.FromGroups([]);
        var world = new World(claims, sources.GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First()),
            confirmed.Where(d => !(d.Kind == DependsOnKind.Source && d.DependsOn == d.Source)).Distinct()
                .ToLookup(d => d.Source),
            names);
        var ordered = claims.OrderBy(c => c.PublishedAt).ThenBy(c => c.ClaimId, StringComparer.Ordinal);
        return new OriginGrouping(ordered.Select(c => (Claim: c, Route: world.RouteOf(c)))
            .GroupBy(r => names.KeyOf(r.Route.Origin, "")).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new OriginGroup(g.Key, names.Resolve(g.First().Route.Origin, ""),
                g.Select(r => new OriginMember(r.Claim.ClaimId, r.Route.Via)).ToList()))
            .ToList());
    }

    private sealed record Route(string Origin, IReadOnlyList<OriginStep> Via);

    private sealed class World(
        IReadOnlyList<ReportedClaim> claims, IReadOnlyDictionary<string, SourceOutlet> sources,
        ILookup<string, ConfirmedDependence> dependences, OriginResolver names)
    {
        private readonly ILookup<string, ReportedClaim> _claimsOfSource = claims.ToLookup(c => c.SourceKey);

        public Route RouteOf(ReportedClaim claim)
        {
            if (Named(claim.AttributedTo)) return new Route(claim.AttributedTo!, []);
            var via = new List<OriginStep>();
            var visited = new List<string> { claim.SourceKey };
            var current = claim.SourceKey;
            while (Next(current, claim) is { } dependence)
            {
                if (dependence.Kind == DependsOnKind.Agency)
                {
                    var agency = names.Resolve(dependence.DependsOn, "");
                    via.Add(new OriginStep(DependsOnKind.Agency, dependence.DependsOn, agency));
                    return new Route(agency, via);
                }
                var next = dependence.DependsOn;
                if (visited.Contains(next))
                {
                    var end = visited.Skip(visited.IndexOf(next)).MinBy(Publication)!;
                    // visited[i] was reached by via[i - 1]: keep the way up to the cycle's end.
                    return new Route(OutletOf(end), via.Take(visited.IndexOf(end)).ToList());
                }
                via.Add(new OriginStep(DependsOnKind.Source, next, OutletOf(next)));
                visited.Add(next);
                if (AttributedReport(next, claim) is { } authority) return new Route(authority, via);
                current = next;
            }
            return new Route(OutletOf(current), via);
        }

        /// <summary>The dependence to follow from <paramref name="source"/>, for <paramref name="claim"/>'s value.
        /// </summary>
        private ConfirmedDependence? Next(string source, ReportedClaim claim) => dependences[source]
            .OrderBy(d => d.Kind == DependsOnKind.Source && ReportsSameValue(d.DependsOn, claim) ? 0
                : d.Kind == DependsOnKind.Agency ? 1 : 2)
            .ThenBy(d => d.Kind == DependsOnKind.Source ? Publication(d.DependsOn) : (DateTimeOffset.MinValue, ""))
            .ThenBy(d => d.DependsOn, StringComparer.Ordinal)
            .FirstOrDefault();

        private bool ReportsSameValue(string source, ReportedClaim claim) => _claimsOfSource[source]
            .Any(c => c.FigureKey == claim.FigureKey && ClaimValues.Same(c.Value, claim.Value));

        /// <summary>The authority <paramref name="source"/>'s report of the same value of the figure names.</summary>
        private string? AttributedReport(string source, ReportedClaim claim) => _claimsOfSource[source]
            .Where(c => c.FigureKey == claim.FigureKey && Named(c.AttributedTo)
                && ClaimValues.Same(c.Value, claim.Value))
            .OrderBy(c => c.PublishedAt).ThenBy(c => c.ClaimId, StringComparer.Ordinal)
            .Select(c => c.AttributedTo).FirstOrDefault();

        /// <summary>When a source was published, for ordering; a source not given sorts by key after the others.
        /// </summary>
        private (DateTimeOffset, string) Publication(string source) =>
            (sources.TryGetValue(source, out var s) ? s.PublishedAt : DateTimeOffset.MaxValue, source);

        private string OutletOf(string source) =>
            names.Resolve(null, sources.GetValueOrDefault(source)?.Outlet is { } outlet && Named(outlet)
                ? outlet
                : $"unnamed outlet of {source}");
    }

    private static bool Named(string? name) => !string.IsNullOrWhiteSpace(name);
}
