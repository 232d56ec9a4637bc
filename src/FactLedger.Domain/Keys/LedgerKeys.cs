using System.Text.RegularExpressions;

namespace FactLedger.Domain.Keys;

/// <summary>
/// The readable keys streams are named by. A figure key is <c>story.group.measure</c>, each part a lowercase slug
/// (<c>kz-2022-unrest.security-forces.killed</c>); a source key is one slug with no dots, so the two never collide
/// as stream keys. Claim ids are slugs too. Only ASCII letters, digits and single hyphens: no path, control or
/// look-alike characters.
/// </summary>
public static partial class LedgerKeys
{
    public const int MaxLength = 200;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();

    public static bool IsSlug(string? text) => text is { Length: > 0 and <= 80 } && Slug().IsMatch(text);

    public static string? FigureKeyProblem(string? key)
    {
        if (string.IsNullOrEmpty(key)) return "is required, e.g. kz-2022-unrest.security-forces.killed";
        if (key.Length > MaxLength) return $"is longer than {MaxLength} characters";
        var parts = key.Split('.');
        if (parts.Length != 3 || !parts.All(IsSlug))
            return "must be story.group.measure, each part lowercase letters, digits and single hyphens " +
                "(e.g. kz-2022-unrest.security-forces.killed)";
        return null;
    }

    public static string? SourceKeyProblem(string? key)
    {
        if (string.IsNullOrEmpty(key)) return "is required, e.g. aa-2022-01-07-putin-csto";
        if (!IsSlug(key)) return "must be lowercase letters, digits and single hyphens, at most 80 characters, no dots";
        return null;
    }

    public static string? ClaimIdProblem(string? id)
    {
        if (id is null) return null;
        if (!IsSlug(id)) return "must be lowercase letters, digits and single hyphens, at most 80 characters";
        return null;
    }

    public static string StoryOf(string figureKey) => figureKey.Split('.')[0];
}
