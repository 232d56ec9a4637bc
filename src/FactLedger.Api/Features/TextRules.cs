using FactLedger.Domain.Quotes;
namespace FactLedger.Api.Features;

/// <summary>Text and moment checks shared by the requests' validators.</summary>
public static class TextRules
{
    public const string NameMessage =
        "must be printable text: no control characters, bidirectional overrides or isolates, or invisible spaces";
    public const string TextMessage = "must not contain control characters (line breaks and tabs are fine), " +
        "bidirectional overrides or isolates, or invisible spaces";
    public const string ControlsMessage = "must not contain control characters";
    public const string LanguageMessage = "must be a BCP 47 language tag such as ar, tr or en-GB";
    public const string MomentRangeMessage = "is out of range";
    public const string MomentMessage = "must be an ISO 8601 moment such as 2022-01-07T12:00:00Z";

    /// <summary>A BCP 47 language tag: a 2–3 letter language, then subtags.</summary>
    public const string LanguagePattern = "^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$";

    /// <summary>
    /// Names (outlets, authorities, labels) are any printable text in any script, punctuation included: they are
    /// stored through parameters, shown as text and guarded in CSV, so a fragment of SQL or markup in one is harmless.
    /// Refused: control characters, and the invisible characters that make two names that look alike differ or
    /// reorder what is shown (bidirectional embeddings, overrides and isolates, zero-width and word-joining spaces).
    /// </summary>
    public static bool IsName(string? text) => text is null || !text.Any(c => char.IsControl(c) || IsHidden(c));

    /// <summary>Titles, notes and reasons: as names, and they may hold line breaks and tabs.</summary>
    public static bool IsText(string? text) => text is null || !text.Any(c => IsControl(c) || IsHidden(c));

    /// <summary>The form a name is stored in: NFC, white space folded to single spaces and trimmed, direction marks
    /// (LRM, RLM, ALM: they only steer display) removed. Zero-width joiners and non-joiners stay: Persian and Arabic
    /// spelling needs them.</summary>
    public static string NormalName(string name) =>
        TextFolding.FoldSpaces(new string(name.Where(c => c is not ('\u200E' or '\u200F' or '\u061C')).ToArray()));

    /// <summary>No C0/C1 controls; tab and line breaks are allowed (quotes span lines).</summary>
    public static bool HasNoControls(string? text) => text is null || !text.Any(IsControl);

    /// <summary>A moment within the dates the ledger supports (see <see cref="ClaimValue.MinDate"/>).</summary>
    public static bool IsSupportedMoment(DateTimeOffset? moment) =>
        moment is null || moment.Value.Year >= ClaimValue.MinDate.Year && moment.Value.Year <= ClaimValue.MaxDate.Year;

    /// <summary>An ISO 8601 moment of the query string (no offset: UTC) within the supported dates.</summary>
    public static DateTimeOffset? ParseMoment(string? text) =>
        text is not null
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment)
        && IsSupportedMoment(moment)
            ? moment : null;

    public static bool IsMomentOrAbsent(string? text) => text is null || ParseMoment(text) is not null;

    private static bool IsControl(char c) => char.IsControl(c) && c is not ('\n' or '\r' or '\t');

    /// <summary>Invisible spaces and word joiners (U+200B, U+2060–U+2064, U+FEFF), bidirectional embeddings and
    /// overrides (U+202A–U+202E) and isolates (U+2066–U+2069).</summary>
    private static bool IsHidden(char c) =>
        c is '\u200B' or '\uFEFF' or >= '\u2060' and <= '\u2064' or >= '\u202A' and <= '\u202E'
            or >= '\u2066' and <= '\u2069';

    /// <summary>A required or optional name: printable, and not blank once normalised.</summary>
    public static IRuleBuilderOptions<T, string?> IsName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsName).WithMessage(NameMessage)
            .Must(n => n is null || NormalName(n).Length > 0).WithMessage("must not be blank");

    public static IRuleBuilderOptions<T, string?> IsText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsText).WithMessage(TextMessage);
}
