using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Seed;

/// <summary>
/// The plans of 001 ch.6 for every project (fire, water and power outage, elevator entrapment, flood), the fire plan revised once;
/// what later slices add (incidents, drills, outages) is written on top of these by the same app rules.
/// </summary>
internal sealed class EmergencyDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 70;

    private const string G = Roles.SecurityGuard;
    private const string T = Roles.Technician;
    private const string C = Roles.CustomerService;
    private const string M = Roles.ProjectManager;

    internal static readonly (PlanKind Kind, string Title, (string, string, int)[] Steps, (string, string)[] Contacts)[] Plans =
    [
        (
            PlanKind.Fire,
            "火灾应急预案",
            [
                ("消防控制室确认报警点位，派安全员到场核实", G, 0),
                ("确认火情后立即拨打 119，报告地址、楼层、燃烧物", G, 3),
                ("启动消防广播，组织楼内人员从安全通道疏散", G, 5),
                ("切断着火区域非消防电源，启动消防泵", T, 8),
                ("值班经理到场指挥，安排人员在路口引导消防车", M, 10),
                ("客服通知受影响楼栋业主并安抚", C, 15),
            ],
            [("火警", "119"), ("急救", "120"), ("报警", "110")]
        ),
        (
            PlanKind.ElevatorEntrapment,
            "电梯困人应急预案",
            [
                ("通过对讲安抚被困人员，告知救援已在路上", G, 0),
                ("通知电梯维保单位，要求 30 分钟内到场", T, 5),
                ("安全员到达电梯层站，确认轿厢位置", G, 10),
                ("维保人员到场放人（不得由非专业人员盘车）", T, 30),
                ("值班经理回访被困人员，记录经过", M, 60),
            ],
            [("电梯维保单位 24 小时", "0571-88880000"), ("急救", "120"), ("报警", "110")]
        ),
        (
            PlanKind.WaterOutage,
            "突发停水应急预案",
            [
                ("工程人员查找停水原因（爆管/水泵/市政）", T, 0),
                ("关闭相关阀门，防止漏水扩大", T, 10),
                ("客服在业主群和公告栏发布停水通知", C, 15),
                ("停水超过 2 小时，安排临时送水", M, 120),
            ],
            [("自来水公司", "96390")]
        ),
        (
            PlanKind.PowerOutage,
            "突发停电应急预案",
            [
                ("配电房确认停电范围，检查是否为市政停电", T, 0),
                ("安全员检查电梯有无困人", G, 5),
                ("客服通知受影响业主，说明原因与预计恢复时间", C, 15),
                ("启动应急照明，重要设备切换备用电源", T, 15),
            ],
            [("供电公司", "95598")]
        ),
        (
            PlanKind.Flood,
            "防汛应急预案",
            [
                ("监控中心关注暴雨预警，通知值班人员到岗", G, 0),
                ("在地库入口设置挡水板、沙袋", G, 20),
                ("工程人员检查排水泵运行", T, 20),
                ("值班经理巡查低洼部位并决定是否封闭地库", M, 40),
            ],
            [("防汛办", "0571-12345"), ("报警", "110")]
        ),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var projects = await db.ProjectRefs().Where(p => p.ArchivedAt == null).OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var project in projects)
        foreach (var (kind, title, steps, contacts) in Plans)
        {
            var plan = EmergencyPlan.Create(project.CompanyId, project.Id, kind, title);
            var first = now.AddDays(-400);
            db.Add(plan);
            if (kind == PlanKind.Fire)
            {
                db.Add(plan.Publish(title, [.. steps.Take(4)], contacts, "首次制定", "系统", first));
                db.Add(plan.Publish(title, steps, contacts, "增加值班经理指挥与客服通知两步", "系统", now.AddDays(-120)));
            }
            else
                db.Add(plan.Publish(title, steps, contacts, "首次制定", "系统", first));
        }
        await db.SaveChangesAsync(ct);
        await IncidentAsync(db, now, ct);
        await DrillAsync(db, now, ct);
        await OutagesAsync(db, now, ct);
    }

    /// <summary>
    /// At the demo guard's project: a three-hour water outage last week announced two days ahead, the temporary water point confirmed and
    /// the supply restored; a power outage three weeks ago announced only ten hours ahead (flagged late); a water outage in two days not
    /// yet announced (on the technician's and manager's to-do lists). The safety log of the last eighteen months: security incidents,
    /// a criminal case, fire alarms, from which the indicators are counted.
    /// </summary>
    private static async Task OutagesAsync(WuyeDb db, DateTimeOffset now, CancellationToken ct)
    {
        var guard = await db.Users.FirstOrDefaultAsync(u => u.UserName == "guard", ct);
        var tech = await db.Users.FirstOrDefaultAsync(u => u.UserName == "tech", ct);
        if (guard is null || tech is null)
            return;
        var project = await db
            .RoleAssignments.Where(r => r.UserId == guard.Id && r.Role == Roles.SecurityGuard)
            .Select(r => r.ProjectId!.Value)
            .FirstAsync(ct);
        var company = await db.ProjectRefs().Where(p => p.Id == project).Select(p => p.CompanyId).FirstAsync(ct);
        var buildings = await db.BuildingRefs()
            .Where(b => b.ProjectId == project)
            .OrderBy(b => b.Name)
            .ThenBy(b => b.Id)
            .Select(b => b.Id)
            .Take(3)
            .ToListAsync(ct);
        var (g, t) = (guard.DisplayName ?? "guard", tech.DisplayName ?? "tech");
        async Task<List<Guid>> UnitsOf(Guid building) =>
            await db.UnitRefs().Where(u => u.BuildingId == building).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
        DateTimeOffset China(int days, int hour) =>
            new DateTimeOffset(ChinaTime.ToChina(now).Date.AddDays(days).AddHours(hour), ChinaTime.Offset).ToUniversalTime();

        var done = PlannedOutage.Plan(
            company,
            project,
            OutageKind.Water,
            [buildings[0]],
            [],
            China(-6, 9),
            China(-6, 12),
            "二次供水水箱清洗消毒",
            "1 楼大堂设临时水点，另备桶装水",
            tech.Id,
            t,
            24,
            China(-10, 15)
        );
        db.Add(done);
        db.Add(done.Notify([.. await UnitsOf(buildings[0])], 0, null, "二次供水水箱清洗消毒，期间停水，请提前储水。", t, China(-8, 10)));
        done.MarkStarted(China(-6, 9));
        done.ConfirmTemporaryWater(t, China(-6, 8).AddMinutes(40));
        done.End(t, China(-6, 11).AddMinutes(40));

        var b2 = buildings.Count > 1 ? buildings[1] : buildings[0];
        var late = PlannedOutage.Plan(
            company,
            project,
            OutageKind.Power,
            [b2],
            [],
            China(-21, 14),
            China(-21, 15),
            "供电公司线路检修",
            null,
            tech.Id,
            t,
            24,
            China(-21, 2)
        );
        db.Add(late);
        db.Add(late.Notify([.. await UnitsOf(b2)], 0, null, "供电公司临时通知线路检修，今日 14:00–15:00 停电。", t, China(-21, 4)));
        late.MarkStarted(China(-21, 14));
        late.End(t, China(-21, 15).AddMinutes(10));

        db.Add(
            PlannedOutage.Plan(
                company,
                project,
                OutageKind.Water,
                [buildings[^1]],
                [],
                China(2, 9),
                China(2, 11),
                "消防水泵房阀门更换",
                null,
                tech.Id,
                t,
                24,
                now.AddMinutes(-30)
            )
        );

        foreach (
            var (days, kind, major, where, what) in new (int, SafetyEventKind, bool, string, string)[]
            {
                (-20, SafetyEventKind.FireAlarm, false, "3 幢 12 层", "烟感误报（住户厨房油烟），安全员 3 分钟到场确认"),
                (-75, SafetyEventKind.SecurityIncident, false, "地下车库 B1", "电动车电瓶被盗，已报警并调取监控"),
                (-200, SafetyEventKind.FireAlarm, false, "地下车库 B2", "手动报警按钮被误按"),
                (-400, SafetyEventKind.SecurityIncident, false, "南门", "两名访客发生口角推搡，安全员劝离"),
                (-430, SafetyEventKind.CriminalCase, false, "5 幢", "入室盗窃，已报警，公安立案"),
                (-480, SafetyEventKind.FireAlarm, false, "垃圾房", "垃圾桶烟头引燃，安全员用灭火器扑灭"),
            }
        )
            db.Add(SafetyEvent.Record(company, project, kind, major, now.AddDays(days), where, what, null, guard.Id, g, now));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// In the demo guard's project: a fire drill of fifty days ago, run step by step, with two findings (one done, one open for the
    /// technician); a flood drill scheduled for next week. The other plans, written long ago and never drilled, show as overdue.
    /// </summary>
    private static async Task DrillAsync(WuyeDb db, DateTimeOffset now, CancellationToken ct)
    {
        var guard = await db.Users.FirstOrDefaultAsync(u => u.UserName == "guard", ct);
        var tech = await db.Users.FirstOrDefaultAsync(u => u.UserName == "tech", ct);
        if (guard is null || tech is null)
            return;
        var projectId = await db
            .RoleAssignments.Where(r => r.UserId == guard.Id && r.Role == Roles.SecurityGuard)
            .Select(r => r.ProjectId)
            .FirstAsync(ct);
        var plans = await db.Set<EmergencyPlan>().Where(p => p.ProjectId == projectId).ToListAsync(ct);
        var fire = plans.First(p => p.Kind == PlanKind.Fire);
        var version = await db.Set<PlanVersion>()
            .Include(v => v.Steps)
            .FirstAsync(v => v.EmergencyPlanId == fire.Id && v.Number == fire.CurrentVersion, ct);
        var start = now.AddDays(-50).Date.AddHours(7);
        var drill = Drill.Schedule(fire, new DateTimeOffset(start, TimeSpan.Zero));
        db.Add(drill);
        var (g, t) = (guard.DisplayName ?? "guard", tech.DisplayName ?? "tech");
        var run = Incident.Start(fire, version, version.Steps, drill.Id, "地下车库 B1", [], guard.Id, g, drill.ScheduledFor);
        db.Add(run);
        drill.Started(run.Id);
        var minute = 0;
        foreach (var step in version.Steps.OrderBy(s => s.Position))
        {
            minute += 2 + step.Position;
            run.Tick(step.Position, guard.Id, g, null, drill.ScheduledFor.AddMinutes(minute));
        }
        var end = drill.ScheduledFor.AddMinutes(minute + 5);
        run.Close("演练", "疏散 126 人用时 9 分钟；B1 区 2 个灭火器压力不足，东侧消防通道有杂物。", null, end);
        drill.Complete([g, t, "客服 李娜", "秩序维护员 12 人"], "疏散 126 人用时 9 分钟，整体有序；发现两处问题已落实整改。", end);
        var today = DateOnly.FromDateTime(ChinaTime.ToChina(end).DateTime);
        var extinguishers = drill.Finding("B1 区 2 个灭火器压力不足，更换", tech.Id, t, today.AddDays(3), today, "findings[0]");
        extinguishers.Done(end.AddDays(2));
        var lane = drill.Finding(
            "东侧消防通道杂物清理并设禁停标识",
            tech.Id,
            t,
            DateOnly.FromDateTime(now.UtcDateTime).AddDays(5),
            today,
            "findings[1]"
        );
        db.AddRange(extinguishers, lane);
        db.Add(
            Drill.Schedule(plans.First(p => p.Kind == PlanKind.Flood), new DateTimeOffset(now.AddDays(7).Date.AddHours(7), TimeSpan.Zero))
        );
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An elevator entrapment of ten days ago in the demo guard's project: the maintenance company came late (step 4).</summary>
    private static async Task IncidentAsync(WuyeDb db, DateTimeOffset now, CancellationToken ct)
    {
        var guard = await db.Users.FirstOrDefaultAsync(u => u.UserName == "guard", ct);
        var tech = await db.Users.FirstOrDefaultAsync(u => u.UserName == "tech", ct);
        if (guard is null || tech is null)
            return;
        var projectId = await db
            .RoleAssignments.Where(r => r.UserId == guard.Id && r.Role == Roles.SecurityGuard)
            .Select(r => r.ProjectId)
            .FirstAsync(ct);
        var plan = await db.Set<EmergencyPlan>().FirstAsync(p => p.ProjectId == projectId && p.Kind == PlanKind.ElevatorEntrapment, ct);
        var version = await db.Set<PlanVersion>()
            .Include(v => v.Steps)
            .FirstAsync(v => v.EmergencyPlanId == plan.Id && v.Number == plan.CurrentVersion, ct);
        var building = await db.BuildingRefs()
            .Where(b => b.ProjectId == projectId)
            .OrderBy(b => b.Name)
            .ThenBy(b => b.Id)
            .Select(b => b.Id)
            .FirstAsync(ct);
        var start = now.AddDays(-10).AddHours(-3);
        var (g, t) = (guard.DisplayName ?? "guard", tech.DisplayName ?? "tech");
        var incident = Incident.Start(plan, version, version.Steps, null, "1 号梯", [building], guard.Id, g, start);
        db.Add(incident);
        db.Add(IncidentEntry.For(incident, EntryKind.Started, $"启动：{version.Title}（第 {version.Number} 版）", g, start));
        foreach (
            var (pos, minutes, by, id) in new[]
            {
                (1, 1, g, guard.Id),
                (2, 4, t, tech.Id),
                (3, 9, g, guard.Id),
                (4, 42, t, tech.Id),
                (5, 55, g, guard.Id),
            }
        )
        {
            var step = incident.Tick(pos, id, by, null, start.AddMinutes(minutes));
            var late = incident.IsLate(step, start.AddMinutes(minutes));
            db.Add(
                IncidentEntry.For(
                    incident,
                    EntryKind.Step,
                    $"完成第 {pos} 步：{step.Action}{(late ? "（超时）" : "")}",
                    by,
                    start.AddMinutes(minutes)
                )
            );
        }
        db.Add(IncidentEntry.For(incident, EntryKind.Call, "已拨打 电梯维保单位 24 小时 0571-88880000", g, start.AddMinutes(3)));
        incident.Close(
            "1 号梯门锁回路故障",
            "维保人员 42 分钟到场（超出 30 分钟时限），被困 1 人安全放出，已约谈维保单位。",
            null,
            start.AddMinutes(60)
        );
        db.Add(IncidentEntry.For(incident, EntryKind.Closed, "结束：1 号梯门锁回路故障", g, start.AddMinutes(60)));
        await db.SaveChangesAsync(ct);
    }
}
