using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.SuperviseSite;

internal sealed record SupervisionCheckInput(Guid? ProjectId, string? Topics, string? Observation, bool? CorrectedOnSite) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "驻点项目", "Site")
            .Required("topics", Topics, "检查内容", "Topics")
            .MaxLength("topics", Topics, 200, "检查内容", "Topics")
            .Required("observation", Observation, "检查记录", "Observation")
            .MaxLength("observation", Observation, 1000, "检查记录", "Observation");
}

internal sealed record SupervisionCheckDto(
    Guid Id,
    Guid ProjectId,
    DateOnly CheckedOn,
    DateTimeOffset CheckedAt,
    string Topics,
    string Observation,
    bool CorrectedOnSite
);

/// <summary>Supervision checks of pre-handover sites (seed 002 篇3): record one; per site and day, against two a day.</summary>
internal static class SuperviseSiteEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/site-supervision").WithTags("Inspections");

        g.MapPost(
                "/checks",
                async Task<Created<SupervisionCheckDto>> (
                    WuyeDb db,
                    TimeProvider clock,
                    SupervisionCheckInput body,
                    CancellationToken ct
                ) =>
                {
                    var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId, ct)
                        ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
                    var now = clock.GetUtcNow();
                    var check = new SupervisionCheck
                    {
                        CompanyId = project.CompanyId,
                        ProjectId = project.Id,
                        SupervisorUserId = Qpi.Me(db),
                        CheckedAt = now,
                        CheckedOn = ChinaTime.Today(clock),
                        Topics = body.Topics!.Trim(),
                        Observation = body.Observation!.Trim(),
                        CorrectedOnSite = body.CorrectedOnSite ?? false,
                    };
                    db.Add(check);
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Created(
                        $"/api/v1/site-supervision/checks/{check.Id}",
                        new SupervisionCheckDto(
                            check.Id,
                            check.ProjectId,
                            check.CheckedOn,
                            check.CheckedAt,
                            check.Topics,
                            check.Observation,
                            check.CorrectedOnSite
                        )
                    );
                }
            )
            .RequireRoles(Roles.QualityInspector, Roles.CompanyManager)
            .WithSummary("Record a supervision check of a pre-handover site");

        g.MapGet("/daily", async (WuyeDb db, TimeProvider clock, Guid? projectId, DateOnly? from, DateOnly? to, CancellationToken ct) =>
            {
                var last = to ?? ChinaTime.Today(clock);
                var first = from ?? last.AddDays(-6);
                if (first > last || last.DayNumber - first.DayNumber > 92)
                    throw ValidationException.For(
                        "from",
                        "日期范围应在 93 天以内且起始不晚于结束",
                        "The range must be at most 93 days, from before to"
                    );
                var checks = await db.Set<SupervisionCheck>()
                    .AsNoTracking()
                    .Where(c => (projectId == null || c.ProjectId == projectId) && c.CheckedOn >= first && c.CheckedOn <= last)
                    .GroupBy(c => new { c.ProjectId, c.CheckedOn })
                    .Select(x => new
                    {
                        x.Key.ProjectId,
                        x.Key.CheckedOn,
                        N = x.Count(),
                    })
                    .ToListAsync(ct);
                var sites = checks.Select(c => c.ProjectId).Distinct().ToList();
                var names = await db.ProjectRefs().Where(p => sites.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
                var days = new List<SupervisionDay>();
                foreach (var site in sites.Where(names.ContainsKey))
                    for (var d = first; d <= last; d = d.AddDays(1))
                    {
                        var n = checks.FirstOrDefault(c => c.ProjectId == site && c.CheckedOn == d)?.N ?? 0;
                        days.Add(new SupervisionDay(site, names[site], d, n, n >= SupervisionCheck.ChecksPerDay));
                    }
                return TypedResults.Ok(days.OrderBy(d => d.ProjectName).ThenBy(d => d.Day).ToList());
            })
            .WithSummary("Supervision checks per site and day, against two a day");
    }
}
