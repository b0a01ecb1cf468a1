using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Domain;

/// <summary>What a step of a post guide asks: practise on the job (ticked), a training of a topic passed, an exam passed.</summary>
internal enum OnboardingStepKind
{
    Practice,
    Training,
    Exam,
}

/// <summary>A step of a guide as written by its keeper (validated by <see cref="PostGuide.Create"/>).</summary>
internal sealed record GuideStepSpec(
    string Title,
    string? Instructions,
    int DueDay,
    OnboardingStepKind Kind,
    TrainingTopic? TrainingTopic,
    Guid? ExamId
);

/// <summary>
/// 岗位操作指引 (000#7, 编制岗位傻瓜式操作指引，强化新职员对岗位快速适应): a company's (or one project's) step-by-step guide for a
/// post of the staff register (its position, e.g. 维修电工); a new employee's onboarding plan is made from it.
/// </summary>
internal sealed class PostGuide : Entity, IScoped
{
    public const int MaxSteps = 30;

    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public required string Post { get; set; }
    public required string Title { get; set; }

    /// <summary>A guide with its steps; every step is checked, field by field (steps[i].…).</summary>
    public static (PostGuide Guide, List<PostGuideStep> Steps) Create(
        Guid companyId,
        Guid? projectId,
        string post,
        string title,
        IReadOnlyList<GuideStepSpec> steps,
        Func<Guid, bool> examExists
    )
    {
        var guide = new PostGuide
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Post = post.Trim(),
            Title = title.Trim(),
        };
        return (guide, guide.StepsOf(steps, examExists));
    }

    /// <summary>
    /// The guide rewritten (post, title and all its steps, checked as <see cref="Create"/>; its place stays): the steps it has
    /// now. Plans already made from it keep their own copies of the steps (<see cref="OnboardingPlan.From"/>) and do not change.
    /// </summary>
    public List<PostGuideStep> Rewrite(string post, string title, IReadOnlyList<GuideStepSpec> steps, Func<Guid, bool> examExists)
    {
        var fresh = StepsOf(steps, examExists);
        (Post, Title) = (post.Trim(), title.Trim());
        return fresh;
    }

    private List<PostGuideStep> StepsOf(IReadOnlyList<GuideStepSpec> steps, Func<Guid, bool> examExists)
    {
        var v = new Validator();
        if (steps.Count == 0)
            v.Add("steps", "指引至少要有一个步骤", "A guide needs at least one step");
        else if (steps.Count > MaxSteps)
            v.Add("steps", $"指引最多 {MaxSteps} 个步骤", $"At most {MaxSteps} steps");
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var f = $"steps[{i}]";
            if (string.IsNullOrWhiteSpace(s.Title))
                v.Add($"{f}.title", "请填写步骤名称", "Give the step a title");
            else if (s.Title.Trim().Length > 100)
                v.Add($"{f}.title", "步骤名称最多 100 字", "At most 100 characters");
            if (s.Instructions is { Length: > 1000 })
                v.Add($"{f}.instructions", "操作说明最多 1000 字", "At most 1000 characters");
            if (s.DueDay is < 0 or > 180)
                v.Add($"{f}.dueDay", "完成期限须在入职后 0 到 180 天内", "Due 0 to 180 days after the start");
            if (s.Kind == OnboardingStepKind.Training && s.TrainingTopic is null)
                v.Add($"{f}.trainingTopic", "请选择须通过的培训类别", "Choose the training topic to pass");
            if (s.Kind == OnboardingStepKind.Exam && (s.ExamId is not { } exam || !examExists(exam)))
                v.Add($"{f}.examId", "请选择须通过的考试（本单位的考试）", "Choose the exam to pass (one of the company's)");
        }
        v.ThrowIfAny();
        return
        [
            .. steps.Select(
                (s, i) =>
                    new PostGuideStep
                    {
                        CompanyId = CompanyId,
                        ProjectId = ProjectId,
                        GuideId = Id,
                        Position = i + 1,
                        Title = s.Title.Trim(),
                        Instructions = string.IsNullOrWhiteSpace(s.Instructions) ? null : s.Instructions.Trim(),
                        DueDay = s.DueDay,
                        Kind = s.Kind,
                        TrainingTopic = s.Kind == OnboardingStepKind.Training ? s.TrainingTopic : null,
                        ExamId = s.Kind == OnboardingStepKind.Exam ? s.ExamId : null,
                    }
            ),
        ];
    }
}

/// <summary>A step of a post guide: what to do, by which day after the start, and the training or exam it requires.</summary>
internal sealed class PostGuideStep : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid GuideId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public string? Instructions { get; set; }
    public int DueDay { get; set; }
    public OnboardingStepKind Kind { get; set; }
    public TrainingTopic? TrainingTopic { get; set; }
    public Guid? ExamId { get; set; }
}

