using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.ListRenovations;
using Wuye.Modules.Gate.Features.RenovationChecks;
using Wuye.Modules.Gate.Features.RenovationMetrics;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Pages.Renovations;

/// <summary>
/// 装修管理: the renovations of the reader's projects — by state, those waiting for today's check of the reader's kind, those with a
/// violation not yet put right — and the figures of the last 12 months.
/// </summary>
internal sealed class IndexModel(WuyeDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public RenovationState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public CheckKind? Due { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Open { get; set; }

    public List<RenovationDto> Items { get; private set; } = [];
    public RenovationMetricsDto Metrics { get; private set; } = null!;
    public HashSet<Guid> WithOpenViolation { get; private set; } = [];

    /// <summary>The charts' labels in the reader's language: the states (as the metrics API names them), violations, deposits.</summary>
    public string ChartLabels =>
        System.Text.Json.JsonSerializer.Serialize(
            new
            {
                states = Enum.GetValues<RenovationState>()
                    .ToDictionary(s => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s.ToString()), RenovationText.State),
                violations = new[]
                {
                    Loc.T("违规合计", "Violations in all"),
                    Loc.T("已整改", "Put right"),
                    Loc.T("非施工时间进场被拒", "After-hours refused"),
                    Loc.T("漏检", "Checks missed"),
                },
                deposits = new[] { Loc.T("在押", "Held"), Loc.T("已退", "Refunded"), Loc.T("扣款", "Deducted") },
            }
        );

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!GateRoles.MayRead(db.Scope))
            return Forbid();
        var today = ChinaTime.Today(clock);
        var checks = db.Set<RenovationCheck>();
        IQueryable<Renovation> q;
        if (Due is { } k)
            q = RenovationChecksHandler
                .Active(db, today)
                .Where(r => !checks.Any(c => c.RenovationId == r.Id && c.Day == today && c.Kind == k));
        else if (Open)
            q = db.Set<Renovation>().Where(r => checks.Any(c => c.RenovationId == r.Id && c.Violation && c.RectifiedAt == null));
        else
            q = db.Set<Renovation>().Where(r => State == null ? r.State != RenovationState.Refunded : r.State == State);
        var ids = await q.OrderBy(r => r.StartDate).ThenBy(r => r.Id).Select(r => r.Id).Take(100).ToListAsync(ct);
        Items =
        [
            .. (await RenovationReads.ListAsync(db, db.Set<Renovation>().Where(r => ids.Contains(r.Id)), ct)).OrderBy(r =>
                ids.IndexOf(r.Id)
            ),
        ];
        WithOpenViolation =
        [
            .. await checks
                .Where(c => ids.Contains(c.RenovationId) && c.Violation && c.RectifiedAt == null)
                .Select(c => c.RenovationId)
                .ToListAsync(ct),
        ];
        Metrics = await RenovationMetricsReads.ComputeAsync(db, null, today.AddYears(-1).AddDays(1), today, ct);
        return Page();
    }
}
