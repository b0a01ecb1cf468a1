using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.PublicRevenue;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Pages;

/// <summary>
/// 公共收益: a project's ledger of one half year (entries added by the fee desk while the half year is open, read-only once its
/// statement is published), the owners' share with its history, the statement the app computes from the ledger, and for the
/// managers publishing it, correcting it as a new version with a reason, and each version's read count.
/// </summary>
internal sealed class PublicRevenueModel(
    WuyeDb db,
    ScopeAccessor scopes,
    TimeProvider clock,
    FileStore files,
    RevenueLedgerHandler ledger,
    RevenueStatementsHandler statements,
    RevenueReads reads
) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Half { get; set; }

    /// <summary>The picker's half year, "2026-1" (year and half); the links give year and half.</summary>
    [BindProperty(SupportsGet = true, Name = "period")]
    public string? PeriodKey { get; set; }

    [BindProperty]
    public RevenueCategory? Category { get; set; }

    [BindProperty]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public decimal? Amount { get; set; }

    [BindProperty]
    public string? Counterparty { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public List<IFormFile>? Photos { get; set; }

    [BindProperty]
    public decimal? SharePercent { get; set; }

    [BindProperty]
    public DateOnly? ShareFrom { get; set; }

    [BindProperty]
    public string? ShareNote { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public Guid[]? VoidIds { get; set; }

    /// <summary>The form whose field errors are shown: entry, share or correct.</summary>
    public string? Form { get; private set; }

    public HalfYear Period => new(Year ?? 2000, Half ?? 1);
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public List<HalfYear> Periods { get; private set; } = [];
    public StatementDraft? Draft { get; private set; }
    public List<RevenueEntry> Entries { get; private set; } = [];
    public List<OwnerShareDto> Shares { get; private set; } = [];
    public List<(StatementDto Statement, StatementReadsDto Reads)> Versions { get; private set; } = [];
    public bool Published => Versions.Count > 0;
    public bool MayPublish { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today { get; private set; }

    [TempData]
    public string? Done { get; set; }

    /// <summary>The field's messages from the last post of <paramref name="form"/>.</summary>
    public string? Err(string form, params string[] keys) =>
        Form != form ? null
        : string.Join(
            " ",
            keys.Distinct().SelectMany(k => ModelState.TryGetValue(k, out var e) ? e.Errors.Select(x => x.ErrorMessage) : [])
        )
            is { Length: > 0 } m
            ? m
        : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(RevenueRoles.Recorders))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>记一笔: an entry of the half year, with its vouchers' photos (stored first; dropped again if it is refused).</summary>
    public async Task<IActionResult> OnPostEntryAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(RevenueRoles.Recorders))
            return Forbid();
        Form = "entry";
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = new NewRevenueEntry(ProjectId, Category, Date, Amount, Counterparty, Note, null);
            Validator.Check(input);
            var photos = await PageActions.SavePhotosAsync(files, Photos, ProjectId, null, ct);
            await PageActions.WithPhotosAsync(files, photos, () => ledger.AddAsync(input with { AttachmentIds = photos }, ct));
            Done = Loc.T($"已记入台账：{FeeText.CategoryName(Category!.Value)} ¥{Money.Text(Amount!.Value)}", "Entered in the ledger");
        });
        return await AfterAsync(ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!scopes.ActAs(RevenueRoles.Recorders))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            await ledger.DeleteAsync(id, ct);
            Done = Loc.T("已删除该条目", "Entry deleted");
        });
        return await AfterAsync(ct);
    }

    public async Task<IActionResult> OnPostShareAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(RevenueRoles.Publishers))
            return Forbid();
        Form = "share";
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var s = await ledger.SetShareAsync(new NewOwnerShare(ProjectId, SharePercent, ShareFrom, ShareNote), ct);
            Done = Loc.T($"业主分成比例 {s.Percent:0.##}%，自 {s.EffectiveFrom:yyyy-MM-dd} 起", "Owners' share set");
        });
        return await AfterAsync(ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(RevenueRoles.Publishers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            await statements.PublishAsync(new NewStatement(ProjectId, Year, Half), ct);
            Done = Loc.T("已发布，已通知业主和业委会", "Published; the owners and the committee are told");
        });
        return await AfterAsync(ct);
    }

    /// <summary>更正: the next version with its reason, voiding the ticked entries and adding one when its fields are filled.</summary>
    public async Task<IActionResult> OnPostCorrectAsync(Guid statementId, CancellationToken ct)
    {
        if (!scopes.ActAs(RevenueRoles.Publishers))
            return Forbid();
        Form = "correct";
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            NewRevenueEntry? added = null;
            if (Category is not null || Amount is not null || !string.IsNullOrWhiteSpace(Counterparty))
            {
                added = new NewRevenueEntry(ProjectId, Category, Date, Amount, Counterparty, Note, null);
                Validator.Check(added);
            }
            var next = await statements.CorrectAsync(
                statementId,
                new StatementCorrection(Reason, VoidIds ?? [], added is null ? [] : [added]),
                ct
            );
            Done = Loc.T($"已发布更正（第 {next.Edition} 版）", $"Correction published (version {next.Edition})");
        });
        return await AfterAsync(ct);
    }

    private async Task<IActionResult> AfterAsync(CancellationToken ct)
    {
        if (Error is null)
            return RedirectToPage(
                new
                {
                    projectId = ProjectId,
                    year = Year,
                    half = Half,
                }
            );
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        MayPublish = FeeRoles.MayManage(db.Scope);
        Projects = await FeePages.ProjectsAsync(db, ct);
        if (ProjectId is null || Projects.All(p => p.Id != ProjectId))
            ProjectId = Projects.Count > 0 ? Projects[0].Id : null;
        var now = HalfYear.Of(Today);
        if (PeriodKey?.Split('-') is [var py, var ph] && int.TryParse(py, out var yy) && int.TryParse(ph, out var hh))
            (Year, Half) = (yy, hh);
        Periods = [now];
        for (var i = 0; i < 5; i++)
            Periods.Add(Periods[^1].Previous);
        if (Year is not ({ } y and >= 2000 and <= 2100) || Half is not (1 or 2))
            (Year, Half) = (now.Year, now.Half);
        if (!Periods.Contains(Period))
            Periods.Add(Period);
        if (ProjectId is not { } project)
            return;
        Draft = await statements.DraftAsync(new NewStatement(project, Year, Half), ct);
        var (from, to) = (Period.Start, Period.End);
        Entries = await db.Set<RevenueEntry>()
            .AsNoTracking()
            .Where(e => e.ProjectId == project && e.Date >= from && e.Date <= to)
            .OrderByDescending(e => e.Date)
            .ThenByDescending(e => e.Id)
            .Take(500)
            .ToListAsync(ct);
        Shares = await db.Set<OwnerShareSetting>()
            .AsNoTracking()
            .Where(s => s.ProjectId == project)
            .OrderByDescending(s => s.EffectiveFrom)
            .ThenByDescending(s => s.CreatedAt)
            .Take(50)
            .Select(s => new OwnerShareDto(s.Id, s.ProjectId, s.Percent, s.EffectiveFrom, s.Note, s.SetByName, s.CreatedAt))
            .ToListAsync(ct);
        var versions = await reads.DtosAsync(
            db.Set<RevenueStatement>().AsNoTracking().Where(s => s.ProjectId == project && s.Year == Year && s.Half == Half),
            ct
        );
        Versions = [];
        foreach (var v in versions)
            Versions.Add((v, await statements.ReadsAsync(v.Id, ct)));
        Date ??= Today < to ? Today : to;
        ShareFrom ??= from;
    }
}
