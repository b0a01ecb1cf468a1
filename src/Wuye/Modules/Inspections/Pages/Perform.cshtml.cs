using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Pages;

internal sealed class PerformModel(WuyeDb db, Features.ListDueChecks.DueChecks inspections, TimeProvider clock)
    : InspectionPage(InspectionRoles.MayInspect)
{
    [BindProperty(SupportsGet = true)]
    public Guid ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool AdHoc { get; set; }

    /// <summary>A wave slot the inspection is recorded for: once saved, it is counted as the slot's wave.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? WaveId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? SlotId { get; set; }
    public string? SlotApi { get; private set; }
    public string ProjectName { get; private set; } = "";
    public DateOnly Today { get; private set; }
    public List<Line> Lines { get; private set; } = [];
    public List<StaffOption> Staff { get; private set; } = [];

    public sealed record Line(
        Guid? PlanLineId,
        Guid CheckItemId,
        string Code,
        string Description,
        string? Method,
        string? Sampling,
        decimal PointsPerDeduction,
        string FrequencyName
    );

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == ProjectId, ct);
        if (project is null)
            return NotFound();
        ProjectName = project.Name;
        if (
            WaveId is { } wave
            && SlotId is { } slot
            && await db.Set<WaveSlot>()
                .AsNoTracking()
                .AnyAsync(s => s.Id == slot && s.CampaignId == wave && s.ProjectId == project.Id && s.InspectionId == null, ct)
        )
            SlotApi = $"/api/v1/wave-inspections/{wave}/slots/{slot}/complete";
        Today = ChinaTime.Today(clock);
        Staff = await QpiStaff.ForProjectAsync(db, project.Id, project.CompanyId, ct);
        var due = AdHoc ? [] : await inspections.DueAsync(project.Id, Today, ct);
        if (due.Count == 0)
            AdHoc = true;
        Lines = AdHoc
            ?
            [
                .. (
                    await db.Set<CheckItem>()
                        .AsNoTracking()
                        .Where(i => i.CompanyId == project.CompanyId && i.RetiredAt == null)
                        .OrderBy(i => i.Code)
                        .ToListAsync(ct)
                ).Select(i => new Line(
                    null,
                    i.Id,
                    i.Code,
                    i.Description,
                    i.Method,
                    i.Sampling,
                    i.PointsPerDeduction,
                    Qpi.Name(Qpi.Frequencies, i.Frequency)
                )),
            ]
            :
            [
                .. due.Select(d => new Line(
                    d.PlanLineId,
                    d.CheckItemId,
                    d.Code,
                    d.Description,
                    d.Method,
                    d.Sampling,
                    d.PointsPerDeduction,
                    d.FrequencyName
                )),
            ];
        return Page();
    }
}
