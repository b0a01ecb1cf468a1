using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features;

/// <summary>What every master-data resource shares: field errors, archiving, export of the filtered list.</summary>
internal static class Api
{
    /// <summary>Who may change the tree and the registers.</summary>
    public static readonly string[] Managers = [Roles.CompanyManager, Roles.ProjectManager];

    public static ValidationException Invalid(string field, string zh, string en) =>
        new(new Dictionary<string, string[]> { [field] = [Loc.T(zh, en)] });

    /// <summary>A parent record the caller must be able to see, or a 400 on that field (never a hint that it exists elsewhere).</summary>
    public static async Task<T> ParentAsync<T>(IQueryable<T> set, Guid? id, string field, string zh, string en, CancellationToken ct) where T : Entity =>
        id is { } g && g != Guid.Empty && await set.FirstOrDefaultAsync(x => x.Id == g, ct) is { } found
            ? found
            : throw Invalid(field, $"{zh}不存在或无权访问", $"{en} not found, or not yours");

    /// <summary>
    /// A 403 problem answered directly: a ForbiddenException thrown from an endpoint currently
    /// comes out of the platform's exception handler as a 500, so module code does not throw it.
    /// </summary>
    public static IResult Forbidden(Text text) =>
        TypedResults.Problem(title: text.ToString(), statusCode: StatusCodes.Status403Forbidden, extensions: new Dictionary<string, object?> { ["code"] = "forbidden" });

    public static void CheckVersion(Entity e, uint? version)
    {
        if (version is { } v && v != e.Version)
            throw new RuleException("concurrency", "记录已被他人修改，请刷新后重试", "Someone else changed this record; reload and try again");
    }

    public static RouteHandlerBuilder MapArchive<T>(this RouteGroupBuilder g, string code, params string[] roles) where T : Entity, IArchivable =>
        g.MapPost("/{id:guid}/archive", async Task<Results<NoContent, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
        {
            var e = await db.Set<T>().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (e is null) return TypedResults.NotFound();
            if (e.ArchivedAt is not null) throw new RuleException($"{code}.archived", "已经归档了", "Already archived");
            e.ArchivedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).RequireRoles(roles).WithSummary("Archive: leaves the lists, keeps its history and what refers to it");

    /// <summary>GET …/export?format=xlsx|csv with the list's own filters, as the caller sees it (masked fields stay masked).</summary>
    public static async Task<IResult> ExportAsync<T>(IQueryable<T> query, string? format, string baseZh, string baseEn,
        IReadOnlyList<string> headers, Func<T, IReadOnlyList<string?>> cells, CancellationToken ct, Func<List<T>, Task<List<T>>>? enrich = null)
    {
        if (!TableFile.TryFormat(format, out var f)) throw Invalid("format", "格式应为 xlsx 或 csv", "format must be xlsx or csv");
        var rows = await query.Take(TableFile.MaxRows).ToListAsync(ct);
        if (enrich is not null) rows = await enrich(rows);
        return TableFile.Result(f, Loc.T(baseZh, baseEn), new TableSheet(Loc.T(baseZh, baseEn), headers, rows.Select(cells)));
    }

    public static string Num(decimal? d) => d?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
