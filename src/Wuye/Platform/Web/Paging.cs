using Microsoft.EntityFrameworkCore;

namespace Wuye.Platform.Web;

/// <summary>One page of a list, with the total so a client can draw a pager.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;
    /// <summary>Keeps (page − 1) × pageSize far from integer overflow.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>Validates page and pageSize from the query string, field by field.</summary>
    public static (int Page, int PageSize) Normalize(int? page, int? pageSize)
    {
        var v = new Validator();
        if (page is < 1) v.Add("page", "页码从 1 开始", "page starts at 1");
        else if (page > MaxPage) v.Add("page", $"页码不能超过 {MaxPage}", $"page must be at most {MaxPage}");
        if (pageSize is < 1 or > MaxPageSize) v.Add("pageSize", $"每页条数应在 1 到 {MaxPageSize} 之间", $"pageSize must be between 1 and {MaxPageSize}");
        v.ThrowIfAny();
        return (page ?? 1, pageSize ?? DefaultPageSize);
    }

    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> query, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Normalize(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<T>(items, p, size, total);
    }

    private sealed record Row<T>(T Item, int Total);

    /// <summary>
    /// The page and the total in one round trip: the count rides along each row as an
    /// uncorrelated scalar subquery (PostgreSQL runs it once). Only a page past the end, which
    /// has no row to carry it, costs a second query. For the busiest lists, whose database work
    /// is cheap enough that a second round trip shows; the query must compose (no client-side
    /// projection).
    /// </summary>
    public static async Task<Paged<T>> ToPagedOneTripAsync<T>(this IQueryable<T> query, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Normalize(page, pageSize);
        var rows = await query.Skip((p - 1) * size).Take(size).Select(x => new Row<T>(x, query.Count())).ToListAsync(ct);
        var total = rows.Count > 0 ? rows[0].Total : p == 1 ? 0 : await query.CountAsync(ct);
        return new Paged<T>([.. rows.Select(r => r.Item)], p, size, total);
    }
}
