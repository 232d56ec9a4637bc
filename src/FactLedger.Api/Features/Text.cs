namespace FactLedger.Api.Features;

/// <summary>Text checks shared by the write features.</summary>
public static class Text
{
    public const string CleanMessage = "must not contain control, zero-width or bidirectional formatting characters";
    public const string PlainNameMessage = "must be a plain name: no control, zero-width or bidirectional characters, and none of < > { } [ ] ; = ` | \\ -- /*";
    public const string TitleMessage = "must be plain text: no control, zero-width or bidirectional characters and no markup (< >)";

    /// <summary>Names (outlets, authorities, labels) are plain text: no markup, statement separators or comment markers.</summary>
    public static bool IsPlainName(string? text) => text is null ||
        (IsClean(text) && !HasDirectionMark(text) && text.IndexOfAny(['<', '>', '{', '}', '[', ']', ';', '=', '`', '|', '\\']) < 0 && !text.Contains("--") && !text.Contains("/*"));

    public static bool IsPlainTitle(string? text) => text is null || (IsClean(text) && text.IndexOfAny(['<', '>']) < 0);

    /// <summary>No C0/C1 controls (tab and line breaks allowed), invisible spaces (U+200B, U+2060, U+FEFF) or bidi
    /// embeddings, overrides and isolates. Zero-width joiners (U+200C/D) are kept: Persian and Arabic words need them.</summary>
    public static bool IsClean(string? text) => text is null || !text.Any(c =>
        (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) ||
        c is '\u200B' or '\u2060' or '\uFEFF' ||
        c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069');

    /// <summary>Direction marks (LRM, RLM, ALM) are ordinary in right-to-left titles copied from the web; not in names.</summary>
    private static bool HasDirectionMark(string text) => text.Any(c => c is '\u200E' or '\u200F' or '\u061C');
}