/// <summary>
/// 入职计划: a new employee's plan made from the guide of their post, starting on a day; its steps are tracked to done (a practice
/// step ticked, a training or exam step by the person's records). Complete when every step is done.
/// </summary>
internal sealed class OnboardingPlan : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid GuideId { get; set; }
    public required string GuideTitle { get; set; }
    public Guid StaffMemberId { get; set; }
    public Guid? UserId { get; set; }
    public required string PersonName { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>
    /// The plan of a person of <paramref name="personProjectId"/> from <paramref name="guide"/> (of the person's company, and of
    /// their project or the whole company), starting within a month either side of <paramref name="today"/>.
    /// </summary>
    public static (OnboardingPlan Plan, List<OnboardingStep> Steps) From(
        PostGuide guide,
        IReadOnlyList<PostGuideStep> steps,
        Guid personCompanyId,
        Guid personProjectId,
        Guid staffMemberId,
        Guid? userId,
        string name,
        DateOnly startsOn,
        DateOnly today
    )
    {
        if (guide.CompanyId != personCompanyId || (guide.ProjectId is { } p && p != personProjectId))
            throw ValidationException.For("guideId", "该指引不适用于此员工的项目", "The guide is not for this person's project");
        if (startsOn < today.AddDays(-31) || startsOn > today.AddDays(31))
            throw ValidationException.For("startsOn", "入职日期须在今天前后一个月内", "The start must be within a month of today");
        var plan = new OnboardingPlan
        {
            CompanyId = guide.CompanyId,
            ProjectId = personProjectId,
            GuideId = guide.Id,
            GuideTitle = guide.Title,
            StaffMemberId = staffMemberId,
            UserId = userId,
            PersonName = name,
            StartsOn = startsOn,
        };
        return (
            plan,
            [
                .. steps
                    .OrderBy(s => s.Position)
                    .Select(s => new OnboardingStep
                    {
                        CompanyId = plan.CompanyId,
                        ProjectId = plan.ProjectId,
                        PlanId = plan.Id,
                        Position = s.Position,
                        Title = s.Title,
                        Instructions = s.Instructions,
                        Kind = s.Kind,
                        TrainingTopic = s.TrainingTopic,
                        ExamId = s.ExamId,
                        DueOn = startsOn.AddDays(s.DueDay),
                    }),
            ]
        );
    }

    /// <summary>
    /// The one rule of completion: a plan is complete when every step is done, at the moment its last step was done (not when
    /// somebody noticed). <see cref="Update"/> stores it; the views show it from the steps as the records have them.
    /// </summary>
    public static DateTimeOffset? CompletionOf(IReadOnlyCollection<OnboardingStep> steps) =>
        steps.All(s => s.DoneAt != null) ? steps.Max(s => s.DoneAt) : null;

    /// <summary>Marks the plan complete once every step is done (and open again should one not be).</summary>
    public void Update(IReadOnlyCollection<OnboardingStep> steps) => CompletedAt = CompletionOf(steps);
}

/// <summary>A step of a person's plan, with its due day; done when ticked (practice) or when the record says so.</summary>
internal sealed class OnboardingStep : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid PlanId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public string? Instructions { get; set; }
    public OnboardingStepKind Kind { get; set; }
    public TrainingTopic? TrainingTopic { get; set; }
    public Guid? ExamId { get; set; }

    /// <summary>The exam assignment made for the step when the plan was made.</summary>
    public Guid? ExamAssignmentId { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneByName { get; set; }

    /// <summary>When the person and their manager were told the step is overdue (once).</summary>
    public DateTimeOffset? OverdueNoticeAt { get; set; }

    public bool Overdue(DateOnly today) => DoneAt is null && DueOn < today;

    /// <summary>The person or a keeper ticks a practice step; training and exam steps are done by their records.</summary>
    public void Tick(string byName, DateTimeOffset now)
    {
        if (Kind != OnboardingStepKind.Practice)
            throw new RuleException(
                "onboarding.by_record",
                "该步骤以培训或考试记录为准，通过后自动完成",
                "This step is done by the training or exam record, once passed"
            );
        if (DoneAt is not null)
            throw new RuleException("onboarding.done", "该步骤已完成", "This step is already done");
        (DoneAt, DoneByName) = (now, byName);
    }

    /// <summary>A training or exam step whose record shows a pass.</summary>
    public bool DoneByRecord(DateTimeOffset passedAt, string by)
    {
        if (DoneAt is not null || Kind == OnboardingStepKind.Practice)
            return false;
        (DoneAt, DoneByName) = (passedAt, by);
        return true;
    }
}
