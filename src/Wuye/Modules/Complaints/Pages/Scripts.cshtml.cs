using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Pages;

/// <summary>投诉回复口径汇编: search, add, edit (a new version each time) and see a script's history.</summary>
internal sealed class ScriptsModel(WuyeDb db, UserNames userNames) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public ComplaintCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? History { get; set; }
    public List<ReplyScriptDto> Scripts { get; private set; } = [];
    public List<ReplyScriptDto> Versions { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public string? Error { get; private set; }
    public bool CanEdit => db.Scope.IsGlobal || ComplaintRoles.ScriptEditors.Any(db.Scope.Roles.Contains);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ComplaintPages.IsStaff(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        Guid? scriptId,
        Guid? projectId,
        ComplaintCategory? category,
        string? question,
        string? answer,
        string? changeNote,
        CancellationToken ct
    )
    {
        if (!CanEdit)
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = new ReplyScriptInput(projectId, category, question, answer, changeNote);
            Wuye.Platform.Web.Validator.Check(input);
            var name = db.Scope.UserId is { } me ? await userNames.NameAsync(me, ct) : null;
            if (scriptId is { } sid)
            {
                var current = await db.Set<ReplyScript>().FirstOrDefaultAsync(s => s.ScriptId == sid && s.IsCurrent, ct)
                    ?? throw new NotFoundException("reply_script");
                db.Add(current.NextVersion(category!.Value, question!, answer!, name, changeNote));
            }
            else
            {
                var project = await db.ProjectRefs()
                    .Where(p => p.Id == projectId)
                    .Select(p => new { p.Id, p.CompanyId })
                    .FirstOrDefaultAsync(ct)
                    ?? throw ValidationException.For("projectId", "请选择项目", "Choose a project");
                db.Add(ReplyScript.First(project.CompanyId, project.Id, category!.Value, question!, answer!, name, changeNote));
            }
            await db.SaveChangesAsync(ct);
        });
        if (Error is null)
            return Redirect("/complaints/scripts" + (scriptId is { } h ? $"?history={h}" : ""));
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var q = db.Set<ReplyScript>().AsNoTracking().Where(s => s.IsCurrent);
        if (Category is { } c)
            q = q.Where(s => s.Category == c);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var t = Q.Trim();
            q = q.Where(s => s.Question.Contains(t) || s.Answer.Contains(t));
        }
        Scripts = await ComplaintQueries.Scripts(q.OrderBy(s => s.Category).ThenBy(s => s.Question)).Take(200).ToListAsync(ct);
        if (History is { } h)
            Versions = await ComplaintQueries
                .Scripts(db.Set<ReplyScript>().AsNoTracking().Where(s => s.ScriptId == h).OrderByDescending(s => s.VersionNo))
                .ToListAsync(ct);
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
    }
}
