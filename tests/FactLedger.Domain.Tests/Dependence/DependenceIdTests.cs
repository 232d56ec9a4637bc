using FactLedger.Domain.Dependence;

namespace FactLedger.Domain.Tests.Dependence;

public class DependenceIdTests
{
    [Fact]
    public void Names_that_share_only_their_ascii_part_get_different_ids()
    {
        var france24 = DependenceSuggestion.IdOf("src", DependsOnKind.Agency, "فرانس 24");
        var russia24 = DependenceSuggestion.IdOf("src", DependsOnKind.Agency, "روسيا 24");

        Assert.NotEqual(france24, russia24);
        Assert.Equal(france24, DependenceSuggestion.IdOf("src", DependsOnKind.Agency, "فرانس 24"));
        Assert.StartsWith("dep.src.agency.24-x", france24);
    }

    [Fact]
    public void Latin_names_keep_a_readable_id()
    {
        Assert.Equal("dep.src.agency.anadolu-ajansi",
            DependenceSuggestion.IdOf("src", DependsOnKind.Agency, "Anadolu Ajansı"));
        Assert.Equal("dep.src.agency.reuters", DependenceSuggestion.IdOf("src", DependsOnKind.Agency, "Reuters"));
    }
}
