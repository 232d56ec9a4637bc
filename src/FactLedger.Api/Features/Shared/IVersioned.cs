namespace FactLedger.Api.Features.Shared;

/// <summary>An answer built from one version of a figure stream.</summary>
public interface IVersioned
{
    long Version { get; }
}
