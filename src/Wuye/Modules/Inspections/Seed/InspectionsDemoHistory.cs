using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Seed;

/// <summary>
/// The demo's history beyond the monthly plan: three months of weekly team mutual checks, a supervised
/// pre-handover site, a mystery audit and a wave campaign. Only records are written, dated back from today;
/// rankings, red flags, lateness, coverage and comparisons are left to the same code that reads them in
/// the app, and the stored derived values (week start, due dates, late flags, survey averages) come from
/// the app's own rules, so the demo cannot show a figure the app would not compute.
/// </summary>
internal sealed partial class History(
    WuyeDb db,
    Random rng,
    TimeProvider clock,
    Guid companyId,
    List<CheckItem> items,
    AppUser inspector,
    AppUser manager,
    AppUser pm,
    List<Guid> pmProjects
)
{
    // Fields, so the other part of this class (InspectionsDemoHistory.Supervision.cs) reads them too.
    private readonly WuyeDb db = db;
    private readonly Random rng = rng;
    private readonly Guid companyId = companyId;
    private readonly List<CheckItem> items = items;
    private readonly AppUser inspector = inspector;
    private readonly AppUser manager = manager;
    private readonly AppUser pm = pm;
    private readonly List<Guid> pmProjects = pmProjects;
    private readonly DateTimeOffset _now = clock.GetUtcNow();
    private readonly DateOnly _today = ChinaTime.Today(clock);

    private static DateTimeOffset At(DateOnly day, int hour, int minute = 0) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), ChinaTime.Offset).ToUniversalTime();

    private static DateOnly ChinaDate(DateTimeOffset t) => DateOnly.FromDateTime(t.ToOffset(ChinaTime.Offset).DateTime);

    private static readonly string[] Methods = ["夜间查岗", "情景模拟", "现场巡查", "资料抽查"];

    private static readonly (string Problem, string Measure)[] TeamProblems =
    [
        ("岗亭值班记录未按时填写", "班前会重申记录要求，班长每班次签字确认"),
        ("夜间巡逻漏签 2 个巡更点", "调整巡更路线，增加交接班核对"),
        ("设备房地面有积水、杂物", "当日清理，每周二固定检查设备房"),
        ("对讲机应答超过 30 秒", "补充备用电池，开展应答演练"),
        ("绿化带修剪枝叶未及时清运", "修剪后 2 小时内清运，班长现场验收"),
        ("楼道垃圾桶满溢未及时清理", "增加午间清运一次，张贴清运时间表"),
        ("维修工具摆放杂乱、未上锁", "工具定位管理，下班前清点上锁"),
        ("员工未按规定佩戴工牌", "班前检查仪容仪表，未佩戴者当班整改"),
    ];

    /// <summary>
    /// Weekly mutual checks of the project's four operating teams for the last thirteen weeks: each week every team
    /// checks another (a rotation, never itself, never the same pair twice a week), problems get a three-day fix
    /// deadline, most measures come in on time, a few late, the recent ones are still open. Teams differ in how
    /// often problems are found, so the months' rankings and red flags differ too.
    /// </summary>
    public async Task TeamChecksAsync(ProjectRef project, CancellationToken ct)
    {
        var teamRows = await db.TeamRefs()
            .AsNoTracking()
            .Where(t => t.ProjectId == project.Id && t.Kind != TeamKind.CustomerService)
            .OrderBy(t => t.Kind)
            .Select(t => new { t.Id, t.Name })
            .ToListAsync(ct);
        var leaders = await db.StaffRefs()
            .AsNoTracking()
            .Where(m => m.ProjectId == project.Id && m.IsLeader && m.TeamId != null)
            .Select(m => new { m.TeamId, m.Name })
            .ToListAsync(ct);
        if (teamRows.Count < 2)
            return;
        // The team's leader signs no account here; the name is what the quarter's points are given to.
        var teams = teamRows
            .Select(t => new InspectionTeam
            {
                CompanyId = companyId,
                ProjectId = project.Id,
                Name = t.Name,
                LeaderName = leaders.FirstOrDefault(l => l.TeamId == t.Id)?.Name,
            })
            .ToList();
        db.AddRange(teams);
        var care = teams.Select(_ => 0.25 + rng.NextDouble() * 0.5).ToArray();
        var thisWeek = CheckPeriods.Start(CheckFrequency.Weekly, _today);
        for (var w = 12; w >= 0; w--)
        {
            var week = thisWeek.AddDays(-7 * w);
            var offset = 1 + w % (teams.Count - 1);
            for (var i = 0; i < teams.Count; i++)
            {
                var on = week.AddDays(rng.Next(0, 5));
                if (on > _today)
                    continue;
                var target = (i + offset) % teams.Count;
                var found = rng.NextDouble() < care[target];
                var (problem, measure) = TeamProblems[rng.Next(TeamProblems.Length)];
                var check = new TeamMutualCheck
                {
                    CompanyId = companyId,
                    ProjectId = project.Id,
                    CheckingTeamId = teams[i].Id,
                    CheckedTeamId = teams[target].Id,
                    CheckedOn = on,
                    WeekStart = CheckPeriods.Start(CheckFrequency.Weekly, on),
                    Method = Methods[rng.Next(Methods.Length)],
                    Problems = found ? problem : null,
                    DeductedPoints = found ? rng.Next(1, 5) : 0,
                    FixDeadline = found ? on.AddDays(3) : null,
                };
                // Measures come in one to five days later (after the deadline now and then); none yet for what is still fresh.
                var measuresOn = on.AddDays(rng.Next(1, 6));
                if (found && measuresOn <= _today)
                {
                    check.Measures = measure;
                    check.MeasuresOn = measuresOn;
                }
                var verifyOn = (check.MeasuresOn ?? on).AddDays(1);
                if ((!found || check.Measures is not null) && verifyOn <= _today)
                {
                    check.VerifiedBy = inspector.Id;
                    check.VerifiedAt = Min(At(verifyOn, 10), _now);
                }
                db.Add(check);
            }
        }
    }

    private DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>
    /// A mystery visit to the first project this month, its checklist chosen against the site's own records so the comparison
    /// has something to say: an item the site checked and called fine (or did not check) fails, an item the site itself found
    /// wanting fails too, one passes, and a free-text line about the gate has no self-inspection item to compare.
    /// </summary>
    public void MysteryAudit(ProjectRef project, DateOnly month, List<InspectionResult> results, List<Finding> findings)
    {
        var mine = results.Where(r => r.ProjectId == project.Id).ToList();
        bool Found(Guid itemId) => mine.Any(r => r.CheckItemId == itemId && findings.Any(f => f.ResultId == r.Id));
        var calledFine = items.FirstOrDefault(i => mine.Any(r => r.CheckItemId == i.Id) && !Found(i.Id))
            ?? items.FirstOrDefault(i => mine.All(r => r.CheckItemId != i.Id))
            ?? items[0];
        var foundBySite = items.FirstOrDefault(i => i.Id != calledFine.Id && Found(i.Id));
        var passed = items.First(i => i.Id != calledFine.Id && i.Id != foundBySite?.Id);
        var audit = new MysteryAudit
        {
            CompanyId = companyId,
            TargetProjectId = project.Id,
            Month = month,
            Title = "客服前台与门岗暗访",
            VisitorAlias = "访客甲",
            Requirements = "以看房客户身份到访，不出示身份，观察前台接待、门岗登记和公共区域",
            VisitedAt = Min(At(month, 19, 30), _now),
            ReportedBy = inspector.Id,
            Report = "门岗未询问即放行；消防通道有杂物堆放，与项目自查记录不符；前台接待礼貌。",
        };
        db.Add(audit);
        var lines = new List<(Guid? ItemId, string Text, bool Passed, string Observation)>
        {
            (calledFine.Id, calledFine.Description, false, "现场发现与标准不符，拍照留存"),
        };
        if (foundBySite is not null)
            lines.Add((foundBySite.Id, foundBySite.Description, false, "问题依旧存在"));
        lines.Add((passed.Id, passed.Description, true, "符合标准"));
        lines.Add((null, "门岗是否主动询问来访人员并登记", false, "未询问即放行"));
        var position = 0;
        foreach (var l in lines)
            db.Add(
                new MysteryAuditItem
                {
                    CompanyId = companyId,
                    AuditId = audit.Id,
                    Position = ++position,
                    CheckItemId = l.ItemId,
                    Description = l.Text,
                    Passed = l.Passed,
                    Observation = l.Observation,
                }
            );
    }

    /// <summary>
    /// A campaign two days ago: three teams, five slots round the clock at two projects. Four teams' members inspected
    /// in their slot (one finding raised a notice), the 02:00 wave at the first project was missed.
    /// </summary>
    public void Wave(List<ProjectRef> projects, ref int number)
    {
        var first = projects[0];
        var second = projects.Count > 1 ? projects[1] : projects[0];
        var day = _today.AddDays(-2);
        var start = At(day, 8);
        var campaign = new WaveInspection
        {
            CompanyId = companyId,
            Name = "夜间安全海浪式检查",
            StartsAt = start,
        };
        db.Add(campaign);
        var plan = new (string Team, AppUser Member, ProjectRef Project, int From, int Hours, bool Done)[]
        {
            ("第一组", inspector, first, 0, 3, true),
            ("第二组", manager, second, 5, 3, true),
            ("第三组", pm, first, 14, 3, true),
            ("第一组", inspector, second, 12, 3, true),
            ("第二组", manager, first, 18, 3, false),
        };
        foreach (var p in plan)
        {
            var slot = new WaveSlot
            {
                CompanyId = companyId,
                ProjectId = p.Project.Id,
                CampaignId = campaign.Id,
                TeamName = p.Team,
                MemberUserIds = [p.Member.Id],
                StartsAt = start.AddHours(p.From),
                EndsAt = start.AddHours(p.From + p.Hours),
            };
            if (p.Done && slot.EndsAt <= _now)
                slot.InspectionId = Inspect(p.Member, p.Project, slot.StartsAt.AddMinutes(40 + rng.Next(0, 60)), ref number);
            db.Add(slot);
        }
    }

    private static readonly string[] WavePlaces = ["地下车库", "监控中心", "消防控制室", "东大门岗亭", "2 幢楼顶"];

    /// <summary>An ad hoc inspection of two items, one of them with a rectification and its notice (numbered as the app numbers
    /// them).</summary>
    private Guid Inspect(AppUser who, ProjectRef project, DateTimeOffset at, ref int number)
    {
        var on = ChinaDate(at);
        var inspection = new Inspection
        {
            CompanyId = companyId,
            ProjectId = project.Id,
            InspectorUserId = who.Id,
            InspectorName = who.DisplayName,
            Place = $"{project.Name} {WavePlaces[rng.Next(WavePlaces.Length)]}",
            CheckedAt = at,
            AdHoc = true,
        };
        db.Add(inspection);
        var checkedItems = items
            .Where(i => i.Area is CheckArea.Safety or CheckArea.Facilities or CheckArea.Cleaning)
            .OrderBy(_ => rng.Next())
            .Take(2)
            .ToList();
        for (var k = 0; k < checkedItems.Count; k++)
        {
            var item = checkedItems[k];
            var samples = rng.Next(2, 5);
            var result = new InspectionResult
            {
                CompanyId = companyId,
                ProjectId = project.Id,
                InspectionId = inspection.Id,
                CheckItemId = item.Id,
                CheckItemRevision = item.Revision,
                InspectorUserId = who.Id,
                CheckedOn = on,
                CheckedAt = at,
                Place = inspection.Place,
                SampleCount = samples,
                SampleNote = $"夜间抽查 {samples} 处",
                Traceable = true,
            };
            db.Add(result);
            if (k != 0 || rng.Next(0, 2) == 0)
                continue;
            var finding = new Finding
            {
                CompanyId = companyId,
                ProjectId = project.Id,
                InspectionId = inspection.Id,
                ResultId = result.Id,
                InspectorUserId = who.Id,
                FoundOn = on,
                Type = FindingType.Rectification,
                Description = "夜班值守人员离岗，未按规定巡查",
            };
            db.Add(finding);
            var responsible = pmProjects.Contains(project.Id) ? pm : manager;
            db.Add(
                new ImprovementNotice
                {
                    CompanyId = companyId,
                    ProjectId = project.Id,
                    FindingId = finding.Id,
                    Number = $"GJ{on:yyyyMMdd}-{++number:D4}",
                    ResponsibleUserId = responsible.Id,
                    ResponsibleName = responsible.DisplayName,
                    RequiredAction = "加强夜班管理，落实巡查签到并拍照回复",
                    Deadline = _today.AddDays(3),
                    ReverifyOn = _today.AddDays(3),
                    Status = NoticeStatus.Open,
                }
            );
        }
        return inspection.Id;
    }
}
