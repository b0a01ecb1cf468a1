using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.AdoptCreditRatingTable;
using Wuye.Modules.Regulation.Features.CloseRatingPeriod;
using Wuye.Modules.Regulation.Features.ComputeFigureConduct;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Seed;

/// <summary>
/// The county regulator adopts the 开化 four-grade table and keeps half a year of records on each company it oversees: the
/// daily-inspection and filing assessments, praise and awards, verified complaints and late rectifications; one recent record
/// is still in its objection window and one was objected to. Scores and grades are computed by the app from these; each of the
/// two last periods' figures are scored as the figure job would the day after the period ended.
/// </summary>
internal sealed class RegulationDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 90;

    private static readonly (string Item, decimal? Points, int DaysAgo, string Evidence)[][] Histories =
    [
        [
            ("daily_inspection", 74, 40, "上半年日常检查考评：保洁、秩序维护良好，设备房台账齐全"),
            ("filing", 18, 120, "市场准入备案齐全，项目经理持证上岗"),
            ("praise", null, 60, "县住建局通报表扬：防汛应急处置及时"),
            ("complaint_verified", null, 30, "业主投诉地库照明损坏未修，经核实属实"),
            ("owner_satisfaction", null, 3, "第三方满意度测评 92 分"),
        ],
        [
            ("daily_inspection", 58, 40, "上半年日常检查考评：垃圾分类点脏乱，消防通道堆物"),
            ("filing", 14, 120, "两名项目负责人证书过期未更新"),
            ("rectify_late", null, 20, "消防通道堆物问题逾期未整改（台账记录）"),
            ("complaint_verified", null, 8, "业主投诉电梯困人响应超时，经核实属实"),
        ],
    ];

    /// <summary>The period before the last one ended: assessed and closed, so history and the public page have a result.</summary>
    private static readonly (string Item, decimal? Points, int Day, string Evidence)[][] Earlier =
    [
        [
            ("daily_inspection", 70, 100, "日常检查考评：整体良好，个别楼道堆物"),
            ("filing", 18, 20, "市场准入备案齐全"),
            ("award", null, 150, "获评市级物业管理示范项目"),
        ],
        [
            ("daily_inspection", 61, 100, "日常检查考评：绿化养护不到位，地库积水"),
            ("filing", 15, 20, "合同备案不全"),
            ("inspection_failed", null, 130, "集中抽查不合格，予以通报"),
        ],
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var today = ChinaTime.Today(clock);
        var managers = await DemoStaff.CompanyManagersAsync(db, ct);
        var regulators = await db.CompanyRefs()
            .Where(c => c.RegulatorId != null && c.ArchivedAt == null)
            .Select(c => c.RegulatorId!.Value)
            .Distinct()
            .OrderBy(r => r)
            .ToListAsync(ct);
        foreach (var regulatorId in regulators)
        {
            var table = await AdoptCreditRatingTableEndpoint.NewVersionAsync(db, clock, regulatorId, CreditPresets.Spec("kaihua")!, ct);
            var companies = await db.CompanyRefs()
                .Where(c => c.RegulatorId == regulatorId && c.ArchivedAt == null)
                .OrderBy(c => c.Name)
                .ThenBy(c => c.Id)
                .Select(c => c.Id)
                .Take(20)
                .ToListAsync(ct);
            var rules = table.Rules();
            var earlier = RatingPeriod.LastEnded(table.Period, today).Previous();
            for (var ci = 0; ci < companies.Count; ci++)
                foreach (var (code, points, day, evidence) in Earlier[ci % Earlier.Length])
                {
                    var on = earlier.Start.AddDays(day);
                    db.Add(
                        Record(
                            regulatorId,
                            table,
                            rules.Item(code)!,
                            companies[ci],
                            points is { } p ? p - ci / 2 : null,
                            on,
                            on.AddDays(2),
                            evidence
                        )
                    );
                }
            await db.SaveChangesAsync(ct);
            // Each period's figures scored as the job would on the morning of its cut-off; the earlier one's are past objection and
            // close.
            await new ComputeFigureConductHandler(db, Scoring(earlier, table), null).ComputeAsync(regulatorId, earlier.Code, ct);
            await new CloseRatingPeriodHandler(db, clock).CloseAsync(regulatorId, earlier.Code, ct);
            for (var ci = 0; ci < companies.Count; ci++)
            {
                var history = Histories[ci % Histories.Length];
                foreach (var (code, points, daysAgo, evidence) in history)
                {
                    var record = Record(
                        regulatorId,
                        table,
                        rules.Item(code)!,
                        companies[ci],
                        points is { } p ? p - ci / 2 : null,
                        today.AddDays(-daysAgo - 2),
                        today.AddDays(-daysAgo),
                        evidence
                    );
                    db.Add(record);
                    if (ci % Histories.Length == 1 && code == "complaint_verified" && managers.TryGetValue(companies[ci], out var manager))
                        db.Add(
                            new ConductObjection
                            {
                                CompanyId = record.CompanyId,
                                ConductRecordId = record.Id,
                                Reason = "电梯困人系维保单位责任，已提交维保合同及当日处置记录",
                                FiledByName = manager.Name,
                            }
                        );
                }
            }
            await db.SaveChangesAsync(ct);
            // The last ended period's figures (complaints, return visits) scored as the job would the day after it ended: the close
            // is offered once their objection window has passed.
            var last = RatingPeriod.LastEnded(table.Period, today);
            if (Scoring(last, table).GetUtcNow() <= clock.GetUtcNow())
                await new ComputeFigureConductHandler(db, Scoring(last, table), null).ComputeAsync(regulatorId, last.Code, ct);
            await SeedLedgerAsync(context, regulatorId, companies, managers, today, ct);
            await CommitteeDemoData.SeedAsync(db, regulatorId, companies, today, ct);
            await CampaignDemoData.SeedAsync(db, regulatorId, companies, managers, today, ct);
            await FilingDemoData.SeedAsync(db, companies, today, ct);
        }
    }

    /// <summary>09:00 China time on the day <paramref name="period"/>'s figures are scored from (its cut-off): when the job scores
    /// it.</summary>
    private static FixedClock Scoring(RatingPeriod period, CreditRatingTable table) =>
        new(FigureReadiness.ScoredFrom(period, table.Items.Where(i => i.Figure is not null)).AddHours(9));

    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }

    /// <summary>
    /// Two ledger entries at each company's first project: one open, one answered with evidence and waiting for re-inspection.
    /// </summary>
    private static async Task SeedLedgerAsync(
        DemoSeedContext context,
        Guid regulatorId,
        List<Guid> companies,
        Dictionary<Guid, (Guid Id, string Name)> managers,
        DateOnly today,
        CancellationToken ct
    )
    {
        var db = context.Db;
        foreach (var company in companies.Take(5))
        {
            var project = await db.ProjectRefs()
                .Where(p => p.CompanyId == company && p.ArchivedAt == null)
                .OrderBy(p => p.Name)
                .ThenBy(p => p.Id)
                .Select(p => p.Id)
                .FirstOrDefaultAsync(ct);
            if (project == Guid.Empty)
                continue;
            ProblemLedgerEntry Entry(ProblemKind kind, string title, string? departments, int found, int due) =>
                ProblemLedgerEntry.Create(
                    regulatorId,
                    company,
                    project,
                    kind,
                    ProblemSource.SpotCheck,
                    title,
                    "",
                    departments,
                    today.AddDays(-found),
                    today.AddDays(due),
                    today.AddDays(-found),
                    "县住建局 刘科长"
                );
            var open = Entry(ProblemKind.Problem, "消防通道堆放杂物，需清理并设置禁停标识", null, 2, 5);
            var answered = Entry(ProblemKind.Dispute, "业主与物业就停车收费发生纠纷", "社区矛盾纠纷调解小组", 6, 4);
            db.AddRange(open, answered);
            db.Add(
                new ProblemAnswer
                {
                    CompanyId = company,
                    ProjectId = project,
                    ProblemLedgerEntryId = answered.Id,
                    Text = "已召开业主、物业、社区三方调解会，达成收费公示方案",
                    Evidence = "调解会议纪要、签到表",
                    AnsweredByName = managers.TryGetValue(company, out var m) ? m.Name : "",
                }
            );
        }
        await db.SaveChangesAsync(ct);
    }

    private static ConductRecord Record(
        Guid regulatorId,
        CreditRatingTable table,
        CreditItem item,
        Guid company,
        decimal? points,
        DateOnly on,
        DateOnly recorded,
        string evidence
    ) =>
        ConductRecord.Create(
            regulatorId,
            table.Id,
            table.AppealDays,
            item,
            company,
            null,
            points,
            on,
            recorded,
            evidence,
            item.Kind == ConductKind.Base ? ConductSource.Assessment
                : item.Code == "complaint_verified" ? ConductSource.Complaint
                : item.Code == "rectify_late" ? ConductSource.Ledger
                : ConductSource.Inspection,
            null,
            "县住建局 刘科长"
        );
}
