using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.ListVisitorPasses;

/// <summary>Passes and stays as the reader may see them (an owner their homes', the gate its project's); the public key to verify
/// passes offline.</summary>
internal static class ListVisitorPassesEndpoints
{
    private static readonly string[] Anyone = [.. GateRoles.Readers, .. GateRoles.Owners];

    /// <summary>Stays still open that began before the China day <paramref name="day"/>: visitors still inside at the end of a
    /// day.</summary>
    public static IQueryable<GateEntry> LeftInside(WuyeDb db, DateOnly day)
    {
        var start = ChinaTime.StartOf(day).ToUniversalTime();
        return db.Set<GateEntry>().Where(e => e.OutAt == null && e.InAt < start);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/visitor-passes").WithTags("Gate");
        g.MapGet(
                "/",
                async (WuyeDb db, Guid? projectId, Guid? unitId, PassStatus? status, int? page, int? pageSize, CancellationToken ct) =>
                {
                    var q = db.Set<VisitorPass>()
                        .Where(p =>
                            (projectId == null || p.ProjectId == projectId)
                            && (unitId == null || p.UnitId == unitId)
                            && (status == null || p.Status == status)
                        )
                        .OrderByDescending(p => p.ValidFrom)
                        .ThenBy(p => p.Id);
                    var paged = await q.ToPagedAsync(page, pageSize, ct);
                    var ids = paged.Items.Select(p => p.Id).ToList();
                    var items = await PassViews.PassesAsync(db, q.Where(p => ids.Contains(p.Id)), ct);
                    return TypedResults.Ok(new Paged<VisitorPassDto>(items, paged.Page, paged.PageSize, paged.Total));
                }
            )
            .RequireRoles(Anyone)
            .WithSummary("Visitor passes, newest first");
        g.MapGet("/{id:guid}", async (WuyeDb db, Guid id, CancellationToken ct) =>
                (await PassViews.PassesAsync(db, db.Set<VisitorPass>().Where(p => p.Id == id), ct)).FirstOrDefault()
                ?? throw new NotFoundException("visitor pass")
            )
            .RequireRoles(Anyone)
            .WithSummary("One visitor pass");
        g.MapGet("/public-key", async (WuyeDb db, PassKeys keys, Guid projectId, CancellationToken ct) =>
            {
                var project = await db.ProjectRefs().Where(p => p.Id == projectId).FirstOrDefaultAsync(ct)
                    ?? throw new NotFoundException("project");
                var key = await keys.PublicKeyAsync(project.CompanyId, project.Id, ct);
                return TypedResults.Ok(
                    new
                    {
                        projectId,
                        algorithm = "ECDSA P-256 SHA-256",
                        spki = Convert.ToBase64String(key),
                    }
                );
            })
            .RequireRoles(GateRoles.Readers)
            .WithSummary("The project's public key (SubjectPublicKeyInfo, base64) that verifies its visitor passes offline");
        api.MapGet(
                "/gate-entries",
                async (
                    WuyeDb db,
                    TimeProvider clock,
                    Guid? projectId,
                    bool? inside,
                    DateOnly? date,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var day = date ?? ChinaTime.Today(clock);
                    var from = ChinaTime.StartOf(day).ToUniversalTime();
                    var to = from.AddDays(1);
                    var q = db.Set<GateEntry>()
                        .Where(e => projectId == null || e.ProjectId == projectId)
                        .Where(e => inside == true ? e.OutAt == null : e.InAt >= from && e.InAt < to)
                        .OrderByDescending(e => e.InAt)
                        .ThenBy(e => e.Id);
                    var paged = await q.ToPagedAsync(page, pageSize, ct);
                    var ids = paged.Items.Select(p => p.Id).ToList();
                    var items = await PassViews.EntriesAsync(db, q.Where(e => ids.Contains(e.Id)), ct);
                    return TypedResults.Ok(new Paged<GateEntryDto>(items, paged.Page, paged.PageSize, paged.Total));
                }
            )
            .WithTags("Gate")
            .RequireRoles(GateRoles.Readers)
            .WithSummary("Stays at the gate: those begun on a China date (default today), or everyone inside now (inside=true)");
    }
}
