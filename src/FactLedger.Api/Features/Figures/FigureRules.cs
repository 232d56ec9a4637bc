namespace FactLedger.Api.Features.Figures;

/// <summary>Checks shared by the figure requests.</summary>
internal static class FigureRules
{
    public static string NoSuchFigure(string key) => $"No figure has key '{key[..Math.Min(key.Length, 200)]}'.";

    /// <summary>A key that is not a figure key names no figure: 404, as for an unknown one.</summary>
    public static IRuleBuilderOptions<T, string> IsFigureKey<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(k => LedgerKeys.FigureKeyProblem(k) is null)
            .WithErrorCode(Validation.NotFound).WithMessage((_, k) => NoSuchFigure(k));

    public static IRuleBuilderOptions<T, string?> IsMoment<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(TextRules.IsMomentOrAbsent).WithMessage(TextRules.MomentMessage);
}
