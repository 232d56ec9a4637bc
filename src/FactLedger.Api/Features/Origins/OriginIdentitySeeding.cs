using FactLedger.Api.Infrastructure;

namespace FactLedger.Api.Features.Origins;

/// <summary>
/// Seeds the ledger's identities from configuration (<see cref="FactLedgerOptions.OriginAliases"/>) at start-up,
/// before requests are served: each configured name the ledger has never decided about is declared, by
/// "configuration". A name an editor declared or withdrew keeps that decision; configuration never overrides it.
/// </summary>
public sealed class OriginIdentitySeeding(
    IDocumentStore store, OriginRulesWriter writer, IOptions<FactLedgerOptions> options, TimeProvider clock,
    ILogger<OriginIdentitySeeding> logger) : IHostedService
{
    public const string Actor = "configuration";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var groups = options.Value.OriginAliases.Select(g => (IReadOnlyList<string>)g).ToList();
        if (groups.Count == 0) return;
        await using var session = store.LightweightSession();
        var (_, appended) = await writer.DecideAsync(session,
            _ => new IdentityCommand.Seed(groups, Actor, clock.GetUtcNow()), cancellationToken);
        if (appended.Count > 0)
            logger.LogInformation("Seeded {Count} origin identities from configuration", appended.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
