using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.Pledges;
using Wuye.Modules.Gate.Features.Workers;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Pages;

/// <summary>
/// 高空作业承诺: at the gate an installer reads the pledge and signs it with a finger on the phone; the service center lists (and
/// prints, or saves as PDF) the signed pledges of any day.
/// </summary>
internal sealed class PledgesModel(
    WuyeDb db,
    ScopeAccessor scopes,
    TimeProvider clock,
    PledgesHandler pledges,
    FileStore files,
    PdfRenderer pdf
) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }

    public List<ProjectRef> Projects { get; private set; } = [];
    public ProjectRef? Project { get; private set; }
    public List<WorkerDto> HeightWorkers { get; private set; } = [];
    public List<PledgeDto> Items { get; private set; } = [];
    public bool MaySign { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }
    public DateOnly Day => Date ?? ChinaTime.Today(clock);

    private async Task LoadAsync(CancellationToken ct)
    {
        MaySign = WorkersHandler.Registrars.Any(db.Scope.HasRole);
        Projects = await db.ProjectRefs().Where(p => p.ArchivedAt == null).OrderBy(p => p.Name).ThenBy(p => p.Id).Take(50).ToListAsync(ct);
        Project = Projects.FirstOrDefault(p => p.Id == ProjectId) ?? Projects.FirstOrDefault();
        if (Project is null)
            return;
        var today = ChinaTime.Today(clock);
        HeightWorkers = await WorkersHandler.ListAsync(
            db,
            db.Set<RegisteredWorker>()
                .Where(w => w.ProjectId == Project.Id && w.HeightWork && w.RevokedAt == null && w.ValidTo >= today)
                .OrderBy(w => w.Name)
                .ThenBy(w => w.Id)
                .Take(100),
            ct
        );
        Items = await PledgesHandler.OfDayAsync(db, Project.Id, Day, ct);
    }

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        if (!GateRoles.MayRead(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        if (format is "print" or "pdf" && Project is not null)
        {
            var html = await SheetAsync(ct);
            return format == "pdf"
                ? File(await pdf.RenderAsync(html, ct), "application/pdf", $"height-work-pledges-{Day:yyyyMMdd}.pdf")
                : Content(html, "text/html; charset=utf-8");
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        Guid? registeredWorkerId,
        string? workerName,
        string? phone,
        string? work,
        string? signature,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(WorkersHandler.Registrars))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = Validator.Check(new PledgeInput(ProjectId, registeredWorkerId, workerName, phone, work, signature));
            var p = await pledges.SignAsync(input, ct);
            Done = Loc.T(
                $"{p.WorkerName} 已签署今日承诺书，可进场高空作业",
                $"{p.WorkerName} signed today's pledge and may go in for work at height"
            );
        });
        Date = null;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The day's signed pledges, one after another, each with its text, version and signature (embedded, so the PDF has
    /// it).</summary>
    private async Task<string> SheetAsync(CancellationToken ct)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var sb = new StringBuilder()
            .Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>高空作业安全责任承诺书</title><style>")
            .Append("@page{size:A4;margin:12mm}body{font-family:sans-serif;font-size:11pt}")
            .Append(".p{page-break-inside:avoid;border-bottom:1px solid #999;padding:4mm 0}h1{font-size:18pt;text-align:center}")
            .Append("img{height:24mm;border:1px solid #ccc}</style></head><body><h1>高空作业安全责任承诺书 ")
            .Append(E($"{Project!.Name} {Day:yyyy-MM-dd}"))
            .Append("</h1>");
        if (Items.Count == 0)
            sb.Append("<p>当日没有签署的承诺书。</p>");
        foreach (var p in Items)
        {
            sb.Append("<div class=\"p\" data-testid=\"pledge\"><p>")
                .Append(E(p.PledgeText))
                .Append("</p><p>作业内容：")
                .Append(E(p.Work))
                .Append("　承诺人：")
                .Append(E(p.WorkerName))
                .Append(' ')
                .Append(E(p.Phone))
                .Append("　签署时间：")
                .Append(E(ChinaTime.Text(p.SignedAt)))
                .Append("　版本：")
                .Append(E(p.PledgeVersion))
                .Append("</p>");
            if (await files.OpenAsync(p.SignatureId, ct) is { } f)
            {
                await using var s = f.Content;
                using var ms = new MemoryStream();
                await s.CopyToAsync(ms, ct);
                sb.Append("<img alt=\"签名\" src=\"data:")
                    .Append(f.File.ContentType)
                    .Append(";base64,")
                    .Append(Convert.ToBase64String(ms.ToArray()))
                    .Append("\">");
            }
            sb.Append("</div>");
        }
        return sb.Append("</body></html>").ToString();
    }
}
