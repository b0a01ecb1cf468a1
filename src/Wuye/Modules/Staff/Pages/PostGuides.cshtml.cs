using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Onboarding;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Pages;

/// <summary>One step row of the guide form.</summary>
internal sealed class GuideStepForm
{
    public string? Title { get; set; }
    public string? Instructions { get; set; }
    public int? DueDay { get; set; }
    public string? Kind { get; set; }
    public string? TrainingTopic { get; set; }
    public Guid? ExamId { get; set; }
}

/// <summary>
/// 岗位操作指引 under the onboarding tab, for the keepers (company managers, project managers): the guides of their places, and a
/// form to write one or rewrite it — its post, title and steps (each due 0–180 days after the start: a practice ticked, a
/// training topic passed, an exam passed), rows added and removed on the server, errors shown by the field. A plan copies its
/// guide's steps when it is made, so a rewrite changes only the plans made after it (the page says so).
/// </summary>
internal sealed class PostGuidesModel(WuyeDb db, ScopeAccessor scopes, OnboardingHandler handler) : PageModel
{
    public const string Href = "/staff/onboarding/guides";

    public List<GuideDto> Guides { get; private set; } = [];
    public Dictionary<Guid, int> PlanCounts { get; private set; } = [];
    public Dictionary<Guid, string> ProjectNames { get; private set; } = [];
    public List<(string Value, string Name)> Places { get; private set; } = [];
    public List<(Guid Id, string Title)> Exams { get; private set; } = [];
    public KeptPlaces Kept { get; private set; } = new(false, [], []);
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    /// <summary>The guide being rewritten (null: a new one).</summary>
    [BindProperty]
    public Guid? Id { get; set; }

    /// <summary>Where a new guide applies: "project:{id}" or "company:{id}" (the whole company).</summary>
    [BindProperty]
    public string? Place { get; set; }

