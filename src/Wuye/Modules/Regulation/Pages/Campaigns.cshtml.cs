using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.LaunchCampaign;
using Wuye.Modules.Regulation.Features.RecordCampaignInspection;
using Wuye.Modules.Regulation.Features.ReportCampaign;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Modules.Regulation.Features.SubmitSelfCheck;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Pages;

/// <summary>专项行动: the regulator launches campaigns, records inspections (findings into the ledger) and reports; a company submits
/// its self-check and follows its inspections.</summary>
internal sealed class CampaignsModel(WuyeDb db, ScopeAccessor access, TimeProvider clock, CampaignReads reads) : PageModel
{
    public List<CampaignDto> Campaigns { get; private set; } = [];
    public CampaignDto? Selected { get; private set; }
    public List<CampaignProjectDto> Projects { get; private set; } = [];
    public bool IsRegulator { get; private set; }
    public bool MayAnswer { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : Forbid();

    private async Task<bool> LoadAsync(Guid? id, CancellationToken ct)
    {
        if (!RegulationRoles.MayRead(db.Scope))
            return false;
        Today = ChinaTime.Today(clock);
        IsRegulator = db.Scope.Regulators.Length == 1 && db.Scope.HasRole(Roles.Regulator);
        MayAnswer = RegulationRoles.MayAnswer(db.Scope);
        var list = await CampaignReads.Ordered(await CampaignReads.VisibleAsync(db, ct)).Take(50).ToListAsync(ct);
        var chosen = list.FirstOrDefault(c => c.Id == id) ?? list.FirstOrDefault();
        Campaigns = await reads.ToDtosAsync(list, ct);
        Selected = Campaigns.FirstOrDefault(c => c.Id == chosen?.Id);
        if (Selected is not null)
            Projects =
            [
                .. Selected.Uninspected,
                .. Selected
                    .Inspections.Select(i => new CampaignProjectDto(i.ProjectId, i.Project, i.CompanyId, i.Company))
                    .DistinctBy(p => p.Id)
                    .Where(p => Selected.Uninspected.All(u => u.Id != p.Id)),
            ];
        return true;
    }

    public async Task<IActionResult> OnPostLaunchAsync(
        string? title,
        string? description,
        DateOnly? startsOn,
        DateOnly? selfCheckDue,
        DateOnly? rectifyDue,
        DateOnly? endsOn,
        [FromServices] LaunchCampaignHandler handler,
        CancellationToken ct
    )
    {
        if (!access.ActAs(Roles.Regulator) || db.Scope.Regulators.Length != 1)
            return Forbid();
        var input = new LaunchCampaignInput(title, description, startsOn, selfCheckDue, rectifyDue, endsOn);
        Guid? created = null;
        return await RunAsync(
            null,
            async () =>
            {
                Validator.Check(input);
                created = (await handler.LaunchAsync(db.Scope.Regulators[0], input, ct)).Id;
            },
            () => created,
            ct
        );
    }

    public async Task<IActionResult> OnPostSelfCheckAsync(
        Guid id,
        Guid? companyId,
        string? text,
        int? issuesFound,
        int? issuesFixed,
        string? evidence,
        [FromServices] SubmitSelfCheckHandler handler,
        CancellationToken ct
    )
    {
        if (!access.ActAs(RegulationRoles.CompanyAnswerers))
            return Forbid();
        var input = new SelfCheckInput(companyId, text, issuesFound, issuesFixed, evidence);
        return await RunAsync(
            id,
            async () =>
            {
                Validator.Check(input);
                await handler.SubmitAsync(id, input, ct);
            },
            () => id,
            ct
        );
    }

    public async Task<IActionResult> OnPostInspectAsync(
        Guid id,
        Guid? projectId,
        InspectionMethod? method,
        DateOnly? inspectedOn,
        string? note,
        string? findings,
        DateOnly? deadline,
        [FromServices] RecordCampaignInspectionHandler handler,
        CancellationToken ct
    )
    {
        if (!access.ActAs(Roles.Regulator))
            return Forbid();
        CampaignFindingInput[] list =
        [
            .. (findings ?? "")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => new CampaignFindingInput(line, null, deadline)),
        ];
        var input = new CampaignInspectionInput(projectId, inspectedOn, method, note, list);
        return await RunAsync(
            id,
            async () =>
            {
                Validator.Check(input);
                await handler.RecordAsync(id, input, ct);
            },
            () => id,
            ct
        );
    }

    public async Task<IActionResult> OnPostReportAsync(
        Guid id,
        string? summary,
        [FromServices] ReportCampaignHandler handler,
        CancellationToken ct
    )
    {
        if (!access.ActAs(Roles.Regulator))
            return Forbid();
        var input = new ReportCampaignInput(summary);
        return await RunAsync(
            id,
            async () =>
            {
                Validator.Check(input);
                await handler.ReportAsync(id, input, ct);
            },
            () => id,
            ct
        );
    }

    private async Task<IActionResult> RunAsync(Guid? id, Func<Task> action, Func<Guid?> then, CancellationToken ct)
    {
        Error = await PageActions.TryAsync(ModelState, action);
        if (Error is null)
            return Redirect(then() is { } next ? $"/regulation/campaigns?id={next}" : "/regulation/campaigns");
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : Forbid();
    }

    public static string PhaseText(CampaignPhase p) =>
        p switch
        {
            CampaignPhase.Planned => Loc.T("未开始", "Planned"),
            CampaignPhase.SelfCheck => Loc.T("企业自查", "Self-check"),
            CampaignPhase.Rectification => Loc.T("集中整改", "Rectification"),
            CampaignPhase.Inspection => Loc.T("检查验收", "Inspection"),
            CampaignPhase.SummaryDue => Loc.T("待总结", "Summary due"),
            _ => Loc.T("已通报", "Reported"),
        };

    public static string Badge(CampaignPhase p) =>
        p switch
        {
            CampaignPhase.SelfCheck => "bg-blue-lt",
            CampaignPhase.Rectification => "bg-orange-lt",
            CampaignPhase.Inspection => "bg-purple-lt",
            CampaignPhase.SummaryDue => "bg-red-lt",
            CampaignPhase.Reported => "bg-green-lt",
            _ => "bg-secondary-lt",
        };

    public static string MethodText(InspectionMethod m) =>
        m switch
        {
            InspectionMethod.Unannounced => Loc.T("明察暗访", "Unannounced"),
            InspectionMethod.SpotCheck => Loc.T("集中抽查", "Spot check"),
            _ => Loc.T("集中检查", "Announced"),
        };
}
