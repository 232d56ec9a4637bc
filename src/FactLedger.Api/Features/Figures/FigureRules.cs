namespace FactLedger.Api.Features.Figures;

/// <summary>Checks shared by the figure requests.</summary>
internal static class FigureRules
{
    public static string NoSuchFigure(string key) => $"No figure has key '{key[..Math.Min(key.Length, 200)]}'.";

    /// <summary>A story exists once one of its figures is defined.</summary>
    public static Task<bool> StoryExistsAsync(IQuerySession session, string story, CancellationToken ct) =>
        session.Query<FigureView>().AnyAsync(f => f.Story == story, ct);

    /// <summary>A key that is not a figure key names no figure: 404, as for an unknown one.</summary>
    public static IRuleBuilderOptions<T, string> IsFigureKey<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(k => LedgerKeys.FigureKeyProblem(k) is null)
            .WithErrorCode(Validation.NotFound).WithMessage((_, k) => NoSuchFigure(k));

    /// <summary>Labels by language: at least one, at most 50, keys BCP 47 tags, values names.</summary>
    public static void AreLabels<T>(this IRuleBuilder<T, Dictionary<string, string>?> rule) => rule
        .NotEmpty().WithMessage("needs at least one label, by language: {\"en\": \"…\", \"ar\": \"…\"}")
        .Must(l => l is null || l.Count <= 50).WithMessage("at most 50 labels")
        .ForEach(label => label.ChildRules(l =>
        {
            l.RuleFor(x => x.Key).Matches(TextRules.LanguagePattern)
                .WithMessage("label keys are BCP 47 language tags such as en, ar, tr");
            l.RuleFor(x => x.Value).NotEmpty().MaximumLength(300).IsName();
        }));

    /// <summary>Labels as stored: language tags in lower case, names normalised.</summary>
    public static Dictionary<string, string> Normal(Dictionary<string, string> labels) =>
        labels.ToDictionary(l => l.Key.ToLowerInvariant(), l => TextRules.NormalName(l.Value));

    public static IRuleBuilderOptions<T, string?> IsMoment<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(TextRules.IsMomentOrAbsent).WithMessage(TextRules.MomentMessage);
}