    [BindProperty]
    public string? Post { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public List<GuideStepForm> Steps { get; set; } = [];

    public string? EditingPlace { get; private set; }

    public IEnumerable<string> ErrorsOf(string field) =>
        ModelState.TryGetValue(field, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (!StaffRoles.MayKeep(scopes.Scope))
            return Forbid();
        await LoadAsync(ct);
        if (id is { } guideId && Guides.FirstOrDefault(g => g.Id == guideId) is { } guide && Kept.Covers(guide.CompanyId, guide.ProjectId))
        {
            (Id, Post, Title) = (guide.Id, guide.Post, guide.Title);
            Steps =
            [
                .. guide.Steps.Select(s => new GuideStepForm
                {
                    Title = s.Title,
                    Instructions = s.Instructions,
                    DueDay = s.DueDay,
                    Kind = s.Kind.ToString(),
                    TrainingTopic = s.TrainingTopic?.ToString(),
                    ExamId = s.ExamId,
                }),
            ];
            EditingPlace = PlaceName(guide);
        }
        if (Steps.Count == 0)
            Steps.Add(new() { DueDay = 1, Kind = nameof(OnboardingStepKind.Practice) });
        return Page();
    }

    public async Task<IActionResult> OnPostAddStepAsync(CancellationToken ct)
    {
        if (!StaffRoles.MayKeep(scopes.Scope))
            return Forbid();
        ModelState.Clear();
        if (Steps.Count < PostGuide.MaxSteps)
            Steps.Add(new() { DueDay = Steps.LastOrDefault()?.DueDay, Kind = nameof(OnboardingStepKind.Practice) });
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveStepAsync(int index, CancellationToken ct)
    {
        if (!StaffRoles.MayKeep(scopes.Scope))
            return Forbid();
        ModelState.Clear();
        if (index >= 0 && index < Steps.Count)
            Steps.RemoveAt(index);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(StaffRoles.Keepers))
            return Forbid();
        ModelState.Clear();
        var steps = Steps
            .Select(s => new GuideStepInput(
                s.Title,
                s.Instructions,
                s.DueDay,
                Enum.TryParse<OnboardingStepKind>(s.Kind, true, out var k) ? k : null,
                Enum.TryParse<TrainingTopic>(s.TrainingTopic, true, out var t) ? t : null,
                s.ExamId
            ))
            .ToList<GuideStepInput?>();
        Guid? company = null,
            project = null;
        if (Place?.Split(':') is [var kind, var raw] && Guid.TryParse(raw, out var placeId))
            (company, project) = kind == "company" ? ((Guid?)placeId, (Guid?)null) : (null, placeId);
        var input = new GuideInput(company, project, Post, Title, steps);
        GuideDto? saved = null;
        Error = await PageActions.TryAsync(ModelState, async () =>
            saved = Id is { } id
                ? await handler.RewriteGuideAsync(id, new GuideRewriteInput(Post, Title, steps), ct)
                : await handler.WriteGuideAsync(input, ct)
        );
        await LoadAsync(ct);
        if (saved is null)
        {
            if (Id is { } editing && Guides.FirstOrDefault(g => g.Id == editing) is { } g)
                EditingPlace = PlaceName(g);
            return Page();
        }
        Done = Id is null
            ? Loc.T($"已保存指引“{saved.Title}”", $"Guide “{saved.Title}” saved")
            : Loc.T(
                $"已修改指引“{saved.Title}”；已生成的入职计划不变",
                $"Guide “{saved.Title}” changed; plans already made keep their steps"
            );
        (Id, Post, Title, Place) = (null, null, null, null);
        Steps = [new() { DueDay = 1, Kind = nameof(OnboardingStepKind.Practice) }];
        return Page();
    }

    public string PlaceName(GuideDto g) =>
        g.ProjectId is { } p ? ProjectNames.GetValueOrDefault(p) ?? "" : Loc.T("全公司适用", "Whole company");

    private async Task LoadAsync(CancellationToken ct)
    {
        Kept = StaffRoles.Kept(db.Scope);
        var guides = await db.Set<PostGuide>()
            .AsNoTracking()
            .OrderBy(g => g.Post)
            .ThenBy(g => g.Title)
            .ThenBy(g => g.Id)
            .Take(200)
            .ToListAsync(ct);
        Guides = await OnboardingHandler.GuideDtosAsync(db, guides, ct);
        var ids = guides.Select(g => g.Id).ToList();
        PlanCounts = await db.Set<OnboardingPlan>()
            .Where(p => ids.Contains(p.GuideId))
            .GroupBy(p => p.GuideId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var (companies, projects, all) = (Kept.Companies, Kept.Projects, Kept.All);
        var keptProjects = await db.ProjectRefs()
            .Where(p => all || companies.Contains(p.CompanyId) || projects.Contains(p.Id))
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Name })
            .Take(200)
            .ToListAsync(ct);
        var guideProjects = guides.Where(g => g.ProjectId != null).Select(g => g.ProjectId!.Value).Distinct().ToList();
        ProjectNames = await db.ProjectRefs().Where(p => guideProjects.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var companyNames = await db.CompanyRefs()
            .Where(c => all || companies.Contains(c.Id))
            .OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name })
            .Take(20)
            .ToListAsync(ct);
        Places =
        [
            .. keptProjects.Select(p => ($"project:{p.Id}", p.Name)),
            .. companyNames.Select(c => ($"company:{c.Id}", Loc.T($"{c.Name}（全公司适用）", $"{c.Name} (whole company)"))),
        ];
        Exams =
        [
            .. (
                await db.Set<Exam>()
                    .AsNoTracking()
                    .OrderBy(e => e.Title)
                    .ThenBy(e => e.Id)
                    .Select(e => new { e.Id, e.Title })
                    .Take(200)
                    .ToListAsync(ct)
            ).Select(e => (e.Id, e.Title)),
        ];
    }
}
