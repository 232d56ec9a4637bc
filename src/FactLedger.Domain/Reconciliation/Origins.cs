using System.Globalization;
using FactLedger.Domain.Origins;
using FactLedger.Domain.Quotes;

namespace FactLedger.Domain.Reconciliation;

/// <summary>Who a claim really comes from: the display <see cref="Name"/>, the <see cref="Key"/> origins are
/// compared by, and <see cref="Via"/>, the sources or agency its value came through, nearest first (empty when the
/// claim names its origin or is its origin's own report).</summary>
public sealed record ResolvedOrigin(string Name, string Key, IReadOnlyList<string> Via);

/// <summary>
/// Decides who a claim really comes from, by the origin rules the ledger holds (<see cref="OriginRules"/>):
/// <list type="number">
/// <item>the authority it is attributed to, under the name declared the same as it
/// ("Ministry of Internal Affairs of Kazakhstan" → "Kazakh Interior Ministry");</item>
/// <item>else where its source took its reporting from (confirmed dependences, followed transitively,
/// <see cref="SourceRoute"/>);</item>
/// <item>else its outlet, or for a source that names none an outlet of its own (two unnamed outlets never
/// merge).</item>
/// </list>
/// Names compare case- and space-insensitively. Immutable: one resolver stands for one version of the rules.
/// </summary>
public sealed class OriginResolver
{
    private readonly Dictionary<string, string> _sameAs;
    private readonly IReadOnlyDictionary<string, SourceRoute> _routes;

    /// <summary>No identities, no dependences: every name stands for itself.</summary>
    public static readonly OriginResolver Plain = new(new Dictionary<string, string>());

    /// <param name="sameAs">Name → the name it is another name of. Chains are followed (a cycle stops where it
    /// would repeat); a name that maps to itself is only spelled as given here.</param>
    /// <param name="routes">By source key, where a source's unattributed reporting came from.</param>
    public OriginResolver(IReadOnlyDictionary<string, string> sameAs,
        IReadOnlyDictionary<string, SourceRoute>? routes = null)
    {
        _sameAs = new Dictionary<string, string>();
        foreach (var (name, other) in sameAs)
        {
            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(other)) continue;
            _sameAs[Normalize(name)] = other.Trim();
            // The name declared is shown as it was declared, however a claim spells it.
            _sameAs.TryAdd(Normalize(other), other.Trim());
        }
        _routes = routes ?? new Dictionary<string, SourceRoute>();
    }

    /// <summary>Builds a resolver from groups of names, the first of each group being the canonical one.</summary>
    public static OriginResolver FromGroups(IEnumerable<IReadOnlyList<string>> groups) =>
        new(groups.Where(g => g.Count > 0).SelectMany(g => g.Select(alias => (alias, canonical: g[0])))
            .GroupBy(x => Normalize(x.alias)).ToDictionary(x => x.First().alias, x => x.First().canonical));

    /// <summary>
    /// The origin's display name: the name <paramref name="attributedTo"/> (else <paramref name="outlet"/>) is
    /// declared the same as, followed to its end, else the name as given with its white space folded.
    /// </summary>
    public string Resolve(string? attributedTo, string outlet) =>
        NameOf(string.IsNullOrWhiteSpace(attributedTo) ? outlet : attributedTo);

    /// <summary>The key origins are compared by.</summary>
    public string KeyOf(string? attributedTo, string outlet) => Normalize(Resolve(attributedTo, outlet));

    /// <summary>Where a claim of <paramref name="sourceKey"/> about <paramref name="figureKey"/> comes from;
    /// <paramref name="outlet"/> null when the source names none.</summary>
    public ResolvedOrigin OriginOf(string? attributedTo, string? outlet, string sourceKey, string figureKey)
    {
        if (!string.IsNullOrWhiteSpace(attributedTo)) return Origin(attributedTo, []);
        if (_routes.TryGetValue(sourceKey, out var route))
        {
            for (var i = 0; i < route.Steps.Count; i++)
                if (route.Steps[i].Authorities?.GetValueOrDefault(figureKey) is { } authority)
                    return Origin(authority, route.Steps.Take(i + 1).Select(s => NameOf(s.Name)).ToList());
            var end = NameOf(route.End);
            return Origin(end, route.Steps.Select(s => NameOf(s.Name)).Where(n => Normalize(n) != Normalize(end))
                .ToList());
        }
        return Origin(string.IsNullOrWhiteSpace(outlet) ? UnnamedOutlet(sourceKey) : outlet, []);
    }

    private ResolvedOrigin Origin(string name, IReadOnlyList<string> via)
    {
        var resolved = NameOf(name);
        return new ResolvedOrigin(resolved, Normalize(resolved), via);
    }

    private string NameOf(string name)
    {
        var seen = new HashSet<string>();
        var current = name;
        while (seen.Add(Normalize(current)) && _sameAs.TryGetValue(Normalize(current), out var other)) current = other;
        return TextFolding.CollapseSpaces(current);
    }

    /// <summary>An outlet the source does not name is a different one for every source: two unnamed outlets' reports
    /// must never supersede each other or count as one origin.</summary>
    public static string UnnamedOutlet(string sourceKey) => $"unnamed outlet of {sourceKey}";

    public static string Normalize(string name) =>
        TextFolding.FoldSpaces(name).ToLower(CultureInfo.InvariantCulture);
}
