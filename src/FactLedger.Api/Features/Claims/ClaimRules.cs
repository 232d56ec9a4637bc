namespace FactLedger.Api.Features.Claims;

/// <summary>Wording and checks shared by the claim requests.</summary>
internal static class ClaimRules
{
    public static string NoSuchClaim(string id) => $"No claim has id '{id[..Math.Min(id.Length, 80)]}'.";

    public static bool IsReason(string? reason) =>
        !string.IsNullOrWhiteSpace(reason) && reason.Length <= 2000 && TextRules.IsText(reason);

    /// <summary>A claim value of one of the qualifier shapes, each field at fault named (<c>value.low</c>).</summary>
    public static void IsClaimValue<T>(this IRuleBuilder<T, JsonElement?> rule) => rule.Custom((json, context) =>
    {
        if (json is not { } value) return;
        foreach (var error in ClaimValueParser.Parse(value).Errors) context.AddFailure(error.Field, error.Message);
    });

    public static string ReasonMessage(string what) =>
        $"is required: why the claim is {what} (at most 2000 characters; it {TextRules.TextMessage})";
}

/// <summary>A change to a recorded claim, named by the id in the route.</summary>
public abstract record ClaimChange : LedgerCommand
{
    [JsonIgnore] public string ClaimId { get; init; } = "";

    /// <summary>An id that is not a claim id names no claim: 404, as for an unknown one.</summary>
    public static readonly IValidator<ClaimChange> Rules = new IdRules();

    private sealed class IdRules : AbstractValidator<ClaimChange>
    {
        public IdRules() => RuleFor(c => c.ClaimId).Must(id => LedgerKeys.ClaimIdProblem(id) is null)
            .WithErrorCode(Validation.NotFound).WithMessage(c => ClaimRules.NoSuchClaim(c.ClaimId));
    }
}
