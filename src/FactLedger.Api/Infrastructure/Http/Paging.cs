namespace FactLedger.Api.Infrastructure.Http;

/// <summary>The page and page size every list endpoint takes, checked the same way everywhere.</summary>
public static class Paging
{
    public const int MaxPageSize = 500;

    public static void Check(int page, int pageSize)
    {
        if (page < 1) throw ProblemException.Field("page", "must be 1 or more");
        if (page > 1_000_000) throw ProblemException.Field("page", "must be at most 1,000,000");
        if (pageSize is < 1 or > MaxPageSize) throw ProblemException.Field("pageSize", $"must be between 1 and {MaxPageSize}");
    }

    public static int Skip(int page, int pageSize) => (page - 1) * pageSize;
}
