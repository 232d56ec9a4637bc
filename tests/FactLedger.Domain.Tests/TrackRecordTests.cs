using FactLedger.Domain.Reconciliation;

namespace FactLedger.Domain.Tests;

public class TrackRecordTests
{
    [Fact]
    public void Given_claims_with_their_fates_when_summed_then_each_fate_and_agreement_is_counted()
    {
        var record = TrackRecord.Of([
            (ClaimStatus.Current, true), (ClaimStatus.Superseded, false), (ClaimStatus.Superseded, true),
            (ClaimStatus.Retracted, null), (ClaimStatus.Corrected, false),
        ]);

        Assert.Equal(new TrackRecord(5, 1, 1, 2, 1, 2, 2), record);
    }

    [Fact]
    public void No_claims_is_an_empty_record() =>
        Assert.Equal(new TrackRecord(0, 0, 0, 0, 0, 0, 0), TrackRecord.Of([]));
}
