using System.Text.RegularExpressions;
using FactLedger.Domain.Reconciliation;

namespace FactLedger.Domain.Dependence;

/// <summary>
/// Finds the agencies a text credits, with the tables of <see cref="AgencyTables"/>. An agency's own text crediting
/// itself is no copy: a credit of the agency the source's outlet is (by any of its names) is left out.
/// </summary>
public static class CopyMarkers
{
    private sealed record CompiledPattern(MarkerKind Kind, Regex Regex);

    /// <summary>A language's patterns, and <see cref="AnyName"/>: every pattern needs an agency's name, so a text
    /// naming none (most texts) is read once, not once per pattern.</summary>
    private sealed record CompiledLanguage(Regex AnyName, IReadOnlyList<CompiledPattern> Patterns);

    private static readonly IReadOnlyDictionary<string, CompiledLanguage> Languages =
        AgencyTables.All.ToDictionary(l => l.Language, Compile);

    /// <summary>Every name of every agency, in every language, folded: name → canonical agency.</summary>
    private static readonly IReadOnlyDictionary<string, string> AgencyOfName = AgencyTables.All
        .SelectMany(l => l.Agencies)
        .SelectMany(a => a.Names.Append(a.Agency).Select(name => (Name: NameKey(name), a.Agency)))
        .GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.First().Agency);

    /// <summary>The agency an outlet is, when it is one: its name, or its name followed by more words ("Sputnik
    /// Arabic", "سبوتنيك عربي").</summary>
    public static string? AgencyOfOutlet(string? outlet)
    {
        if (string.IsNullOrWhiteSpace(outlet)) return null;
        var key = NameKey(outlet);
        if (AgencyOfName.TryGetValue(key, out var agency)) return agency;
        var words = key.Split(' ');
        for (var n = words.Length - 1; n >= 1; n--)
            if (AgencyOfName.TryGetValue(string.Join(' ', words[..n]), out agency)) return agency;
        return null;
    }

    /// <summary>The agencies <paramref name="source"/>'s text credits, one evidence each: the first credit of the
    /// strongest kind, with how many times the agency is credited or named. Ordered by agency name.</summary>
    public static IReadOnlyList<CopyMarkerEvidence> Find(SourceText source) =>
        Find(source, DependenceFolding.Fold(source.Text));

    internal static IReadOnlyList<CopyMarkerEvidence> Find(SourceText source, FoldedText folded)
    {
        if (!Languages.TryGetValue(SharedText.LanguageOf(source.Language), out var language)
            || !language.AnyName.IsMatch(folded.Text)) return [];
        var own = AgencyOfOutlet(source.Outlet);
        var found = new List<(string Agency, MarkerKind Kind, int Start, int End)>();
        foreach (var pattern in language.Patterns)
            foreach (Match match in pattern.Regex.Matches(folded.Text))
            {
                var agency = AgencyOfName.GetValueOrDefault(NameKey(match.Groups["agency"].Value));
                if (agency is not null && agency != own)
                    found.Add((agency, pattern.Kind, match.Index, match.Index + match.Length));
            }
        return found.GroupBy(f => f.Agency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var first = g.OrderBy(f => f.Kind).ThenBy(f => f.Start).First();
            // A credit also matches as a mention of the same name: count places, not matches.
            var occurrences = g.Select(f => f.Start).Distinct().Count(start =>
                !g.Any(other => other.Start < start && start < other.End));
            return new CopyMarkerEvidence(g.Key, first.Kind, TrimmedSpan(folded, first.Start, first.End), occurrences);
        }).ToList();
    }

    private static TextSpan TrimmedSpan(FoldedText folded, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(folded.Text[start])) start++;
        while (end > start && char.IsWhiteSpace(folded.Text[end - 1])) end--;
        return folded.SpanOf(start, end);
    }

    private static CompiledLanguage Compile(LanguageMarkers language)
    {
        var all = Alternation(language.Agencies.SelectMany(a => a.Names));
        var standAlone = Alternation(language.Agencies.SelectMany(a => a.StandAlone));
        const RegexOptions options = RegexOptions.Compiled | RegexOptions.CultureInvariant;
        // A language with no agency names has nothing to find: "(?!)" never matches.
        return new CompiledLanguage(new Regex(all ?? "(?!)", options), language.Patterns
            .Where(p => all is not null && (p.Kind != MarkerKind.Mention || standAlone is not null))
            .Select(p =>
            {
                var names = p.Kind == MarkerKind.Mention ? standAlone! : all!;
                var pattern = DependenceFolding.FoldPattern(p.Pattern).Replace("{agency}", names);
                var caseless = p.Kind == MarkerKind.Dateline ? RegexOptions.None : RegexOptions.IgnoreCase;
                return new CompiledPattern(p.Kind, new Regex(pattern, options | caseless));
            }).ToList());
    }

    /// <summary>The names as one named group, longest first (so "Anadolu Agency" wins over "Anadolu"), matching
    /// case-insensitively even inside a dateline, with any white space between words.</summary>
    private static string? Alternation(IEnumerable<string> names)
    {
        var escaped = names.Select(DependenceFolding.FoldPattern).Distinct().OrderByDescending(n => n.Length)
            .ThenBy(n => n, StringComparer.Ordinal)
            .Select(n => string.Join("\\s+", n.Split(' ').Select(Regex.Escape))).ToList();
        return escaped.Count == 0 ? null : $"(?<agency>(?i:{string.Join('|', escaped)}))";
    }

    private static string NameKey(string name) =>
        OriginResolver.Normalize(DependenceFolding.FoldPattern(name)).ToLowerInvariant();
}
