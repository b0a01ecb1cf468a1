using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.CheckWorkerEntry;
using Wuye.Modules.Gate.Features.ListVisitorPasses;
using Wuye.Modules.Gate.Features.RegisterWalkIn;
using Wuye.Modules.Gate.Features.ScanAtGate;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Modules.Gate.Features.Workers;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Pages;

/// <summary>
/// 门岗: the gate console on a phone. Scan a pass (camera where the browser reads QR codes, the typed code otherwise; with the network
/// down the page checks the signature itself with the project's public key), register a walk-in after calling the owner, see who is
/// inside and who was left inside from an earlier day.
/// </summary>
internal sealed class ConsoleModel(
    WuyeDb db,
    ScopeAccessor scopes,
    TimeProvider clock,
    PassKeys keys,
    ScanAtGateHandler scans,
    RegisterWalkInHandler walkIns,
    WorkersHandler workers,
    CheckWorkerEntryHandler permits
) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }
    public List<ProjectRef> Projects { get; private set; } = [];
    public ProjectRef? Project { get; private set; }
    public string PublicKey { get; private set; } = "";
    public List<GateEntryDto> Inside { get; private set; } = [];
    public List<GateEntryDto> LeftInside { get; private set; } = [];
    public List<VisitorPassDto> WalkIns { get; private set; } = [];
    public int EnteredToday { get; private set; }
    public ScanResultDto? Result { get; private set; }
    public WorkerStayDto? WorkerResult { get; private set; }
    public EntryCheckDto? PermitResult { get; private set; }
    public List<WorkerDto> Workers { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var grants = db.Scope.Grants.Where(g => GateRoles.Console.Contains(g.Role)).ToList();
        var projects = grants.Where(g => g.Project is not null).Select(g => g.Project!.Value).ToArray();
        var companies = grants.Where(g => g.Project is null && g.Company is not null).Select(g => g.Company!.Value).ToArray();
        Projects = await db.ProjectRefs()
            .Where(p => p.ArchivedAt == null && (projects.Contains(p.Id) || companies.Contains(p.CompanyId)))
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Take(50)
            .ToListAsync(ct);
        Project = Projects.FirstOrDefault(p => p.Id == ProjectId) ?? Projects.FirstOrDefault();
        if (Project is null)
            return false;
        var id = Project.Id;
        PublicKey = Convert.ToBase64String(await keys.PublicKeyAsync(Project.CompanyId, id, ct));
        var today = ChinaTime.Today(clock);
        var start = ChinaTime.StartOf(today).ToUniversalTime();
        Inside = await PassViews.EntriesAsync(
            db,
            db.Set<GateEntry>()
                .Where(e => e.ProjectId == id && e.OutAt == null && e.InAt >= start)
                .OrderByDescending(e => e.InAt)
                .ThenBy(e => e.Id)
                .Take(100),
            ct
        );
        LeftInside = await PassViews.EntriesAsync(
            db,
            ListVisitorPassesEndpoints.LeftInside(db, today).Where(e => e.ProjectId == id).OrderBy(e => e.InAt).ThenBy(e => e.Id).Take(100),
            ct
        );
        Workers = await WorkersHandler.ListAsync(
            db,
            db.Set<RegisteredWorker>()
                .Where(w => w.ProjectId == id && w.RevokedAt == null && w.ValidTo >= today)
                .OrderBy(w => w.Name)
                .ThenBy(w => w.Id)
                .Take(60),
            ct
        );
        EnteredToday = await db.Set<GateEntry>().CountAsync(e => e.ProjectId == id && e.InAt >= start, ct);
        var now = clock.GetUtcNow();
        WalkIns = await PassViews.PassesAsync(
            db,
            db.Set<VisitorPass>()
                .Where(p => p.ProjectId == id && p.Kind == PassKind.WalkIn && p.ValidTo > now && p.EntriesUsed == 0)
                .Where(p => p.Status == PassStatus.AwaitingOwner || p.Status == PassStatus.Active || p.AnsweredAt >= start)
                .OrderByDescending(p => p.CreatedAt)
                .ThenBy(p => p.Id)
                .Take(50),
            ct
        );
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!GateRoles.MayWorkGate(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostScanAsync(string? payload, string? code, CancellationToken ct)
    {
        if (!scopes.ActAs(GateRoles.Console))
            return Forbid();
        var input = new ScanInput(ProjectId, payload, string.IsNullOrWhiteSpace(payload) ? code : null);
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            var typed = (input.Code ?? "").Trim().ToUpperInvariant();
            if (input.Payload?.Trim() is { } p && p.StartsWith("WYR", StringComparison.Ordinal))
                PermitResult = await permits.CheckAsync(
                    Validator.Check(new EntryCheckInput(ProjectId, null, Loc.T("施工人员", "Worker"), p)),
                    ct
                );
            else if (
                typed.Length > 0
                && !await db.Set<VisitorPass>().AnyAsync(x => x.ProjectId == ProjectId && x.Code == typed, ct)
                && await db.Set<RegisteredWorker>().AnyAsync(x => x.ProjectId == ProjectId && x.Code == typed, ct)
            )
                WorkerResult = await workers.SignAsync(ProjectId!.Value, null, typed, ct);
            else
                Result = await scans.ScanAsync(input, ct);
        });
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostWalkInAsync(
        string? unit,
        string? visitorName,
        string? visitorPhone,
        int? people,
        string? plateNumber,
        string? callNote,
        bool ownerAgreed,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(GateRoles.Console))
            return Forbid();
        var input = new WalkInInput(ProjectId, null, unit, visitorName, visitorPhone, plateNumber, people ?? 1, callNote, ownerAgreed);
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            var pass = await walkIns.RegisterAsync(input, ct);
            Done = pass.Inside
                ? Loc.T($"已登记并放行：{pass.VisitorName}", $"Registered and let in: {pass.VisitorName}")
                : Loc.T($"已登记，等待业主确认：{pass.VisitorName}", $"Registered, waiting for the owner: {pass.VisitorName}");
        });
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostWorkerAsync(Guid workerId, CancellationToken ct)
    {
        if (!scopes.ActAs(GateRoles.Console))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
            WorkerResult = await workers.SignAsync(ProjectId ?? Guid.Empty, workerId, null, ct)
        );
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPermitAsync(string? permitCode, string? workerName, CancellationToken ct)
    {
        if (!scopes.ActAs(GateRoles.Console))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
            PermitResult = await permits.CheckAsync(Validator.Check(new EntryCheckInput(ProjectId, permitCode, workerName)), ct)
        );
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCheckOutAsync(Guid entryId, CancellationToken ct)
    {
        if (!scopes.ActAs(GateRoles.Console))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var e = await scans.CheckOutAsync(entryId, ct);
            Done = Loc.T($"已登记离开：{e.Name}", $"Checked out: {e.Name}");
        });
        await LoadAsync(ct);
        return Page();
    }

    public static string Stay(DateTimeOffset from, DateTimeOffset now)
    {
        var m = (int)Math.Max(0, (now - from).TotalMinutes);
        return m < 60 ? Loc.T($"{m} 分钟", $"{m} min") : Loc.T($"{m / 60} 小时 {m % 60} 分", $"{m / 60} h {m % 60} min");
    }
}
