namespace FactLedger.Api.Features.Proposals;

public static class GetProposal
{
    public sealed record Query(string Id) : IRequest<ProposalResponse>;

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, ProposalResponse>
    {
        public async Task<ProposalResponse> Handle(Query query, CancellationToken cancellationToken) =>
            ProposalResponse.Of(await ProposalRules.LoadAsync(session, query.Id, cancellationToken));
    }
}

internal static class ProposalRules
{
    public static string NoSuchProposal(string id) => $"No proposal has id '{id[..Math.Min(id.Length, 80)]}'.";

    public static async Task<ProposalView> LoadAsync(IQuerySession session, string id, CancellationToken ct) =>
        (LedgerKeys.IsSlug(id) ? await session.LoadAsync<ProposalView>(id, ct) : null)
        ?? throw LedgerError.NotFound(NoSuchProposal(id));
}
