using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Contracts;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.NoticeAttachments;
using Wuye.Modules.CustomerCare.Features.PostNotice;
using Wuye.Modules.CustomerCare.Features.PublishNotice;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Modules.CustomerCare.Features.WithdrawNotice;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Pages;

/// <summary>公告栏 (staff): the project's notices with how many of their recipients read them; publishers write, publish and
/// withdraw.</summary>
internal sealed class NoticesModel(
    WuyeDb db,
    ScopeAccessor scopes,
    NoticeReader reader,
    NoticeAttachmentHandler post,
    PublishNoticeHandler publish,
    WithdrawNoticeHandler withdraw
) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public NoticeKind Kind { get; set; }

    [BindProperty]
    public NoticeAudience Audience { get; set; }

    [BindProperty]
    public bool Pinned { get; set; }

    [BindProperty]
    public bool Push { get; set; }

    [BindProperty]
    public bool Draft { get; set; }

    [BindProperty]
    public List<IFormFile> Attachments { get; set; } = [];

    public List<NoticeDto> Notices { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public bool MayPublish { get; private set; }
    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.StaffReaders))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Publishers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = new NewNotice(ProjectId, Title, Body, Kind, Audience, null, null, null, Pinned, Push, !Draft);
            var n = await post.PostAsync(input, Attachments, ct);
            Done = Draft
                ? Loc.T("已存为草稿", "Saved as a draft")
                : Loc.T($"已发布，共 {n.Recipients} 位接收人", $"Published to {n.Recipients} recipients");
        });
        if (Error is null)
            return RedirectToPage(new { projectId = ProjectId });
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) =>
        ActAsync(() => publish.HandleAsync(id, null, ct), Loc.T("已发布", "Published"), ct);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        ActAsync(() => withdraw.HandleAsync(id, ct), Loc.T("已撤下", "Withdrawn"), ct);

    private async Task<IActionResult> ActAsync(Func<Task> action, string done, CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Publishers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, action);
        if (Error is null)
        {
            Done = done;
            return RedirectToPage(new { projectId = ProjectId });
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MayPublish = CareRoles.MayPublish(db.Scope);
        Projects =
        [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .ThenBy(p => p.Id)
                    .Select(p => new { p.Id, p.Name })
                    .Take(500)
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
        ProjectId ??= Projects.Count > 0 ? Projects[0].Id : null;
        var q = (await reader.VisibleAsync(ct)).Where(n => n.ProjectId == ProjectId);
        Notices = await reader
            .ToDtos(q.OrderByDescending(n => n.Pinned).ThenByDescending(n => n.PublishedAt ?? n.CreatedAt).ThenByDescending(n => n.Id))
            .Take(100)
            .ToListAsync(ct);
    }
}
