namespace FactLedger.Api.Features.Claims;

/// <summary>Wording and checks shared by the claim requests.</summary>
internal static class ClaimRules
{
    public static string NoSuchClaim(string id) => $"No claim has id '{id[..Math.Min(id.Length, 80)]}'.";

    public static bool IsReason(string? reason) =>
        !string.IsNullOrWhiteSpace(reason) && reason.Length <= 2000 && TextRules.IsClean(reason);

    public static string ReasonMessage(string what) =>
        $"is required: why the claim is {what} (at most 2000 characters; {TextRules.CleanMessage})";
}
