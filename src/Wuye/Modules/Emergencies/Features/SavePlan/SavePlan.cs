using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListPlans;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.SavePlan;

internal sealed record PlanStepInput(string? Action, string? Role, int? TargetMinutes);

internal sealed record PlanContactInput(string? Name, string? Phone);

internal sealed record PlanInput(
    Guid? ProjectId,
    PlanKind? Kind,
    string? Title,
    List<PlanStepInput>? Steps,
    List<PlanContactInput>? Contacts,
    string? Note
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project").Required("kind", Kind, "预案类别", "Plan kind");
        ValidateContent(v, Title, Steps, Contacts, Note);
    }

    public static void ValidateContent(
        Validator v,
        string? title,
        List<PlanStepInput>? steps,
        List<PlanContactInput>? contacts,
        string? note
    )
    {
        v.Required("title", title, "预案名称", "Plan title")
            .MaxLength("title", title, 100, "预案名称", "Plan title")
            .MaxLength("note", note, 500, "修订说明", "Revision note");
        if (steps is null || steps.Count == 0)
            v.Add("steps", "预案至少要有一个步骤", "A plan needs at least one step");
        else
            for (var i = 0; i < steps.Count; i++)
                v.Required($"steps[{i}].action", steps[i].Action, "步骤内容", "Step")
                    .MaxLength($"steps[{i}].action", steps[i].Action, 300, "步骤内容", "Step")
                    .Required($"steps[{i}].role", steps[i].Role, "责任岗位", "Role")
                    .Required($"steps[{i}].targetMinutes", steps[i].TargetMinutes, "目标时间（分钟）", "Target minutes");
        for (var i = 0; i < (contacts?.Count ?? 0); i++)
            v.Required($"contacts[{i}].name", contacts![i].Name, "联系人", "Contact")
                .MaxLength($"contacts[{i}].name", contacts[i].Name, 100, "联系人", "Contact")
                .Required($"contacts[{i}].phone", contacts[i].Phone, "电话", "Phone")
                .MaxLength($"contacts[{i}].phone", contacts[i].Phone, 40, "电话", "Phone");
    }
}

/// <summary>A revision of a plan: the whole new content, in force at once.</summary>
internal sealed record PlanRevisionInput(string? Title, List<PlanStepInput>? Steps, List<PlanContactInput>? Contacts, string? Note)
    : IValidatable
{
    public void Validate(Validator v) => PlanInput.ValidateContent(v, Title, Steps, Contacts, Note);
}

/// <summary>Writes a plan (version 1) or its next version; one save.</summary>
internal sealed class SavePlanHandler(WuyeDb db, TimeProvider clock, PlanReads reads)
{
    public async Task<PlanDto> CreateAsync(PlanInput input, CancellationToken ct)
    {
        var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.ProjectId && p.ArchivedAt == null, ct)
            ?? throw ValidationException.For("projectId", "项目不存在", "Project not found");
        var title = input.Title!.Trim();
        if (await db.Set<EmergencyPlan>().AnyAsync(p => p.ProjectId == project.Id && p.Title == title, ct))
            throw new RuleException(
                "emergency_plan.duplicate_title",
                $"该项目已有预案“{title}”",
                $"The project already has a plan \"{title}\""
            );
        var plan = EmergencyPlan.Create(project.CompanyId, project.Id, input.Kind!.Value, title);
        var version = await PublishAsync(plan, input.Title!, input.Steps!, input.Contacts, input.Note, ct);
        db.Add(plan);
        db.Add(version);
        await db.SaveChangesAsync(ct);
        return await reads.OneAsync(plan.Id, ct);
    }

    public async Task<PlanDto> ReviseAsync(Guid id, PlanRevisionInput input, CancellationToken ct)
    {
        var plan = await db.Set<EmergencyPlan>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("emergency plan");
        var title = input.Title!.Trim();
        if (await db.Set<EmergencyPlan>().AnyAsync(p => p.ProjectId == plan.ProjectId && p.Title == title && p.Id != id, ct))
            throw new RuleException(
                "emergency_plan.duplicate_title",
                $"该项目已有预案“{title}”",
                $"The project already has a plan \"{title}\""
            );
        db.Add(await PublishAsync(plan, title, input.Steps!, input.Contacts, input.Note, ct));
        await db.SaveChangesAsync(ct);
        return await reads.OneAsync(plan.Id, ct);
    }

    private async Task<PlanVersion> PublishAsync(
        EmergencyPlan plan,
        string title,
        List<PlanStepInput> steps,
        List<PlanContactInput>? contacts,
        string? note,
        CancellationToken ct
    )
    {
        var user = db.Scope.UserId;
        var author = user is null
            ? "系统"
            : await db.Users.Where(u => u.Id == user).Select(u => u.DisplayName ?? u.UserName ?? "").FirstAsync(ct);
        return plan.Publish(
            title,
            [.. steps.Select(s => (s.Action!, s.Role!, s.TargetMinutes!.Value))],
            [.. (contacts ?? []).Select(c => (c.Name!, c.Phone!))],
            note,
            author,
            clock.GetUtcNow()
        );
    }

    public async Task<PlanDto> ArchiveAsync(Guid id, CancellationToken ct)
    {
        var plan = await db.Set<EmergencyPlan>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("emergency plan");
        plan.Archive(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await reads.OneAsync(plan.Id, ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/emergency-plans").WithTags("Emergencies");
        g.MapPost("/", async Task<Created<PlanDto>> (SavePlanHandler h, PlanInput body, CancellationToken ct) =>
            {
                var plan = await h.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/emergency-plans/{plan.Id}", plan);
            })
            .RequireRoles(EmergencyRoles.Managers)
            .WithSummary("Write an emergency plan: ordered steps with role and target minutes, contacts to call; version 1 in force");
        g.MapPost(
                "/{id:guid}/versions",
                async Task<Created<PlanDto>> (SavePlanHandler h, Guid id, PlanRevisionInput body, CancellationToken ct) =>
                    TypedResults.Created($"/api/v1/emergency-plans/{id}", await h.ReviseAsync(id, body, ct))
            )
            .RequireRoles(EmergencyRoles.Managers)
            .WithSummary("Revise a plan: the whole new content becomes the next version, in force at once");
        g.MapPost("/{id:guid}/archive", async (SavePlanHandler h, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await h.ArchiveAsync(id, ct))
            )
            .RequireRoles(EmergencyRoles.Managers)
            .WithSummary("Archive a plan no longer in force");
    }
}
