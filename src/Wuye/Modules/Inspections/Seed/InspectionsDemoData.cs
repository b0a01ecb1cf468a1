using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Seed;

/// <summary>
/// A small standards library for 锦华物业, the quality inspector's plan for this month at two of its
/// projects, and a few inspections with findings and notices, so the metrics page has figures from
/// records. Same seed, same history (dated relative to the month the demo is created in).
/// </summary>
internal sealed class InspectionsDemoData(TimeProvider clock, ILogger<InspectionsDemoData> log) : IDemoDataContributor
{
    public int Order => 40;

    private static readonly (
        string Code,
        CheckArea Area,
        string Description,
        string Method,
        string Sampling,
        decimal Points,
        CheckFrequency Frequency
    )[] Library =
    [
        ("AQ-01", CheckArea.Safety, "消防通道畅通，无堆物、无占用", "现场查看", "抽查 3 处消防通道", 2, CheckFrequency.Weekly),
        ("AQ-02", CheckArea.Safety, "灭火器压力正常、在有效期内", "查看压力表与标签", "每幢抽查 2 具", 2, CheckFrequency.Monthly),
        ("BJ-01", CheckArea.Cleaning, "大堂、电梯轿厢地面无污渍、无垃圾", "目视检查", "抽查 2 个单元大堂", 1, CheckFrequency.Weekly),
        ("LH-01", CheckArea.Greening, "绿化带无枯枝、无黄土裸露", "巡查", "抽查 3 处绿地", 1, CheckFrequency.Monthly),
        ("SS-01", CheckArea.Facilities, "二次供水水箱清洗消毒记录齐全", "查阅记录", "全部水箱", 3, CheckFrequency.Semiannual),
        (
            "KF-01",
            CheckArea.CustomerService,
            "客服前台接待使用礼貌用语，登记完整",
            "观察与查阅登记本",
            "抽查 5 条登记",
            1,
            CheckFrequency.Quarterly
        ),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var db = context.Db;
        var rng = context.Random;
        var company = await db.CompanyRefs().OrderBy(c => c.Name).FirstAsync(c => c.Name.StartsWith("锦华"), ct);
        var projects = await db.ProjectRefs()
            .Where(p => p.CompanyId == company.Id && p.Kind == MasterData.Contracts.ProjectKind.Residential)
            .OrderBy(p => p.Name)
            .Take(2)
            .ToListAsync(ct);
        var inspector = await db.Users.FirstAsync(u => u.UserName == "inspector", ct);
        var pm = await db.Users.FirstAsync(u => u.UserName == "pm", ct);
        var manager = await db.Users.FirstAsync(u => u.UserName == "manager", ct);
        var pmProjects = await db
            .RoleAssignments.Where(r => r.UserId == pm.Id && r.ProjectId != null)
            .Select(r => r.ProjectId!.Value)
            .ToListAsync(ct);

        var items = Library
            .Select(x => new CheckItem
            {
                CompanyId = company.Id,
                Code = x.Code,
                Area = x.Area,
                Description = x.Description,
                Method = x.Method,
                Sampling = x.Sampling,
                PointsPerDeduction = x.Points,
                Frequency = x.Frequency,
            })
            .ToList();
        db.AddRange(items);
        db.AddRange(items.Select(i => i.Snapshot()));

        var today = ChinaTime.Today(clock);
        var month = Qpi.MonthOf(today);
        var plan = new InspectionPlan
        {
            CompanyId = company.Id,
            InspectorUserId = inspector.Id,
            InspectorName = inspector.DisplayName,
            Level = InspectorLevel.QualityDepartment,
            Name = "品质部月度核查",
            StartMonth = month,
        };
        db.Add(plan);
        var lines = projects
            .SelectMany(p =>
                items.Select(i => new InspectionPlanLine
                {
                    CompanyId = company.Id,
                    ProjectId = p.Id,
                    PlanId = plan.Id,
                    CheckItemId = i.Id,
                    Frequency = i.Frequency,
                })
            )
            .ToList();
        db.AddRange(lines);

        // Two visits this month (on the 1st, so they are in the past whatever day the demo is made),
        // each checking a random half of the project's planned points.
        var number = 0;
        var results = new List<InspectionResult>();
        var findings = new List<Finding>();
        foreach (var project in projects)
        {
            var at = new DateTimeOffset(month.Year, month.Month, 1, 10, 0, 0, ChinaTime.Offset).ToUniversalTime();
            var inspection = new Inspection
            {
                CompanyId = company.Id,
                ProjectId = project.Id,
                InspectorUserId = inspector.Id,
                InspectorName = inspector.DisplayName,
                Place = $"{project.Name} 公共区域",
                CheckedAt = at,
            };
            db.Add(inspection);
            foreach (var line in lines.Where(l => l.ProjectId == project.Id && rng.Next(0, 2) == 0))
            {
                var item = items.First(i => i.Id == line.CheckItemId);
                var samples = rng.Next(0, 10) == 0 ? 0 : rng.Next(2, 6);
                var result = new InspectionResult
                {
                    CompanyId = company.Id,
                    ProjectId = project.Id,
                    InspectionId = inspection.Id,
                    CheckItemId = item.Id,
                    CheckItemRevision = 1,
                    PlanLineId = line.Id,
                    InspectorUserId = inspector.Id,
                    CheckedOn = month,
                    CheckedAt = at,
                    Place = inspection.Place,
                    // Every demo check was performed; one in ten lacks its sample count, so it is not traceable.
                    SampleCount = samples,
                    SampleNote = samples > 0 ? $"抽查 {samples} 处" : null,
                    Note = samples > 0 ? null : "现场查看，未记录抽样数",
                    Traceable = samples > 0,
                };
                db.Add(result);
                results.Add(result);
                var roll = rng.Next(0, 6);
                if (roll > 2)
                    continue;
                var type = (FindingType)roll;
                var finding = new Finding
                {
                    CompanyId = company.Id,
                    ProjectId = project.Id,
                    InspectionId = inspection.Id,
                    ResultId = result.Id,
                    InspectorUserId = inspector.Id,
                    FoundOn = month,
                    Type = type,
                    Points = type == FindingType.Deduction ? item.PointsPerDeduction : 0,
                    Description = type switch
                    {
                        FindingType.Suggestion => "建议增加巡查频次",
                        FindingType.Rectification => "发现个别处不符合标准",
                        _ => "多处不符合标准，扣分",
                    },
                };
                db.Add(finding);
                findings.Add(finding);
                db.Add(
                    new ImprovementNotice
                    {
                        CompanyId = company.Id,
                        ProjectId = project.Id,
                        FindingId = finding.Id,
                        Number = $"GJ{month:yyyyMMdd}-{++number:D4}",
                        ResponsibleUserId = pmProjects.Contains(project.Id) ? pm.Id : manager.Id,
                        ResponsibleName = pmProjects.Contains(project.Id) ? pm.DisplayName : manager.DisplayName,
                        RequiredAction = type == FindingType.Suggestion ? "研究并采纳该建议，回复采纳或落实情况" : "按标准整改并拍照回复",
                        Deadline = today.AddDays(7),
                        ReverifyOn = today.AddDays(7),
                        Status = NoticeStatus.Open,
                    }
                );
            }
        }

        var history = new History(db, rng, clock, company.Id, items, inspector, manager, pm, pmProjects);
        await history.TeamChecksAsync(projects.FirstOrDefault(p => p.Name == "阳光水岸") ?? projects[^1], ct);
        history.Supervision();
        history.MysteryAudit(projects[0], month, results, findings);
        history.Wave(projects, ref number);
        await db.SaveChangesAsync(ct);
        log.LogInformation(
            "Inspection demo history ({Rows} rows) created in {Ms} ms",
            db.ChangeTracker.Entries().Count(),
            started.ElapsedMilliseconds
        );
    }
}
