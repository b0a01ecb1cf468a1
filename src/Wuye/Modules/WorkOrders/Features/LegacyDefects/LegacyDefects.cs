using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.LegacyDefects;

internal sealed record NewLegacyDefect(
    Guid? UnitId,
    RequestCategory? Category,
    string? Description,
    DateOnly? FoundOn,
    string? DeveloperRef
) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("unitId", UnitId, "房屋", "Unit")
            .Required("category", Category, "类别", "Category")
            .Required("description", Description, "问题描述", "Description")
            .MaxLength("description", Description, 1000, "问题描述", "Description")
            .MaxLength("developerRef", DeveloperRef, 60, "开发商维修单号", "Developer reference");
}

internal sealed record DefectProgress(DefectStatus? Status, string? Note, string? DeveloperRef) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("status", Status, "进度", "Status")
            .Required("note", Note, "进展说明", "Note")
            .MaxLength("note", Note, 500, "进展说明", "Note")
            .MaxLength("developerRef", DeveloperRef, 60, "开发商维修单号", "Developer reference");
}

internal sealed record LegacyDefectDto(
    Guid Id,
    Guid ProjectId,
    Guid UnitId,
    string? UnitLabel,
    RequestCategory Category,
    string Description,
    DateOnly FoundOn,
    string ResponsibleName,
    DefectStatus Status,
    string? DeveloperRef,
    DateTimeOffset? FixedAt,
    IReadOnlyList<DefectUpdateDto> Updates
);

internal sealed record DefectUpdateDto(DateTimeOffset At, DefectStatus Status, string? Note, string? ActorName);

