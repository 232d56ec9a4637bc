using System.Text.Json;
using System.Text.Json.Serialization;

namespace FactLedger.Domain.Values;

/// <summary>Reads and writes the canonical JSON form of a value (numbers for counts, yyyy-MM-dd for dates),
/// the same form the API accepts, so events, documents and responses all look alike.</summary>
public sealed class ClaimValueJsonConverter : JsonConverter<ClaimValue>
{
    public override ClaimValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var (value, errors) = ClaimValueParser.Parse(doc.RootElement);
        if (value is null) throw new JsonException(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        // The canonical term is not part of the JSON form (a "canonicalTerm" field is accepted and ignored):
        // the parser derives it from the term.
        return value;
    }

    public override void Write(Utf8JsonWriter writer, ClaimValue value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("qualifier", JsonNamingPolicy.SnakeCaseLower.ConvertName(value.Qualifier.ToString()));
        void Scalar(string name, long? v)
        {
            if (v is null) return;
            if (value.Kind == FigureKind.Date)
                writer.WriteString(name, DateOnly.FromDayNumber((int)v.Value).ToString("yyyy-MM-dd"));
            else writer.WriteNumber(name, v.Value);
        }
        // A relative date with no anchor yet has no value to write.
        Scalar("value", value.Value);
        Scalar("low", value.Low);
        Scalar("high", value.High);
        if (value.Term is not null) writer.WriteString("term", value.Term);
        if (value.Tolerance is not null) writer.WriteNumber("tolerance", value.Tolerance.Value);
        if (value.Relative is { } r)
        {
            writer.WriteStartObject("relative");
            writer.WriteString("expression", r.Expression);
            if (r.Anchor is { } a) writer.WriteString("anchor", a.ToString("yyyy-MM-dd"));
            writer.WriteNumber("days", r.Days);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
