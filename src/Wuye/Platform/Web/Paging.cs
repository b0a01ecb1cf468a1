using System.Linq.Expressions;
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
        if (page is < 1)
            v.Add("page", "页码从 1 开始", "page starts at 1");
        else if (page > MaxPage)
            v.Add("page", $"页码不能超过 {MaxPage}", $"page must be at most {MaxPage}");
        if (pageSize is < 1 or > MaxPageSize)
            v.Add("pageSize", $"每页条数应在 1 到 {MaxPageSize} 之间", $"pageSize must be between 1 and {MaxPageSize}");
        v.ThrowIfAny();
        return (page ?? 1, pageSize ?? DefaultPageSize);
    }

    /// <summary>
    /// When set (Wuye:Database:StrictOrder, on in the tests), a paged query whose order does not end
    /// in a unique key fails: a page of a list must be the same page every time, so ties in the
    /// visible order (two units named alike, two requests of the same minute) are broken by the id.
    /// </summary>
    public static bool RequireTotalOrder { get; set; }

    /// <summary>Whether the query's order (its outermost OrderBy … ThenBy chain) includes an <c>Id</c> key.</summary>
    public static bool HasTotalOrder(Expression expression)
    {
        var e = expression;
        while (e is MethodCallExpression call && call.Arguments.Count > 0)
        {
            if (call.Method.Name is "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending")
            {
                for (var link = call; ; link = (MethodCallExpression)link.Arguments[0])
                {
                    if (IsIdKey(link.Arguments[1]))
                        return true;
                    if (link.Method.Name is "OrderBy" or "OrderByDescending" || link.Arguments[0] is not MethodCallExpression)
                        return false;
                }
            }
            e = call.Arguments[0];
        }
        return false;
    }

    private static bool IsIdKey(Expression key)
    {
        while (key is UnaryExpression { NodeType: ExpressionType.Quote or ExpressionType.Convert } u)
            key = u.Operand;
        var body = key is LambdaExpression l ? l.Body : key;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert } c)
            body = c.Operand;
        return body is MemberExpression { Member.Name: "Id" };
    }

    private static void EnsureTotalOrder<T>(IQueryable<T> query)
    {
        if (RequireTotalOrder && !HasTotalOrder(query.Expression))
            throw new InvalidOperationException(
                "A paged query must have a total order ending in a unique key, e.g. .OrderBy(x => x.Name).ThenBy(x => x.Id): "
                    + query.Expression
            );
    }

    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> query, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Normalize(page, pageSize);
        EnsureTotalOrder(query);
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
        EnsureTotalOrder(query);
        var rows = await query.Skip((p - 1) * size).Take(size).Select(x => new Row<T>(x, query.Count())).ToListAsync(ct);
        var total =
            rows.Count > 0 ? rows[0].Total
            : p == 1 ? 0
            : await query.CountAsync(ct);
        return new Paged<T>([.. rows.Select(r => r.Item)], p, size, total);
    }
}
