using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Exams;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.Onboarding;

internal sealed record GuideStepInput(
    string? Title,
    string? Instructions,
    int? DueDay,
    OnboardingStepKind? Kind,
    TrainingTopic? TrainingTopic,
    Guid? ExamId
);

internal sealed record GuideInput(Guid? CompanyId, Guid? ProjectId, string? Post, string? Title, List<GuideStepInput?>? Steps)
    : IValidatable
{
    public void Validate(Validator v)
    {
        if (CompanyId is null && ProjectId is null)
            v.Add("projectId", "请选择项目（或整个公司）", "Choose a project (or the whole company)");
        GuideRewriteInput.ValidateContent(v, Post, Title, Steps);
    }
}

/// <summary>A guide rewritten: post, title and steps (its place stays).</summary>
internal sealed record GuideRewriteInput(string? Post, string? Title, List<GuideStepInput?>? Steps) : IValidatable
{
    public void Validate(Validator v) => ValidateContent(v, Post, Title, Steps);

    public static void ValidateContent(Validator v, string? post, string? title, List<GuideStepInput?>? steps)
    {
        v.Required("post", post, "岗位", "Post")
            .MaxLength("post", post, 50, "岗位", "Post")
            .Required("title", title, "指引名称", "Title")
            .MaxLength("title", title, 100, "指引名称", "Title");
        for (var i = 0; i < (steps?.Count ?? 0); i++)
        {
            if (steps![i] is not { } s)
            {
                v.Add($"steps[{i}]", "步骤不能为空", "A step cannot be empty");
                continue;
            }
            v.Required($"steps[{i}].dueDay", s.DueDay, "完成期限（入职后第几天）", "Due day")
                .Required($"steps[{i}].kind", s.Kind, "步骤类型", "Kind");
        }
    }
}

internal sealed record PlanInput(Guid? StaffMemberId, Guid? GuideId, DateOnly? StartsOn) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("staffMemberId", StaffMemberId, "新员工", "New employee")
            .Required("guideId", GuideId, "岗位指引", "Post guide")
            .Required("startsOn", StartsOn, "入职日期", "Start day");
}

/// <summary>
/// 岗位操作指引与入职计划 under /trainings: keepers write a post's guide (steps with due days and the training or exam each
/// requires) and make a new employee's plan from it (exam steps become exam assignments; the person is told); the person ticks
/// their practice steps, keepers follow everyone's progress.
/// </summary>
internal sealed class OnboardingHandler(WuyeDb db, Notifier notifier, TimeProvider clock)
{
    /// <summary>Who may read plans: the keepers (their places') and the staff who may be new employees (their own).</summary>
    public static readonly string[] Readers = [Roles.CompanyManager, .. StaffRoles.Examinees];

