using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.ProduceDailyReview;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.Complaints.Features.WeeklyReview;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Pages;

/// <summary>每日盘点 page: a project's review of a day (the latest by default), printable and exportable, and the weekly meeting
/// list.</summary>
internal sealed class DailyReviewModel(WuyeDb db, ProduceDailyReviewHandler reviews, WeeklyReviewHandler weekly, TimeProvider clock)
    : PageModel
{
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ReviewId { get; set; }
    public List<DailyReviewDto> Recent { get; private set; } = [];
    public DailyReviewDetail? Review { get; private set; }
    public List<WeeklyItemDto> Weekly { get; private set; } = [];
    public bool CanRun => db.Scope.IsGlobal || ComplaintRoles.ReviewTakers.Any(db.Scope.Roles.Contains);

    private bool Allowed => db.Scope.IsGlobal || ComplaintRoles.ReviewReaders.Any(db.Scope.Roles.Contains);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Allowed)
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Allowed || !CanRun)
            return Forbid();
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == ProjectId)
            .Select(p => new { p.Id, p.CompanyId })
            .FirstOrDefaultAsync(ct);
        if (project is null || !db.Scope.CanWrite(project.CompanyId, project.Id, null, null))
            return NotFound();
        var (review, _) = await reviews.ProduceAsync(project.CompanyId, project.Id, ChinaTime.Today(clock), refresh: true, ct);
        return Redirect($"/complaints/daily-review?projectId={project.Id}&reviewId={review.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Projects =
        [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .Select(p => new { p.Id, p.Name })
                    .Take(500)
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
        ProjectId ??= Projects.FirstOrDefault().Id;
        if (ProjectId == Guid.Empty)
            return;
        Recent = await DailyReviewQueries
            .Reviews(db, db.Set<DailyReview>().AsNoTracking().Where(r => r.ProjectId == ProjectId).OrderByDescending(r => r.ReviewDate))
            .Take(14)
            .ToListAsync(ct);
        var id = ReviewId ?? Recent.FirstOrDefault()?.Id;
        if (id is { } rid)
            Review = await DailyReviewQueries.DetailAsync(db, rid, ct);
        Weekly = await weekly.WeeklyAsync(ProjectId, ChinaTime.Today(clock), ct);
    }
}
