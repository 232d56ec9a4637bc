using System.Globalization;
using FactLedger.Domain.Quotes;

namespace FactLedger.Domain.Reconciliation;

/// <summary>
/// Decides who a claim really comes from: the authority it is attributed to, else the outlet. Names compare case-
/// and space-insensitively; an alias table folds different names of one authority into one origin
/// ("Kazakh Interior Ministry" = "Ministry of Internal Affairs of Kazakhstan").
/// </summary>
public sealed class OriginResolver
{
    private readonly Dictionary<string, string> _aliasToCanonical;

    /// <param name="aliases">Alias → canonical name. Canonical names resolve to themselves.</param>
    public OriginResolver(IReadOnlyDictionary<string, string> aliases)
    {
        _aliasToCanonical = new Dictionary<string, string>();
        foreach (var (alias, canonical) in aliases)
        {
            if (string.IsNullOrWhiteSpace(alias) || string.IsNullOrWhiteSpace(canonical)) continue;
            _aliasToCanonical[Normalize(alias)] = canonical.Trim();
            _aliasToCanonical.TryAdd(Normalize(canonical), canonical.Trim());
        }
    }

    /// <summary>Builds a resolver from groups of names, the first of each group being the canonical one.</summary>
    public static OriginResolver FromGroups(IEnumerable<IReadOnlyList<string>> groups) =>
        new(groups.Where(g => g.Count > 0).SelectMany(g => g.Select(alias => (alias, canonical: g[0])))
            .GroupBy(x => x.alias).ToDictionary(x => x.Key, x => x.First().canonical));

    /// <summary>
    /// The origin's display name: the canonical name when the alias table knows it, else the name as given with its
    /// white space folded.
    /// </summary>
    public string Resolve(string? attributedTo, string outlet)
    {
        var name = string.IsNullOrWhiteSpace(attributedTo) ? outlet : attributedTo;
        return _aliasToCanonical.TryGetValue(Normalize(name), out var canonical)
            ? canonical
            : TextFolding.CollapseSpaces(name);
    }

    /// <summary>The key origins are compared by.</summary>
    public string KeyOf(string? attributedTo, string outlet) => Normalize(Resolve(attributedTo, outlet));

    public static string Normalize(string name) =>
        TextFolding.FoldSpaces(name).ToLower(CultureInfo.InvariantCulture);
}
