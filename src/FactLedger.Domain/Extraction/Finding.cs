using FactLedger.Domain.Values;

namespace FactLedger.Domain.Extraction;

/// <summary>A source's text as stored (NFC), its language (ar, tr, en; anything else is read with every table)
/// and when it was published: relative dates ("yesterday", "الأربعاء") are resolved against that day.</summary>
public sealed record ExtractionInput(string Text, string Language, DateTimeOffset PublishedAt);

/// <summary>
/// One figure-like statement found in a text. <see cref="Value"/> is a count or a date; a relative date keeps its
/// <see cref="RelativeDate"/> (verbatim expression, days, anchor) and is resolved against the publication day
/// unless the text states its anchor. <see cref="Measure"/> is one of <see cref="Measures.All"/>.
/// <c>Text.Substring(QuoteOffset, QuoteLength) == Quote</c>; the value's own words lie inside the quote at
/// <see cref="ValueOffset"/> (an index into the text, like <see cref="QuoteOffset"/>).
/// </summary>
public sealed record Finding(
    ClaimValue Value,
    string Measure,
    string? SubjectKey,
    string? Subject,
    string? AttributedTo,
    string Quote, int QuoteOffset, int QuoteLength,
    int ValueOffset, int ValueLength,
    double Confidence);
