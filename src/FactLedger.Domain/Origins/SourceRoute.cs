using FactLedger.Domain.Dependence;
using FactLedger.Domain.Reconciliation;

namespace FactLedger.Domain.Origins;

/// <summary>One step of the way a source's reporting travelled: a source of the ledger (its key, its outlet's name)
/// or an agency (its name twice). <see cref="Authorities"/>: by figure, the authority that step's report named when
/// the source before it repeated the value without naming one.</summary>
public sealed record RouteStep(
    DependsOnKind Kind, string Key, string Name, IReadOnlyDictionary<string, string>? Authorities = null);

/// <summary>Where a source's unattributed reporting came from: the <see cref="Steps"/> followed, nearest first, and
/// the name it ends at (an agency, or the outlet of the source it all came from).</summary>
public sealed record SourceRoute(IReadOnlyList<RouteStep> Steps, string End);

/// <summary>
/// The routes of the sources that depend on others, from the dependences editors confirmed. A source depending on
/// several follows an agency first, then the earliest-published source (ties by key). A cycle (A to B to A) ends at
/// its earliest-published member, whichever member the way entered it by. <c>sources</c> should hold every source the
/// dependences name: one missing counts as an unnamed outlet published last.
/// </summary>
public static class SourceRoutes
{
    public static IReadOnlyDictionary<string, SourceRoute> Of(
        IReadOnlyList<ConfirmedDependence> confirmed, IReadOnlyDictionary<string, SourceOutlet> sources)
    {
        var dependences = confirmed.Where(d => !(d.Kind == DependsOnKind.Source && d.DependsOn == d.Source))
            .ToLookup(d => d.Source);
        var routes = new Dictionary<string, SourceRoute>();
        foreach (var source in dependences.Select(g => g.Key).Order(StringComparer.Ordinal))
            routes[source] = RouteOf(source, dependences, sources);
        return routes;
    }

    private static SourceRoute RouteOf(string source, ILookup<string, ConfirmedDependence> dependences,
        IReadOnlyDictionary<string, SourceOutlet> sources)
    {
        (DateTimeOffset, string) Publication(string key) =>
            (sources.TryGetValue(key, out var s) ? s.PublishedAt : DateTimeOffset.MaxValue, key);
        string OutletOf(string key) => sources.GetValueOrDefault(key)?.Outlet is { } outlet
            && !string.IsNullOrWhiteSpace(outlet) ? outlet : OriginResolver.UnnamedOutlet(key);

        var steps = new List<RouteStep>();
        var visited = new List<string> { source };
        var current = source;
        while (dependences[current]
            .OrderBy(d => d.Kind == DependsOnKind.Agency ? 0 : 1)
            .ThenBy(d => d.Kind == DependsOnKind.Source ? Publication(d.DependsOn) : (DateTimeOffset.MinValue, ""))
            .ThenBy(d => d.DependsOn, StringComparer.Ordinal)
            .FirstOrDefault() is { } next)
        {
            if (next.Kind == DependsOnKind.Agency)
            {
                steps.Add(new RouteStep(DependsOnKind.Agency, next.DependsOn, next.DependsOn, next.Authorities));
                return new SourceRoute(steps, next.DependsOn);
            }
            if (visited.Contains(next.DependsOn))
            {
                var end = visited.Skip(visited.IndexOf(next.DependsOn)).MinBy(Publication)!;
                // visited[i] was reached by steps[i - 1]: keep the way up to the cycle's end.
                return new SourceRoute(steps.Take(visited.IndexOf(end)).ToList(), OutletOf(end));
            }
            steps.Add(new RouteStep(DependsOnKind.Source, next.DependsOn, OutletOf(next.DependsOn), next.Authorities));
            visited.Add(next.DependsOn);
            current = next.DependsOn;
        }
        return new SourceRoute(steps, OutletOf(current));
    }
}
