namespace FactLedger.Api.Features.Origins;

/// <summary>One declared identity: <see cref="Name"/> is another name of <see cref="SameAs"/> while its
/// <see cref="Status"/> is standing (withdrawn: the names are different origins again); who decided last, when and
/// why.</summary>
public sealed record IdentityResponse(
    string Id, string Name, string SameAs, string Status, string Reason, string DecidedBy, DateTimeOffset DecidedAt)
{
    public const string Standing = "standing", Withdrawn = "withdrawn";

    public static IdentityResponse Of(DecidedIdentity i) =>
        new(i.Id, i.Name, i.SameAs, i.Stands ? Standing : Withdrawn, i.Reason, i.DecidedBy, i.DecidedAt);
}

/// <summary>The answer to a decision about an identity: as it stands, and whether this request changed it.</summary>
public sealed record IdentityDecision(IdentityResponse Identity, bool Changed);
