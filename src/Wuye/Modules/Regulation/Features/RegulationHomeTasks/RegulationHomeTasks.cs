using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.RegulationHomeTasks;

/// <summary>
/// The regulation lines of the home to-do lists: for the regulator, objections waiting for a decision; for a company's managers,
/// records about the company still in their objection window (the time to object runs out). Counted under the reader's scope.
/// </summary>
internal sealed class RegulationHomeTasks(WuyeDb db, TimeProvider clock, IOptions<RegulationOptions> options) : IHomeTaskSource
{
    public const string Link = "/regulation/credit";
    public const string LedgerLink = "/regulation/ledger";
    public const string CommitteesLink = "/regulation/committees";
    public const string CampaignsLink = "/regulation/campaigns";

    /// <summary>Campaigns in their self-check or rectification phase the caller's company has not submitted its self-check for; and
    /// whether one of them is past its self-check date or due within the reminder days (<see cref="RegulationOptions"/>).</summary>
    private async Task<(int Count, bool Urgent)> SelfChecksDueAsync(DateOnly today, CancellationToken ct)
    {
        var open = await (await CampaignReads.VisibleAsync(db, ct))
            .Where(c => c.ReportedAt == null && c.StartsOn <= today && c.RectifyDue >= today)
            .Select(c => new { c.Id, c.SelfCheckDue })
            .ToListAsync(ct);
        if (open.Count == 0)
            return (0, false);
        var ids = open.Select(c => c.Id).ToList();
        var done = await db.Set<CampaignSelfCheck>().Where(s => ids.Contains(s.CampaignId)).Select(s => s.CampaignId).ToListAsync(ct);
        var due = open.Where(c => !done.Contains(c.Id)).ToList();
        var soon = today.AddDays(options.Value.SelfCheckReminderDays);
        return (due.Count, due.Any(c => c.SelfCheckDue <= soon));
    }

    private Task<int> EndingTermsAsync(CancellationToken ct)
    {
        var horizon = ChinaTime.Today(clock).AddDays(OwnersCommittee.AlertDays);
        return db.Set<OwnersCommittee>().CountAsync(c => c.TermEnd <= horizon, ct);
    }

    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (role == Roles.Regulator)
        {
            var pending = await db.Set<ConductRecord>()
                .CountAsync(r => r.Decision == null && db.Set<ConductObjection>().Any(o => o.ConductRecordId == r.Id), ct);
            var toReinspect = await db.Set<ProblemLedgerEntry>()
                .CountAsync(
                    e =>
                        e.ClosedAt == null
                        && db.Set<ProblemAnswer>()
                            .Any(a => a.ProblemLedgerEntryId == e.Id && (e.ReturnedAt == null || a.CreatedAt > e.ReturnedAt)),
                    ct
                );
            var ending = await EndingTermsAsync(ct);
            var today = ChinaTime.Today(clock);
            var toReport = await db.Set<Campaign>().CountAsync(c => c.ReportedAt == null && c.RectifyDue < today, ct);
            return
            [
                new(Loc.T("待处理的信用记录异议", "Objections to conduct records to decide"), pending, Link, pending > 0),
                new(Loc.T("待复查的台账问题", "Ledger problems answered, to re-inspect"), toReinspect, LedgerLink, false),
                new(Loc.T("任期即将届满的业主委员会", "Owners' committees whose term is ending"), ending, CommitteesLink, false),
                new(Loc.T("待检查总结的专项行动", "Campaigns to inspect and report"), toReport, CampaignsLink, false),
            ];
        }
        if (role is Roles.CompanyManager or Roles.QualityInspector)
        {
            var today = ChinaTime.Today(clock);
            var open = await db.Set<ConductRecord>()
                .CountAsync(
                    r =>
                        r.Decision == null
                        && r.AppealUntil >= today
                        && r.Kind != ConductKind.Good
                        && !db.Set<ConductObjection>().Any(o => o.ConductRecordId == r.Id),
                    ct
                );
            var problems = await db.Set<ProblemLedgerEntry>()
                .CountAsync(
                    e =>
                        e.ClosedAt == null
                        && !db.Set<ProblemAnswer>()
                            .Any(a => a.ProblemLedgerEntryId == e.Id && (e.ReturnedAt == null || a.CreatedAt > e.ReturnedAt)),
                    ct
                );
            var overdue = problems > 0 && await db.Set<ProblemLedgerEntry>().AnyAsync(e => e.ClosedAt == null && e.Deadline < today, ct);
            List<HomeTask> tasks = [];
            var (selfChecks, urgent) = await SelfChecksDueAsync(today, ct);
            if (selfChecks > 0)
                tasks.Add(new(Loc.T("专项行动待提交自查报告", "Campaign self-checks to submit"), selfChecks, CampaignsLink, urgent));
            if (problems > 0)
                tasks.Add(new(Loc.T("主管部门交办待整改问题", "Problems from the regulator to rectify"), problems, LedgerLink, overdue));
            if (open > 0)
                tasks.Add(new(Loc.T("异议期内的信用记录", "Conduct records open to objection"), open, Link, false));
            if (role == Roles.CompanyManager && await EndingTermsAsync(ct) is > 0 and var ending)
                tasks.Add(new(Loc.T("任期即将届满的业主委员会", "Owners' committees whose term is ending"), ending, CommitteesLink, false));
            return tasks;
        }
        return [];
    }
}
