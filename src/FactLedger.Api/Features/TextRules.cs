namespace FactLedger.Api.Features;

/// <summary>Text and moment checks shared by the requests' validators.</summary>
public static class TextRules
{
    public const string CleanMessage = "must not contain control, zero-width or bidirectional formatting characters";
    public const string ControlsMessage = "must not contain control characters";
    public const string PlainNameMessage = "must be a plain name: no control, zero-width or bidirectional characters, " +
        "and none of < > { } [ ] ; = ` | \\ -- /*";
    public const string TitleMessage = "must be plain text: no control, zero-width or bidirectional characters and no markup (< >)";
    public const string LanguageMessage = "must be a BCP 47 language tag such as ar, tr or en-GB";
    public const string MomentRangeMessage = "is out of range";
    public const string MomentMessage = "must be an ISO 8601 moment such as 2022-01-07T12:00:00Z";

    /// <summary>A BCP 47 language tag: a 2–3 letter language, then subtags.</summary>
    public const string LanguagePattern = "^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$";

    /// <summary>Names (outlets, authorities, labels) are plain text: no markup, statement separators or comment markers.</summary>
    public static bool IsPlainName(string? text) => text is null ||
        (IsClean(text) && !HasDirectionMark(text) && text.IndexOfAny(['<', '>', '{', '}', '[', ']', ';', '=', '`', '|', '\\']) < 0
         && !text.Contains("--") && !text.Contains("/*"));

    public static bool IsPlainTitle(string? text) => text is null || (IsClean(text) && text.IndexOfAny(['<', '>']) < 0);

    /// <summary>No C0/C1 controls (tab and line breaks allowed), invisible spaces (U+200B, U+2060, U+FEFF) or bidi
    /// embeddings, overrides and isolates. Zero-width joiners (U+200C/D) are kept: Persian and Arabic words need them.</summary>
    public static bool IsClean(string? text) => text is null || !text.Any(c =>
        IsControl(c) || c is '\u200B' or '\u2060' or '\uFEFF' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069');

    /// <summary>No C0/C1 controls; tab and line breaks are allowed (quotes span lines).</summary>
    public static bool HasNoControls(string? text) => text is null || !text.Any(IsControl);

    /// <summary>A moment within the dates the ledger supports (see <see cref="ClaimValue.MinDate"/>).</summary>
    public static bool IsSupportedMoment(DateTimeOffset? moment) =>
        moment is null || moment.Value.Year >= ClaimValue.MinDate.Year && moment.Value.Year <= ClaimValue.MaxDate.Year;

    /// <summary>An ISO 8601 moment of the query string (no offset: UTC) within the supported dates.</summary>
    public static DateTimeOffset? ParseMoment(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment) && IsSupportedMoment(moment)
            ? moment : null;

    public static bool IsMomentOrAbsent(string? text) => text is null || ParseMoment(text) is not null;

    private static bool IsControl(char c) => char.IsControl(c) && c is not ('\n' or '\r' or '\t');

    /// <summary>Direction marks (LRM, RLM, ALM) are ordinary in right-to-left titles copied from the web; not in names.</summary>
    private static bool HasDirectionMark(string text) => text.Any(c => c is '\u200E' or '\u200F' or '\u061C');
}