    public static bool MayRead(Wuye.Platform.Tenancy.DataScope s) => s.IsGlobal || Readers.Any(s.HasRole);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/trainings").WithTags("Staff");
        g.MapGet("/post-guides", async (WuyeDb db, Guid? projectId, CancellationToken ct) =>
            {
                var guides = await db.Set<PostGuide>()
                    .AsNoTracking()
                    .Where(x => projectId == null || x.ProjectId == null || x.ProjectId == projectId)
                    .OrderBy(x => x.Post)
                    .ThenBy(x => x.Id)
                    .Take(200)
                    .ToListAsync(ct);
                return TypedResults.Ok(await GuideDtosAsync(db, guides, ct));
            })
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("The post guides (岗位操作指引) of the places in scope, with their steps");
        g.MapPost("/post-guides", async Task<Created<GuideDto>> (OnboardingHandler h, GuideInput body, CancellationToken ct) =>
            {
                var dto = await h.WriteGuideAsync(body, ct);
                return TypedResults.Created($"/api/v1/trainings/post-guides/{dto.Id}", dto);
            })
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Write a post's guide: steps with due days after the start, each a practice, a training topic or an exam");
        g.MapGet("/post-guides/{id:guid}", async Task<Ok<GuideDto>> (WuyeDb db, Guid id, CancellationToken ct) =>
            {
                var guide = await db.Set<PostGuide>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct)
                    ?? throw new NotFoundException("post guide");
                return TypedResults.Ok((await GuideDtosAsync(db, [guide], ct))[0]);
            })
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("One post guide with its steps");
        g.MapPut(
                "/post-guides/{id:guid}",
                async Task<Ok<GuideDto>> (OnboardingHandler h, Guid id, GuideRewriteInput body, CancellationToken ct) =>
                    TypedResults.Ok(await h.RewriteGuideAsync(id, body, ct))
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary(
                "Rewrite a post guide (post, title, all its steps; its place stays): plans already made from it keep their own steps"
            );
        g.MapGet("/onboarding-plans", async (WuyeDb db, TimeProvider clock, Guid? projectId, bool? mine, CancellationToken ct) =>
            {
                var me = db.Scope.UserId;
                var plans = await OnboardingViews
                    .Visible(db)
                    .Where(p => (projectId == null || p.ProjectId == projectId) && (mine != true || p.UserId == me))
                    .OrderByDescending(p => p.StartsOn)
                    .ThenBy(p => p.Id)
                    .Take(200)
                    .ToListAsync(ct);
                return TypedResults.Ok(await OnboardingViews.ToDtosAsync(db, plans, ChinaTime.Today(clock), ct));
            })
            .RequireRoles(Readers)
            .WithSummary("Onboarding plans with their progress: the keepers' places, or the reader's own (mine=true)");
        g.MapGet("/onboarding-plans/{id:guid}", async Task<Ok<PlanDto>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
            {
                var plan = await OnboardingViews.Visible(db).FirstOrDefaultAsync(p => p.Id == id, ct)
                    ?? throw new NotFoundException("onboarding plan");
                return TypedResults.Ok((await OnboardingViews.ToDtosAsync(db, [plan], ChinaTime.Today(clock), ct))[0]);
            })
            .RequireRoles(Readers)
            .WithSummary("One onboarding plan with its steps");
        g.MapPost("/onboarding-plans", async Task<Created<PlanDto>> (OnboardingHandler h, PlanInput body, CancellationToken ct) =>
            {
                var dto = await h.MakePlanAsync(body, ct);
                return TypedResults.Created($"/api/v1/trainings/onboarding-plans/{dto.Id}", dto);
            })
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Make a new employee's onboarding plan from a post guide; the person is told");
        g.MapPost(
                "/onboarding-plans/{id:guid}/steps/{stepId:guid}/done",
                async Task<Ok<PlanDto>> (OnboardingHandler h, Guid id, Guid stepId, CancellationToken ct) =>
                    TypedResults.Ok(await h.TickAsync(id, stepId, ct))
            )
            .RequireRoles(Readers)
            .WithSummary("Tick a practice step done (the person, or a keeper of their place)");
    }

    public static async Task<List<GuideDto>> GuideDtosAsync(WuyeDb db, IReadOnlyList<PostGuide> guides, CancellationToken ct)
    {
        var ids = guides.Select(x => x.Id).ToList();
        var steps = (
            await db.Set<PostGuideStep>().AsNoTracking().Where(s => ids.Contains(s.GuideId)).OrderBy(s => s.Position).ToListAsync(ct)
        ).ToLookup(s => s.GuideId);
        return
        [
            .. guides.Select(x => new GuideDto(
                x.Id,
                x.CompanyId,
                x.ProjectId,
                x.Post,
                x.Title,
                [
                    .. steps[x.Id]
                        .Select(s => new GuideStepDto(
                            s.Id,
                            s.Position,
                            s.Title,
                            s.Instructions,
                            s.DueDay,
                            s.Kind,
                            s.TrainingTopic,
                            s.ExamId
                        )),
                ]
            )),
        ];
    }

    public async Task<GuideDto> WriteGuideAsync(GuideInput input, CancellationToken ct)
    {
        Validator.Check(input);
        Guid company;
        if (input.ProjectId is { } projectId)
        {
            company = await db.ProjectRefs().Where(p => p.Id == projectId).Select(p => (Guid?)p.CompanyId).FirstOrDefaultAsync(ct)
                ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
            if (!StaffRoles.Kept(db.Scope).Covers(company, projectId))
                throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        }
        else
        {
            company = input.CompanyId!.Value;
            if (!StaffRoles.Kept(db.Scope).Covers(company, null))
                throw ValidationException.For(
                    "companyId",
                    "只有公司负责人可以编写全公司适用的指引",
                    "Only the company's managers write company-wide guides"
                );
        }
        var (guide, steps) = PostGuide.Create(
            company,
            input.ProjectId,
            input.Post!,
            input.Title!,
            Specs(input),
            await ExamsOfAsync(company, input.ProjectId, input, ct)
        );
        db.Add(guide);
        db.AddRange(steps);
        await db.SaveChangesAsync(ct);
        return (await GuideDtosAsync(db, [guide], ct))[0];
    }

    /// <summary>
    /// Rewrites a guide of a place the reader keeps: post, title and every step (the place stays). Plans already made from it
    /// keep the steps they were made with.
    /// </summary>
    public async Task<GuideDto> RewriteGuideAsync(Guid id, GuideRewriteInput rewrite, CancellationToken ct)
    {
        Validator.Check(rewrite);
        var guide = await db.Set<PostGuide>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("post guide");
        if (!StaffRoles.Kept(db.Scope).Covers(guide.CompanyId, guide.ProjectId))
            throw new ForbiddenException("只有该指引所属项目的负责人可以修改", "Only the managers of the guide's place may change it");
        var input = new GuideInput(guide.CompanyId, guide.ProjectId, rewrite.Post, rewrite.Title, rewrite.Steps);
        var fresh = guide.Rewrite(input.Post!, input.Title!, Specs(input), await ExamsOfAsync(guide.CompanyId, guide.ProjectId, input, ct));
        // The steps kept in place by position (the unique position stays unique at every write), the surplus removed.
        var old = await db.Set<PostGuideStep>().Where(s => s.GuideId == guide.Id).OrderBy(s => s.Position).ToListAsync(ct);
        for (var i = 0; i < fresh.Count; i++)
        {
            if (i >= old.Count)
            {
                db.Add(fresh[i]);
                continue;
            }
            var (o, f) = (old[i], fresh[i]);
            (o.Title, o.Instructions, o.DueDay, o.Kind, o.TrainingTopic, o.ExamId) = (
                f.Title,
                f.Instructions,
                f.DueDay,
                f.Kind,
                f.TrainingTopic,
                f.ExamId
            );
        }
        db.RemoveRange(old.Skip(fresh.Count));
        await db.SaveChangesAsync(ct);
        return (await GuideDtosAsync(db, [guide], ct))[0];
    }

    private static List<GuideStepSpec> Specs(GuideInput input) =>
        [
            .. (input.Steps ?? []).Select(s => new GuideStepSpec(
                s!.Title ?? "",
                s.Instructions,
                s.DueDay!.Value,
                s.Kind!.Value,
                s.TrainingTopic,
                s.ExamId
            )),
        ];

    /// <summary>Which of the exams the steps name are the company's (and of the guide's project, or company-wide).</summary>
    private async Task<Func<Guid, bool>> ExamsOfAsync(Guid company, Guid? projectId, GuideInput input, CancellationToken ct)
    {
        var examIds = (input.Steps ?? []).Where(s => s?.ExamId != null).Select(s => s!.ExamId!.Value).Distinct().ToList();
        var exams = await db.Set<Exam>()
            .AsNoTracking()
            .Where(e => examIds.Contains(e.Id) && e.CompanyId == company && (e.ProjectId == null || e.ProjectId == projectId))
            .Select(e => e.Id)
            .ToListAsync(ct);
        return exams.Contains;
    }

    public async Task<PlanDto> MakePlanAsync(PlanInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var person = await db.StaffRefs()
            .AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == input.StaffMemberId && s.ArchivedAt == null && s.ProjectId != null, ct);
        if (person is null || !StaffRoles.Kept(db.Scope).Covers(person.CompanyId, person.ProjectId))
            throw ValidationException.For(
                "staffMemberId",
                "员工不存在或不在您负责的项目",
                "Person not found, or not of a project you keep"
            );
        var guide = await db.Set<PostGuide>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == input.GuideId, ct)
            ?? throw ValidationException.For("guideId", "岗位指引不存在", "Post guide not found");
        if (await db.Set<OnboardingPlan>().IgnoreQueryFilters().AnyAsync(p => p.StaffMemberId == person.Id && p.CompletedAt == null, ct))
            throw OpenPlanExists(person.Name);
        var guideSteps = await db.Set<PostGuideStep>().AsNoTracking().Where(s => s.GuideId == guide.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var (plan, steps) = OnboardingPlan.From(
            guide,
            guideSteps,
            person.CompanyId,
            person.ProjectId!.Value,
            person.Id,
            person.UserId,
            person.Name,
            input.StartsOn!.Value,
            ChinaTime.Today(clock)
        );
        db.Add(plan);
        db.AddRange(steps);
        var examIds = steps.Where(s => s.ExamId != null).Select(s => s.ExamId!.Value).Distinct().ToList();
        var exams = await db.Set<Exam>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(e => examIds.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, ct);
        var examinee = new ExamPerson(person.Id, person.Name, person.UserId, plan.ProjectId);
        foreach (var step in steps.Where(s => s.Kind == OnboardingStepKind.Exam))
        {
            var exam = exams.GetValueOrDefault(step.ExamId!.Value)
                ?? throw ValidationException.For("guideId", "指引中的考试已不存在", "An exam of the guide no longer exists");
            // The one rule of exam requirements: an exam the person already has to take is the step's (not a second one).
            var assignment = await ExamRequirements.RequireAsync(
                db,
                notifier,
                exam,
                examinee,
                $"入职计划：{plan.GuideTitle}",
                null,
                step.DueOn,
                WhenAlreadyRequired.UseIt,
                ct
            );
            step.ExamAssignmentId = assignment.Id;
        }
        if (person.UserId is { } user)
            await notifier.NotifyAsync(
                [user],
                plan.CompanyId,
                $"入职计划：{plan.GuideTitle}",
                $"欢迎加入！您的入职计划共 {steps.Count} 步，从 {plan.StartsOn:yyyy-MM-dd} 开始，"
                    + $"最后一步在 {steps.Max(s => s.DueOn):yyyy-MM-dd} 前完成。请在首页待办中查看。",
                OnboardingViews.Page,
                $"onboarding-plan:{plan.Id:N}",
                ct
            );
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
            when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: OpenPlanIndex })
        {
            // Another keeper made this person's plan at the same moment: the index keeps one open plan per person.
            throw OpenPlanExists(person.Name);
        }
        return (await OnboardingViews.ToDtosAsync(db, [plan], ChinaTime.Today(clock), ct))[0];
    }

    /// <summary>The partial unique index (migration 0142) that keeps one open plan per person.</summary>
    public const string OpenPlanIndex = "ix_onboarding_plan_staff_member_id";

    private static RuleException OpenPlanExists(string name) =>
        new("onboarding.open_plan", $"{name} 已有未完成的入职计划", $"{name} already has a plan under way");

    public async Task<PlanDto> TickAsync(Guid planId, Guid stepId, CancellationToken ct)
    {
        var me = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var plan = await OnboardingViews.Visible(db).AsTracking().FirstOrDefaultAsync(p => p.Id == planId, ct)
            ?? throw new NotFoundException("onboarding plan");
        var keeper = StaffRoles.Kept(db.Scope).Covers(plan.CompanyId, plan.ProjectId);
        if (!keeper && plan.UserId != me)
            throw new ForbiddenException("只有本人或其负责人可以确认该步骤", "Only the person or their manager may tick this step");
        var steps = await db.Set<OnboardingStep>().Where(s => s.PlanId == plan.Id).OrderBy(s => s.Position).ToListAsync(ct);
        var step = steps.FirstOrDefault(s => s.Id == stepId) ?? throw new NotFoundException("onboarding step");
        var name = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        var now = clock.GetUtcNow();
        step.Tick(name, now);
        await OnboardingViews.ApplyRecordsAsync(db, [plan], steps, ct);
        plan.Update(steps);
        await db.SaveChangesAsync(ct);
        return (await OnboardingViews.ToDtosAsync(db, [plan], ChinaTime.Today(clock), ct))[0];
    }
}
