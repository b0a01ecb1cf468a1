using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Seed;

/// <summary>
/// Six months of complaint history (about 100 complaints in the small data), company-wide reply
/// scripts with some edited versions, and a noise problem in the demo project this month so the
/// early warning has something to say. Dates count back from the day of seeding; the rest
/// follows the seed.
/// </summary>
internal sealed class ComplaintDemoData(TimeProvider clock, IProjectCalendars calendars) : IDemoDataContributor
{
    public int Order => 30;

    private static readonly (ComplaintCategory Category, string Text, string Dept)[] Topics =
    [
        (ComplaintCategory.Repairs, "报修三天没人上门处理", "engineering"),
        (ComplaintCategory.Cleaning, "楼道垃圾两天没人清理", "cleaning"),
        (ComplaintCategory.Security, "夜间有陌生人进入小区无人盘问", "security"),
        (ComplaintCategory.Greening, "楼下树木遮挡采光要求修剪", "greening"),
        (ComplaintCategory.Parking, "固定车位被他人占用", "security"),
        (ComplaintCategory.Noise, "楼上装修噪音超时施工", "security"),
        (ComplaintCategory.Fees, "物业费账单金额有误", "finance"),
        (ComplaintCategory.StaffAttitude, "前台人员态度冷淡", "customer_service"),
        (ComplaintCategory.Renovation, "邻居装修垃圾堆放在楼道", "customer_service"),
        (ComplaintCategory.Facilities, "单元门禁经常失灵", "engineering"),
    ];

    private static readonly (ComplaintCategory Category, string Question, string Answer)[] Scripts =
    [
        (
            ComplaintCategory.Repairs,
            "报修后迟迟没人上门怎么办？",
            "非常抱歉让您久等。我已将您的报修升级为加急，维修师傅将在 2 小时内与您联系上门，处理完毕后我会亲自回访您。"
        ),
        (
            ComplaintCategory.Noise,
            "楼上装修噪音太大、超时施工怎么处理？",
            "装修时间为工作日 8:00–12:00、14:00–18:00，节假日不得进行产生噪音的施工。我们马上安排秩序维护员上门制止，并对该户进行装修违规登记。"
        ),
        (
            ComplaintCategory.Parking,
            "我的车位被别人占了怎么办？",
            "请您稍候，我们立即通过车牌联系车主挪车；联系不上的，秩序维护员会在车上张贴告知单并持续跟进，处理结果 30 分钟内答复您。"
        ),
        (
            ComplaintCategory.Fees,
            "物业费为什么这么贵/账单有疑问？",
            "物业费标准按照合同及物价部门备案执行，收支情况每年公示。您的账单明细我们可以逐项为您核对，如确有差错当场更正。"
        ),
        (
            ComplaintCategory.Cleaning,
            "楼道卫生没人打扫怎么办？",
            "感谢您的提醒。我们已通知保洁班长在 1 小时内完成清理，并加强该楼栋的巡查频次，明天起每日检查记录可在服务中心查阅。"
        ),
        (
            ComplaintCategory.StaffAttitude,
            "工作人员态度不好，我要投诉",
            "对给您带来的不愉快我们深表歉意。该情况已记录，由项目经理负责调查并在 2 天内给您答复处理结果，同时会加强员工服务礼仪培训。"
        ),
        (
            ComplaintCategory.Security,
            "小区里有陌生人随意进出，安全吗？",
            "我们实行来访登记制度，今晚起加强门岗核查和夜间巡逻，并调取监控核实您反映的情况，结果会及时告知您。"
        ),
        (
            ComplaintCategory.Facilities,
            "门禁、电梯等公共设施经常坏",
            "我们已安排工程部全面检修，并与设备维保单位约定到场时限；检修计划会在单元门口公示，修复后请您监督。"
        ),
    ];

