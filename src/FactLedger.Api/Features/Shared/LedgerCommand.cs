namespace FactLedger.Api.Features.Shared;

/// <summary>A request that writes to the ledger: who sends it and the request's correlation id travel with it, set
/// by the endpoint from the API key and the request, never read from the body.</summary>
public abstract record LedgerCommand
{
    [JsonIgnore] public string RecordedBy { get; init; } = "";
    [JsonIgnore] public string? CorrelationId { get; init; }
}
