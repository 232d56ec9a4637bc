namespace FactLedger.Api.Infrastructure.Http;

public static class ApiJson
{
    /// <summary>
    /// Request bodies: camelCase, unknown fields refused (a typo must not silently drop data), bounded depth.
    /// </summary>
    public static readonly JsonSerializerOptions Requests = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 16,
        AllowTrailingCommas = false,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Answers written outside the minimal APIs' own serializer (the live feed): the same JSON as every
    /// other answer.</summary>
    public static readonly JsonSerializerOptions Responses = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