    public async Task SeedAsync(DemoSeedContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var rng = ctx.Random;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var monthStart = ChinaTime.StartOf(new DateOnly(today.Year, today.Month, 1)).ToUniversalTime();

        var staff = await db
            .Users.Where(u => u.UserName == "service" || u.UserName == "owner")
            .ToDictionaryAsync(u => u.UserName!, u => (u.Id, Name: u.DisplayName ?? u.UserName!), ct);
        // Each company's own manager edits its scripts and receives its complaints: demo data never crosses companies.
        var managers = await DemoStaff.CompanyManagersAsync(db, ct);
        var serviceProject = await db
            .RoleAssignments.Where(r => r.UserId == staff["service"].Id)
            .Select(r => r.ProjectId)
            .FirstOrDefaultAsync(ct);
        var companies = await db.CompanyRefs().OrderBy(c => c.Name).Select(c => c.Id).ToListAsync(ct);

        foreach (var companyId in companies)
        {
            string? editor = managers.TryGetValue(companyId, out var m) ? m.Name : null;
            for (var i = 0; i < Scripts.Length; i++)
            {
                var s = Scripts[i];
                var first = new ReplyScript
                {
                    CompanyId = companyId,
                    ScriptId = Guid.CreateVersion7(),
                    VersionNo = 1,
                    IsCurrent = i % 3 != 0,
                    Category = s.Category,
                    Question = s.Question,
                    Answer = i % 3 == 0 ? s.Answer.Split('，')[0] + "，我们会尽快处理。" : s.Answer,
                    EditedByName = editor,
                };
                db.Add(first);
                if (i % 3 == 0)
                    db.Add(
                        new ReplyScript
                        {
                            CompanyId = companyId,
                            ScriptId = first.ScriptId,
                            VersionNo = 2,
                            IsCurrent = true,
                            Category = s.Category,
                            Question = s.Question,
                            Answer = s.Answer,
                            EditedByName = editor,
                            ChangeNote = "补充处理时限和回访承诺",
                        }
                    );
            }
        }

        var perProject = ctx.Size == "small" ? 16 : 5;
        var projects = await db.ProjectRefs().OrderBy(p => p.Name).Select(p => new { p.Id, p.CompanyId }).ToListAsync(ct);
        // Promises count working days on each project's calendar, as the service gives them.
        var ownerUnit = await db.OccupantRefs()
            .Where(o => db.PersonRefs().Any(p => p.Id == o.PersonId && p.UserId == staff["owner"].Id))
            .Select(o => o.UnitId)
            .FirstOrDefaultAsync(ct);
        foreach (var p in projects)
        {
            var homes = await (
                from o in db.OccupantRefs()
                join person in db.PersonRefs() on o.PersonId equals person.Id
                join u in db.UnitRefs() on o.UnitId equals u.Id
                where o.ProjectId == p.Id && o.Relation == OccupantRelation.Owner
                orderby u.Id
                select new Home(u.Id, u.ZoneId, u.BuildingId, person.Id, person.Name, person.Phone, person.UserId)
            )
                .Take(200)
                .ToListAsync(ct);
            if (homes.Count == 0)
                continue;
            var time = await calendars.ForProjectAsync(p.CompanyId, p.Id, ct);
            Promise promise = (from, days) => time.AddWorkingDays(from, days) ?? from.AddDays(days);
            if (p.Id != serviceProject && !managers.ContainsKey(p.CompanyId))
                continue; // nobody of that company to receive one
            var receiver = p.Id == serviceProject ? staff["service"] : managers[p.CompanyId];
            for (var i = 0; i < perProject; i++)
            {
                var received = now.AddDays(-rng.Next(3, 180)).AddMinutes(-rng.Next(0, 600));
                Add(
                    db,
                    rng,
                    p.CompanyId,
                    p.Id,
                    homes[rng.Next(homes.Count)],
                    Topics[rng.Next(Topics.Length)],
                    received,
                    receiver,
                    now,
                    promise
                );
            }
            // Open ones of the last days: one past its promise with no root cause yet, for the daily review
            // (ten days back: past two working days even across a week of holidays).
            for (var i = 0; i < 2; i++)
                Add(
                    db,
                    rng,
                    p.CompanyId,
                    p.Id,
                    homes[rng.Next(homes.Count)],
                    Topics[rng.Next(Topics.Length)],
                    now.AddHours(-(i == 0 ? 240 : 5)),
                    receiver,
                    now,
                    promise,
                    keepOpen: true
                );
            if (p.Id != serviceProject)
                continue;
            // A noise problem in one building this month, from several households: the early warning's case.
            var building = homes[0].BuildingId;
            var neighbours = homes.Where(h => h.BuildingId == building).Take(4).ToList();
            for (var i = 0; i < neighbours.Count; i++)
            {
                var at = now.AddHours(-(i + 1) * 3);
                if (at < monthStart)
                    at = monthStart.AddMinutes(10 + i);
                Add(db, rng, p.CompanyId, p.Id, neighbours[i], Topics[5], at, receiver, now, promise, keepOpen: i < 2);
            }
            if (homes.FirstOrDefault(h => h.UnitId == ownerUnit) is { } mine)
                Add(db, rng, p.CompanyId, p.Id, mine, Topics[1], now.AddDays(-20), receiver, now, promise);
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
    }

    private delegate DateTimeOffset Promise(DateTimeOffset from, int workingDays);

    private sealed record Home(Guid UnitId, Guid? ZoneId, Guid BuildingId, Guid PersonId, string Name, string? Phone, Guid? UserId);

    private static void Add(
        WuyeDb db,
        Random rng,
        Guid companyId,
        Guid projectId,
        Home h,
        (ComplaintCategory Category, string Text, string Dept) topic,
        DateTimeOffset received,
        (Guid Id, string Name) receiver,
        DateTimeOffset now,
        Promise promise,
        bool keepOpen = false
    )
    {
        var channel = (ComplaintChannel)new[] { 0, 1, 1, 2, 3, 4 }[rng.Next(6)];
        var c = new Complaint
        {
            CompanyId = companyId,
            ProjectId = projectId,
            ZoneId = h.ZoneId,
            UnitId = h.UnitId,
            BuildingId = h.BuildingId,
            Number = "TS" + ChinaTime.ToChina(received).ToString("yyMMdd") + rng.Next(0, 0xFFFFFF).ToString("X6"),
            Channel = channel,
            Category = topic.Category,
            Description = topic.Text,
            PersonId = h.PersonId,
            ComplainantName = h.Name,
            ComplainantPhone = h.Phone,
            ComplainantUserId = h.UserId,
            Effective = rng.Next(100) >= 12,
            Vip = rng.Next(100) < 8,
            Major = rng.Next(100) < 4 ? MajorKind.Group : null,
            Departments = [topic.Dept],
            ReceivedByUserId = receiver.Id,
            ReceivedByName = receiver.Name,
            OwnerStaffId = receiver.Id,
            OwnerStaffName = receiver.Name,
            ReceivedAt = received,
            ReceivedMonth = ChinaTime.Month(received),
            ReplyDueAt = promise(received, 2),
            Status = ComplaintStatus.Open,
        };
        if (!c.Effective)
            c.IneffectiveReason = "不属于物业服务范围（开发商遗留/市政问题），已解释并转告相关单位";
        db.Add(c);
        Event(db, c, received, ComplaintEventKind.Received, receiver.Name, $"承诺答复 {ChinaTime.Text(c.ReplyDueAt)}");
        if (c.Vip || c.Major is not null)
        {
            c.EscalationLevel = 1;
            db.Add(
                new ComplaintEscalation
                {
                    CompanyId = companyId,
                    ProjectId = projectId,
                    ZoneId = c.ZoneId,
                    UnitId = c.UnitId,
                    ComplaintId = c.Id,
                    Level = 1,
                    At = received,
                }
            );
            Event(db, c, received, ComplaintEventKind.Escalated, "系统", "升级至 项目经理：VIP/重大投诉即时上报");
        }
        if (rng.Next(100) < 15)
        {
            c.PostponedAt = received.AddDays(1);
            c.PostponeReason = "需等待供应商配件";
            c.ReplyDueAt = promise(c.ReplyDueAt, 2);
            Event(db, c, c.PostponedAt.Value, ComplaintEventKind.Postponed, receiver.Name, $"原因：{c.PostponeReason}；已短信通知投诉人");
        }
        var closeAt = received.AddHours(rng.Next(100) < 80 ? rng.Next(4, 44) : rng.Next(50, 140));
        if (keepOpen || closeAt > now)
        {
            if (now > c.ReplyDueAt && rng.Next(2) == 0)
                c.NextStep = "联系相关部门落实处理时间";
            return;
        }
        c.RootCause = "巡查不到位，问题未及时发现";
        c.Status = ComplaintStatus.Closed;
        c.ClosedAt = c.RepliedAt = closeAt;
        c.RepliedOnTime = closeAt <= c.ReplyDueAt;
        c.Resolution = "已处理完毕并向业主说明";
        Event(db, c, closeAt, ComplaintEventKind.Closed, receiver.Name, c.Resolution);
        var visitAt = closeAt.AddHours(rng.Next(2, 30));
        if (visitAt > now || rng.Next(100) < 10)
            return;
        c.VisitedAt = visitAt;
        c.Satisfied = rng.Next(100) >= 10;
        Event(db, c, visitAt, ComplaintEventKind.Visited, receiver.Name, c.Satisfied == true ? "满意" : "不满意");
        if (c.Satisfied == true || visitAt.AddHours(1) > now)
            return;
        c.ReopenCount = 1;
        Event(db, c, visitAt.AddHours(1), ComplaintEventKind.Reopened, receiver.Name, "业主不满意，重新处理");
        var again = visitAt.AddHours(rng.Next(5, 40));
        c.VisitedAt = null;
        c.Satisfied = null;
        if (again > now)
        {
            c.Status = ComplaintStatus.Open;
            c.ClosedAt = null;
            c.ReplyDueAt = promise(visitAt.AddHours(1), 2);
            return;
        }
        c.ClosedAt = again;
        Event(db, c, again, ComplaintEventKind.Closed, receiver.Name, "二次处理完毕");
        if (again.AddHours(3) <= now)
        {
            c.VisitedAt = again.AddHours(3);
            c.Satisfied = true;
            Event(db, c, c.VisitedAt.Value, ComplaintEventKind.Visited, receiver.Name, "满意");
        }
    }

    private static void Event(WuyeDb db, Complaint c, DateTimeOffset at, ComplaintEventKind kind, string actor, string note) =>
        db.Add(
            new ComplaintEvent
            {
                CompanyId = c.CompanyId,
                ProjectId = c.ProjectId,
                ZoneId = c.ZoneId,
                UnitId = c.UnitId,
                ComplaintId = c.Id,
                At = at,
                ActorName = actor,
                Kind = kind,
                Note = note,
            }
        );
}
