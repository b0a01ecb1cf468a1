using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Contracts;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.Exams;

internal sealed record ExamInput(
    Guid? ProjectId,
    string? Title,
    TrainingTopic? Topic,
    Guid[]? BankIds,
    int? QuestionCount,
    decimal? PassMark,
    int? Minutes,
    int? MaxAttempts
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("title", Title, "考试名称", "Exam title")
            .MaxLength("title", Title, 100, "考试名称", "Exam title")
            .Required("topic", Topic, "类别", "Topic")
            .Required("questionCount", QuestionCount, "题量", "Questions")
            .Required("passMark", PassMark, "合格分", "Pass mark")
            .Required("minutes", Minutes, "限时", "Time limit")
            .Required("maxAttempts", MaxAttempts, "考试次数", "Attempts");
        if (BankIds is not { Length: > 0 })
            v.Add("bankIds", "请选择题库", "Choose the question banks");
    }
}

internal sealed record AssignInput(Guid? StaffMemberId, Guid? FindingId, DateOnly? DueOn) : IValidatable
{
    public void Validate(Validator v) => v.Required("staffMemberId", StaffMemberId, "考试人员", "Person");
}

/// <summary>
/// 考试: GET/POST /exams (a paper drawn from banks), POST /exams/{id}/assignments (require it of a person, perhaps because of
/// a QPI deduction finding; they are told and it waits on their to-do list until passed).
/// </summary>
internal sealed class ExamsHandler(WuyeDb db, Notifier notifier)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/exams").WithTags("Staff");
        g.MapGet("/", async (WuyeDb db, Guid? projectId, int? page, int? pageSize, CancellationToken ct) =>
            {
                var q = db.Set<Exam>().AsNoTracking();
                if (projectId is { } p)
                    q = q.Where(e => e.ProjectId == p);
                var paged = await q.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).ToPagedAsync(page, pageSize, ct);
                return TypedResults.Ok(
                    new Paged<ExamDto>(await ExamViews.ExamsAsync(db, paged.Items, ct), paged.Page, paged.PageSize, paged.Total)
                );
            })
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Exams, newest first, with how many people they are required of and how many passed");
        g.MapPost("/", async Task<Created<ExamDto>> (ExamsHandler h, ExamInput body, CancellationToken ct) =>
            {
                var dto = await h.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/exams/{dto.Id}", dto);
            })
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Set an exam: questions drawn from banks, pass mark, time limit, attempts");
        g.MapPost(
                "/{id:guid}/assignments",
                async Task<Ok<AssignmentDto>> (ExamsHandler h, Guid id, AssignInput body, CancellationToken ct) =>
                    TypedResults.Ok(await h.AssignAsync(id, body, ct))
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Require the exam of a staff member (optionally for a QPI deduction finding); they are told");
    }

    public async Task<ExamDto> CreateAsync(ExamInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == input.ProjectId)
            .Select(p => new { p.Id, p.CompanyId })
            .FirstOrDefaultAsync(ct);
        if (project is null || !db.Scope.CanWrite(project.CompanyId, project.Id, null, null))
            throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var wanted = input.BankIds!.Distinct().ToArray();
        var banks = await db.Set<QuestionBank>()
            .AsNoTracking()
            .Where(b => wanted.Contains(b.Id) && b.CompanyId == project.CompanyId && (b.ProjectId == null || b.ProjectId == project.Id))
            .Select(b => b.Id)
            .ToListAsync(ct);
        if (banks.Count != wanted.Length)
            throw ValidationException.For("bankIds", "题库不存在或不属于该项目", "A bank was not found, or is not the project's");
        var available = await db.Set<Question>().CountAsync(q => wanted.Contains(q.BankId) && q.RetiredAt == null, ct);
        var exam = Exam.Create(
            project.CompanyId,
            project.Id,
            input.Title!,
            input.Topic!.Value,
            wanted,
            input.QuestionCount!.Value,
            available,
            input.PassMark!.Value,
            input.Minutes!.Value,
            input.MaxAttempts!.Value
        );
        db.Add(exam);
        await db.SaveChangesAsync(ct);
        return (await ExamViews.ExamsAsync(db, [exam], ct))[0];
    }

    public async Task<AssignmentDto> AssignAsync(Guid examId, AssignInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var exam = await db.Set<Exam>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == examId, ct) ?? throw new NotFoundException("exam");
        if (!db.Scope.CanWrite(exam.CompanyId, exam.ProjectId, null, null))
            throw new ForbiddenException("无权安排该项目的考试", "You may not require this project's exams");
        var person = await db.StaffRefs()
            .AsNoTracking()
            .Where(s => s.Id == input.StaffMemberId && s.ArchivedAt == null && s.CompanyId == exam.CompanyId)
            .Select(s => new
            {
                s.Id,
                s.Name,
                s.UserId,
                s.ProjectId,
            })
            .FirstOrDefaultAsync(ct);
        if (person is null || (exam.ProjectId is { } p && person.ProjectId != p))
            throw ValidationException.For(
                "staffMemberId",
                "人员须是该考试所属项目的在职员工",
                "The person must be current staff of the exam's project"
            );
        string? reason = null;
        if (input.FindingId is { } findingId)
        {
            var finding = await db.DeductionFindings()
                .Where(f => f.Id == findingId && f.ProjectId == person.ProjectId)
                .Select(f => new
                {
                    f.FoundOn,
                    f.Points,
                    f.Description,
                    f.CheckItemCode,
                })
                .FirstOrDefaultAsync(ct)
                ?? throw ValidationException.For("findingId", "扣分项不存在或不属于该项目", "Deduction finding not found in this project");
            reason = Trim(
                $"品质核查扣分 {finding.Points:0.#} 分（{finding.CheckItemCode}，{finding.FoundOn:yyyy-MM-dd}）：{finding.Description}",
                300
            );
        }
        var assignment = await ExamRequirements.RequireAsync(
            db,
            notifier,
            exam,
            new ExamPerson(person.Id, person.Name, person.UserId, person.ProjectId),
            reason,
            input.FindingId,
            input.DueOn,
            WhenAlreadyRequired.Refuse,
            ct
        );
        await db.SaveChangesAsync(ct);
        return (await ExamViews.AssignmentsAsync(db, [assignment], ct))[0];
    }

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
