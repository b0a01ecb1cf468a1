using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.TechnicianSkills;

internal sealed record SkillInput(Guid? TechnicianId, Guid? ProjectId, Guid? ZoneId, RequestCategory? Category) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("technicianId", TechnicianId, "维修工", "Technician")
            .Required("projectId", ProjectId, "项目", "Project")
            .Required("category", Category, "类别", "Category");
}

/// <summary>/api/v1/work-orders/technician-skills: what each technician is qualified for, read by automatic dispatch.</summary>
internal static class TechnicianSkillsEndpoints
{
    public static void Map(RouteGroupBuilder orders)
    {
        var skills = orders.MapGroup("/technician-skills");
        skills
            .MapGet("/", async (WuyeDb db, Guid? projectId, CancellationToken ct) =>
            {
                var q = db.Set<TechnicianSkill>().AsNoTracking();
                if (projectId is { } p)
                    q = q.Where(s => s.ProjectId == p);
                return TypedResults.Ok(
                    await q.OrderBy(s => s.UserId)
                        .ThenBy(s => s.Category)
                        .Select(s => new
                        {
                            s.Id,
                            technicianId = s.UserId,
                            s.ProjectId,
                            s.ZoneId,
                            s.Category,
                        })
                        .ToListAsync(ct)
                );
            })
            .WithSummary("Technicians' skills, for automatic dispatch");

        skills
            .MapPost("/", async (WuyeDb db, Notifier notifier, SkillInput body, CancellationToken ct) =>
            {
                var project = await db.ProjectRefs()
                    .Where(p => p.Id == body.ProjectId)
                    .Select(p => new { p.Id, p.CompanyId })
                    .FirstOrDefaultAsync(ct)
                    ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
                if (
                    !(await notifier.UsersWithRoleAsync(Roles.Technician, project.CompanyId, project.Id, ct)).Contains(
                        body.TechnicianId!.Value
                    )
                )
                    throw ValidationException.For(
                        "technicianId",
                        "该人员不是本项目的维修工",
                        "That person is not a technician of this project"
                    );
                if (body.ZoneId is { } z && !await db.ZoneRefs().AnyAsync(x => x.Id == z && x.ProjectId == project.Id, ct))
                    throw ValidationException.For("zoneId", "片区不属于该项目", "The zone is not in this project");
                if (
                    await db.Set<TechnicianSkill>()
                        .AnyAsync(
                            s =>
                                s.ProjectId == project.Id
                                && s.UserId == body.TechnicianId
                                && s.Category == body.Category
                                && s.ZoneId == body.ZoneId,
                            ct
                        )
                )
                    throw new RuleException("technician_skill.exists", "已登记该技能", "This skill is already recorded");
                var skill = new TechnicianSkill
                {
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                    ZoneId = body.ZoneId,
                    UserId = body.TechnicianId!.Value,
                    Category = body.Category!.Value,
                };
                db.Add(skill);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/v1/work-orders/technician-skills", new { skill.Id });
            })
            .RequireRoles(Roles.ProjectManager, Roles.CompanyManager)
            .WithSummary("Record a technician's skill (optionally for one zone)");
    }
}