/// <summary>/api/v1/legacy-defects: the handover-defect ledger per unit.</summary>
internal static class LegacyDefectEndpoints
{
    private static readonly string[] Staff = [Roles.ProjectManager, Roles.CustomerService, Roles.Steward, Roles.CompanyManager];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/legacy-defects").WithTags("Legacy defects");
        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    Guid? projectId,
                    Guid? unitId,
                    EnumQuery<DefectStatus>? status,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var q = db.Set<LegacyDefect>().AsNoTracking();
                    if (projectId is { } p)
                        q = q.Where(d => d.ProjectId == p);
                    if (unitId is { } u)
                        q = q.Where(d => d.UnitId == u);
                    if (status?.Value is { } s)
                        q = q.Where(d => d.Status == s);
                    var paged = await q.OrderByDescending(d => d.FoundOn).ThenBy(d => d.Id).ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(
                        new Paged<LegacyDefectDto>(await ToDtosAsync(db, paged.Items, ct), paged.Page, paged.PageSize, paged.Total)
                    );
                }
            )
            .WithSummary("The legacy-defect ledger (owners see their own units')");

        g.MapGet("/{id:guid}", async Task<Results<Ok<LegacyDefectDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                await db.Set<LegacyDefect>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) is { } d
                    ? TypedResults.Ok((await ToDtosAsync(db, [d], ct))[0])
                    : TypedResults.NotFound()
            )
            .WithSummary("One defect with its progress");

        g.MapPost("/", async (WuyeDb db, TimeProvider clock, NewLegacyDefect body, CancellationToken ct) =>
            {
                var unit = await db.UnitRefs()
                    .AsNoTracking()
                    .Where(u => u.Id == body.UnitId)
                    .Select(u => new
                    {
                        u.Id,
                        u.CompanyId,
                        u.ProjectId,
                        u.ZoneId,
                    })
                    .FirstOrDefaultAsync(ct)
                    ?? throw ValidationException.For("unitId", "房屋不存在或无权访问", "Unit not found, or not yours");
                var now = clock.GetUtcNow();
                var me = await db.Users.Where(u => u.Id == db.Scope.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
                var d = new LegacyDefect
                {
                    CompanyId = unit.CompanyId,
                    ProjectId = unit.ProjectId,
                    ZoneId = unit.ZoneId,
                    UnitId = unit.Id,
                    Category = body.Category!.Value,
                    Description = body.Description!.Trim(),
                    FoundOn = body.FoundOn ?? DateOnly.FromDateTime(ChinaTime.ToChina(now).DateTime),
                    ResponsibleUserId = db.Scope.UserId,
                    ResponsibleName = me,
                    DeveloperRef = body.DeveloperRef?.Trim(),
                    Status = body.DeveloperRef is null ? DefectStatus.Registered : DefectStatus.ReportedToDeveloper,
                };
                db.Add(d);
                db.Add(Update(d, now, Loc.T("登记遗留问题", "Defect registered"), me));
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/v1/legacy-defects/{d.Id}", (await ToDtosAsync(db, [d], ct))[0]);
            })
            .RequireRoles(Staff)
            .WithSummary("Register a handover defect for a unit; the registrar is its first-responsible person");

        g.MapPost(
                "/{id:guid}/progress",
                async Task<Results<Ok<LegacyDefectDto>, NotFound>> (
                    WuyeDb db,
                    TimeProvider clock,
                    Guid id,
                    DefectProgress body,
                    CancellationToken ct
                ) =>
                {
                    var d = await db.Set<LegacyDefect>().FirstOrDefaultAsync(x => x.Id == id, ct);
                    if (d is null)
                        return TypedResults.NotFound();
                    if (d.Status is DefectStatus.Fixed or DefectStatus.Rejected)
                        throw new RuleException("legacy_defect.closed", "该遗留问题已办结", "This defect is already closed");
                    var now = clock.GetUtcNow();
                    var me = await db.Users.Where(u => u.Id == db.Scope.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
                    d.Status = body.Status!.Value;
                    if (body.DeveloperRef is { Length: > 0 } r)
                        d.DeveloperRef = r.Trim();
                    if (d.Status == DefectStatus.Fixed)
                        d.FixedAt = now;
                    db.Add(Update(d, now, body.Note!.Trim(), me));
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Ok((await ToDtosAsync(db, [d], ct))[0]);
                }
            )
            .RequireRoles(Staff)
            .WithSummary("Record progress with the developer's repair office (the owner sees it)");
    }

    private static LegacyDefectUpdate Update(LegacyDefect d, DateTimeOffset at, string note, string actor) =>
        new()
        {
            CompanyId = d.CompanyId,
            ProjectId = d.ProjectId,
            ZoneId = d.ZoneId,
            UnitId = d.UnitId,
            LegacyDefectId = d.Id,
            At = at,
            Status = d.Status,
            Note = note,
            ActorName = actor,
        };

    public static async Task<List<LegacyDefectDto>> ToDtosAsync(WuyeDb db, IReadOnlyList<LegacyDefect> defects, CancellationToken ct)
    {
        var ids = defects.Select(d => d.Id).ToList();
        var unitIds = defects.Select(d => d.UnitId).Distinct().ToList();
        var updates = (
            await db.Set<LegacyDefectUpdate>().AsNoTracking().Where(u => ids.Contains(u.LegacyDefectId)).OrderBy(u => u.At).ToListAsync(ct)
        ).ToLookup(u => u.LegacyDefectId);
        var labels = await db.UnitRefs()
            .AsNoTracking()
            .Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Label })
            .ToDictionaryAsync(x => x.Id, x => x.Label, ct);
        return
        [
            .. defects.Select(d => new LegacyDefectDto(
                d.Id,
                d.ProjectId,
                d.UnitId,
                labels.GetValueOrDefault(d.UnitId),
                d.Category,
                d.Description,
                d.FoundOn,
                d.ResponsibleName,
                d.Status,
                d.DeveloperRef,
                d.FixedAt,
                [.. updates[d.Id].Select(u => new DefectUpdateDto(u.At, u.Status, u.Note, u.ActorName))]
            )),
        ];
    }

    public static string StatusName(DefectStatus s) =>
        s switch
        {
            DefectStatus.Registered => Loc.T("已登记", "Registered"),
            DefectStatus.ReportedToDeveloper => Loc.T("已报开发商", "Reported to developer"),
            DefectStatus.RepairScheduled => Loc.T("已排期", "Repair scheduled"),
            DefectStatus.Repairing => Loc.T("维修中", "Repairing"),
            DefectStatus.Fixed => Loc.T("已修复", "Fixed"),
            _ => Loc.T("开发商不予处理", "Rejected by developer"),
        };
}
