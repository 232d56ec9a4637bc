namespace FactLedger.Api.Features.Shared;

/// <summary>A query that answers one page of a list.</summary>
public interface IPagedQuery
{
    int Page { get; }
    int PageSize { get; }
}

/// <summary>One page of a list, with the total across all pages.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>The page rules every list shares; a list's validator includes them.</summary>
public sealed class PagingRules : AbstractValidator<IPagedQuery>
{
    public const int MaxPageSize = 500;
    public static readonly PagingRules Instance = new();

    private PagingRules()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("must be 1 or more")
            .LessThanOrEqualTo(1_000_000).WithMessage("must be at most 1,000,000");
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage($"must be between 1 and {MaxPageSize}");
    }

    public static int Skip(IPagedQuery query) => (query.Page - 1) * query.PageSize;
}
