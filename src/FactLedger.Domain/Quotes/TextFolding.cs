using System.Text;

namespace FactLedger.Domain.Quotes;

/// <summary>
/// The one rule for comparing free text: Unicode NFC, any run of white space (line breaks and no-break spaces
/// included) as one space, no white space at either end. Case, punctuation and diacritics are kept.
/// </summary>
public static class TextFolding
{
    /// <summary>NFC, runs of white space folded to one space, trimmed.</summary>
    public static string FoldSpaces(string text) => CollapseSpaces(text.Normalize(NormalizationForm.FormC));

    /// <summary>Runs of white space folded to one space, trimmed; the other characters are left as given.</summary>
    public static string CollapseSpaces(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
