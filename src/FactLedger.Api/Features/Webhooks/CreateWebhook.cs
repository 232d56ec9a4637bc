using System.ComponentModel.DataAnnotations;
using FactLedger.Api.Features.Figures;

namespace FactLedger.Api.Features.Webhooks;

/// <summary>Registers a webhook: every later change of the story's or the figure's estimate (of all, with neither) is
/// POSTed to the URL, signed with a new secret that this answer alone shows. The URL must be https to a host whose
/// addresses are all public, unless the host is allowed by configuration.</summary>
public static class CreateWebhook
{
    /// <param name="Url">Where the changes are POSTed, e.g. https://example.org/factledger.</param>
    /// <param name="Story">Only this story's changes.</param>
    /// <param name="Figure">Only this figure's changes.</param>
    public sealed record Command(
        [property: Required, MaxLength(2000)] string? Url, [property: MaxLength(200)] string? Story = null,
        [property: MaxLength(300)] string? Figure = null) : LedgerCommand, IRequest<Result>;

    /// <param name="Secret">Signs every delivery (Standard Webhooks); shown only in this answer: keep it.</param>
    public sealed record Result(string Id, string Url, string? Story, string? Figure, string Secret, string Status);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Url).NotEmpty().WithMessage("is required: where the changes are sent")
                .MaximumLength(2000)
                .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var url)
                    && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
                .WithMessage("must be an absolute https URL")
                .Must(u => !Uri.TryCreate(u, UriKind.Absolute, out var url) || url.UserInfo.Length == 0)
                .WithMessage("must not hold a user name or password (the secret authenticates the deliveries)");
            RuleFor(c => c.Story).Must(s => s is null || LedgerKeys.IsSlug(s))
                .WithMessage("must be a story key: lowercase letters, digits and single hyphens");
            RuleFor(c => c.Figure).Must(f => f is null || LedgerKeys.FigureKeyProblem(f) is null)
                .WithMessage(c => LedgerKeys.FigureKeyProblem(c.Figure)!);
        }
    }

    public sealed class Handler(IDocumentSession session, WebhookTargets targets, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var url = new Uri(command.Url!, UriKind.Absolute);
            if (await targets.RefusalAsync(url, cancellationToken) is { } refusal)
                throw LedgerError.Unprocessable("url", refusal);
            if (command.Figure is { } key)
            {
                var figure = await session.LoadAsync<FigureView>(key, cancellationToken)
                    ?? throw LedgerError.Unprocessable("figure", $"no figure has key '{key}'");
                if (command.Story is { } story && figure.Story != story)
                    throw LedgerError.Unprocessable("figure", $"the figure belongs to story '{figure.Story}'");
            }
            else if (command.Story is { } story
                && !await FigureRules.StoryExistsAsync(session, story, cancellationToken))
                throw LedgerError.Unprocessable("story", $"no story has key '{story}' (it has no figures)");

            var webhook = new Webhook
            {
                Id = WebhookRules.NewId(), Url = url.AbsoluteUri, Story = command.Story, Figure = command.Figure,
                Secret = WebhookSignature.NewSecret(), CreatedAt = clock.GetUtcNow(), CreatedBy = command.RecordedBy,
            };
            session.Insert(webhook);
            await session.SaveChangesAsync(cancellationToken);
            return new Result(webhook.Id, webhook.Url, webhook.Story, webhook.Figure, webhook.Secret, webhook.Status);
        }
    }
}
