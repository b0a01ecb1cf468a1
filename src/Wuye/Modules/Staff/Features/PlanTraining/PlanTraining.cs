using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.PlanTraining;

internal sealed record TrainingInput(
    Guid? ProjectId,
    string? Title,
    TrainingTopic? Topic,
    DateOnly? HeldOn,
    decimal? Hours,
    string? Trainer,
    decimal? PassMark,
    Guid[]? StaffMemberIds
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("title", Title, "培训课程", "Course")
            .MaxLength("title", Title, 100, "培训课程", "Course")
            .Required("topic", Topic, "培训类别", "Topic")
            .Required("heldOn", HeldOn, "培训日期", "Date")
            .Required("hours", Hours, "课时", "Hours")
            .MaxLength("trainer", Trainer, 50, "讲师", "Trainer");
        if (StaffMemberIds is not { Length: > 0 })
            v.Add("staffMemberIds", "请选择参训人员", "Choose the trainees");
        else if (StaffMemberIds.Length > 200)
            v.Add("staffMemberIds", "一次培训最多 200 人", "At most 200 trainees a session");
    }
}

/// <summary>POST /trainings: plans a session of a project with its trainees, who are told through the outbox.</summary>
internal sealed class PlanTrainingHandler(WuyeDb db, Notifier notifier)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/trainings")
            .WithTags("Staff")
            .MapPost("/", async Task<Created<TrainingDto>> (PlanTrainingHandler handler, TrainingInput body, CancellationToken ct) =>
            {
                var dto = await handler.HandleAsync(body, ct);
                return TypedResults.Created($"/api/v1/trainings/{dto.Id}", dto);
            })
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Plan a training session with its trainees (members of the project's staff register)");

    public async Task<TrainingDto> HandleAsync(TrainingInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == input.ProjectId)
            .Select(p => new { p.Id, p.CompanyId })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        if (!db.Scope.CanWrite(project.CompanyId, project.Id, null, null))
            throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var wanted = input.StaffMemberIds!.Distinct().ToList();
        var trainees = await db.StaffRefs()
            .AsNoTracking()
            .Where(s => wanted.Contains(s.Id) && s.ArchivedAt == null && s.ProjectId == project.Id)
            .Select(s => new
            {
                s.Id,
                s.Name,
                s.UserId,
            })
            .ToListAsync(ct);
        if (trainees.Count != wanted.Count)
            throw ValidationException.For("staffMemberIds", "参训人员须是本项目在职员工", "Trainees must be current staff of the project");
        var session = TrainingSession.Plan(
            project.CompanyId,
            project.Id,
            input.Title!,
            input.Topic!.Value,
            input.HeldOn!.Value,
            input.Hours!.Value,
            input.Trainer,
            input.PassMark ?? 60m
        );
        db.Add(session);
        db.AddRange(trainees.Select(t => session.Enrol(t.Id, t.Name)));
        await notifier.NotifyAsync(
            trainees.Where(t => t.UserId != null).Select(t => t.UserId!.Value),
            project.CompanyId,
            $"培训通知：{session.Title}",
            $"{session.HeldOn:yyyy-MM-dd} {TrainingViews.TopicName(session.Topic)}培训“{session.Title}”，{session.Hours:0.#} 课时"
                + (session.Trainer is null ? "" : $"，讲师 {session.Trainer}")
                + $"，考核 {session.PassMark:0.#} 分合格。",
            TrainingLinks.Page,
            $"training:{session.Id:N}",
            ct
        );
        await db.SaveChangesAsync(ct);
        return (await TrainingViews.ToDtosAsync(db, [session], ct))[0];
    }
}
