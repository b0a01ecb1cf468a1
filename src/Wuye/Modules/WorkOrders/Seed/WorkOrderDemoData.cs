using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Data;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Seed;

/// <summary>
/// Time-limit tables, calendars, a price list and a few months of request history per project,
/// so the boards and the metrics page have something real to show. Dates count back from the
/// day of seeding; everything else follows the seed.
/// </summary>
internal sealed partial class WorkOrderDemoData(TimeProvider clock, ILogger<WorkOrderDemoData> log, RequestNumbers requestNumbers)
    : IDemoDataContributor
{
    public int Order => 20;

    public async Task SeedAsync(DemoSeedContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var rng = ctx.Random;
        var started = System.Diagnostics.Stopwatch.StartNew();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var today = ChinaTime.Today(clock);
        var dayZero = ChinaTime.StartOf(today);
        var now = clock.GetUtcNow();

        // Staff accounts get mobile numbers so the SMS channel has somewhere to go.
        var phones = new Dictionary<string, string>
        {
            ["pm"] = "13700137001",
            ["service"] = "13700137002",
            ["tech"] = "13700137003",
            ["steward"] = "13700137004",
        };
        foreach (var u in await db.Users.Where(u => phones.Keys.Contains(u.UserName!)).ToListAsync(ct))
        {
            u.PhoneNumber = phones[u.UserName!];
            db.Entry(u).State = EntityState.Modified;
        }
        var tech = await db.Users.Where(u => u.UserName == "tech").Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        var service = await db.Users.Where(u => u.UserName == "service").Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        var techProject = await db.RoleAssignments.Where(r => r.UserId == tech!.Id).Select(r => r.ProjectId).FirstOrDefaultAsync(ct);
        // The service desk of a company: the demo's customer-service account in its own company, the
        // company's manager elsewhere. Demo data never names another company's staff.
        var serviceCompany = service is null
            ? null
            : await db.RoleAssignments.Where(r => r.UserId == service.Id).Select(r => r.CompanyId).FirstOrDefaultAsync(ct);
        var managers = await DemoStaff.CompanyManagersAsync(db, ct);
        (Guid Id, string Name)? DeskOf(Guid companyId) =>
            service is not null && serviceCompany == companyId ? (service.Id, service.DisplayName ?? "客服")
            : managers.TryGetValue(companyId, out var m) ? m
            : null;

        foreach (var companyId in await db.CompanyRefs().OrderBy(c => c.Name).Select(c => c.Id).ToListAsync(ct))
        {
            foreach (
                var (name, kind, unit, price) in new[]
                {
                    ("更换水龙头（人工）", PriceKind.Labour, "次", 30m),
                    ("疏通下水道（人工）", PriceKind.Labour, "次", 50m),
                    ("更换灯具（人工）", PriceKind.Labour, "次", 20m),
                    ("水龙头", PriceKind.Material, "个", 45m),
                    ("LED 灯泡", PriceKind.Material, "个", 15m),
                    ("锁芯", PriceKind.Material, "个", 80m),
                    ("PVC 水管", PriceKind.Material, "米", 8.5m),
                }
            )
                db.Add(
                    new PriceItem
                    {
                        CompanyId = companyId,
                        Name = name,
                        Kind = kind,
                        UnitName = unit,
                        Price = price,
                    }
                );
        }

        var perProject = ctx.Size == "small" ? 55 : 400;
        var projects = await db.ProjectRefs().OrderBy(p => p.Name).Select(p => new { p.Id, p.CompanyId }).ToListAsync(ct);
        foreach (var p in projects)
        {
            var calendar = new BusinessCalendar
            {
                CompanyId = p.CompanyId,
                ProjectId = p.Id,
                WorkingDays = "123456",
                Holidays = Holidays2026,
                ExtraWorkdays = Extra2026,
            };
            db.Add(calendar);
            var normal = new SlaPolicy
            {
                CompanyId = p.CompanyId,
                ProjectId = p.Id,
                Urgency = Urgency.Normal,
                ResponseMinutes = 30,
                ArrivalMinutes = 120,
                CompletionMinutes = 1440,
            };
            var urgent = new SlaPolicy
            {
                CompanyId = p.CompanyId,
                ProjectId = p.Id,
                Urgency = Urgency.Urgent,
                ResponseMinutes = 5,
                ArrivalMinutes = 30,
                CompletionMinutes = 240,
                AroundTheClock = true,
            };
            // The 3-minute on-site promise (seed 002) for urgent elevator faults.
            var elevator = new SlaPolicy
            {
                CompanyId = p.CompanyId,
                ProjectId = p.Id,
                Category = RequestCategory.Elevator,
                Urgency = Urgency.Urgent,
                ResponseMinutes = 1,
                ArrivalMinutes = 3,
                CompletionMinutes = 120,
                AroundTheClock = true,
            };
            db.AddRange(normal, urgent, elevator);
            var office = new WorkingTime(calendar);

            var units = await db.UnitRefs()
                .Where(u => u.ProjectId == p.Id)
                .OrderBy(u => u.Id)
                .Select(u => new { u.Id, u.ZoneId })
                .Take(300)
                .ToListAsync(ct);
            var zones = await db.ZoneRefs().Where(z => z.ProjectId == p.Id).OrderBy(z => z.Name).Select(z => z.Id).ToListAsync(ct);
            var hasTech = techProject == p.Id;
            var desk = DeskOf(p.CompanyId);
            for (var i = 0; i < perProject; i++)
            {
                var isPublic = rng.Next(100) < 20;
                var unit = isPublic ? null : units[rng.Next(units.Count)];
                var pub = PublicFaults[rng.Next(PublicFaults.Length)];
                var urgencyValue = rng.Next(100) < 12 ? Urgency.Urgent : Urgency.Normal;
                var category = isPublic
                    ? pub.Category
                    : (RequestCategory)rng.Next(0, 3) switch
                    {
                        var c when c == RequestCategory.Elevator => RequestCategory.Plumbing,
                        var c => c,
                    };
                var policy = urgencyValue == Urgency.Urgent ? (category == RequestCategory.Elevator ? elevator : urgent) : normal;
                var time = policy.AroundTheClock ? WorkingTime.AroundTheClock : office;
                var opened = dayZero.AddDays(-rng.Next(0, 120)).AddHours(7 + rng.Next(0, 14)).AddMinutes(rng.Next(0, 60)).ToUniversalTime();
                if (opened > now)
                    opened = now.AddMinutes(-rng.Next(5, 300));
                var channel = isPublic
                    ? (rng.Next(2) == 0 ? RequestChannel.Patrol : RequestChannel.MonitoringCenter)
                    : (RequestChannel)new[] { 0, 1, 4, 4 }[rng.Next(4)];
                var r = new ServiceRequest
                {
                    CompanyId = p.CompanyId,
                    ProjectId = p.Id,
                    ZoneId = unit?.ZoneId ?? (zones.Count > 0 ? zones[rng.Next(zones.Count)] : null),
                    UnitId = unit?.Id,
                    Number = await requestNumbers.NextAsync(opened, "BX", ct),
                    Channel = channel,
                    Category = category,
                    Urgency = urgencyValue,
                    Description = isPublic ? pub.Fault : Faults[rng.Next(Faults.Length)],
                    Location = isPublic ? pub.Location : null,
                    Status = RequestStatus.Open,
                    OpenedAt = opened,
                    OpenedMonth = ChinaTime.Month(opened),
                };
                var wo = new WorkOrder
                {
                    CompanyId = r.CompanyId,
                    ProjectId = r.ProjectId,
                    ZoneId = r.ZoneId,
                    UnitId = r.UnitId,
                    ServiceRequestId = r.Id,
                    Category = category,
                    Urgency = urgencyValue,
                    AroundTheClock = policy.AroundTheClock,
                    ClockStartedAt = opened,
                    ResponseDueAt = time.AddMinutes(opened, policy.ResponseMinutes),
                    ArrivalDueAt = time.AddMinutes(opened, policy.ArrivalMinutes),
                    CompletionDueAt = time.AddMinutes(opened, policy.CompletionMinutes),
                    Status = WorkOrderStatus.New,
                };
                r.CompletionDueAt = wo.CompletionDueAt;
                db.AddRange(r, wo);
                Event(db, r, wo, opened, EventKind.Created, r.ReporterName ?? desk?.Name, WorkOrderText.ChannelName(channel));
                var age = now - opened;
                if (age < TimeSpan.FromHours(6) && rng.Next(3) > 0)
                    continue; // still waiting for dispatch

                // Dispatched and accepted: usually within the response limit, sometimes late.
                var assignee = hasTech ? tech : null;
                var acceptAt = time.AddMinutes(
                    opened,
                    rng.Next(100) < 85 ? rng.Next(1, policy.ResponseMinutes + 1) : policy.ResponseMinutes + rng.Next(5, 60)
                );
                if (acceptAt > now)
                {
                    wo.Status = WorkOrderStatus.Dispatched;
                    wo.DispatchedAt = opened.AddMinutes(1);
                    wo.AssigneeUserId = assignee?.Id;
                    wo.AssigneeName = assignee?.DisplayName;
                    continue;
                }
                wo.DispatchedAt = opened.AddMinutes(1);
                wo.AssigneeUserId = assignee?.Id;
                wo.AssigneeName = assignee?.DisplayName ?? "外包维修";
                wo.AcceptedAt = acceptAt;
                wo.Status = WorkOrderStatus.Accepted;
                r.ResponseOnTime = acceptAt <= wo.ResponseDueAt;
                Event(db, r, wo, acceptAt, EventKind.Accepted, wo.AssigneeName, null);
                var arriveAt = time.AddMinutes(
                    acceptAt,
                    rng.Next(100) < 85
                        ? rng.Next(5, Math.Max(6, policy.ArrivalMinutes - policy.ResponseMinutes))
                        : policy.ArrivalMinutes + rng.Next(10, 90)
                );
                if (arriveAt > now)
                    continue;
                wo.ArrivedAt = arriveAt;
                wo.Status = WorkOrderStatus.OnSite;
                r.ArrivalOnTime = arriveAt <= wo.ArrivalDueAt;
                var doneAt = time.AddMinutes(
                    arriveAt,
                    rng.Next(100) < 82
                        ? rng.Next(20, Math.Max(21, policy.CompletionMinutes - policy.ArrivalMinutes))
                        : policy.CompletionMinutes + rng.Next(60, 1500)
                );
                if (doneAt > now)
                    continue;
                Complete(db, r, wo, doneAt, true);
                Event(db, r, wo, doneAt, EventKind.Completed, wo.AssigneeName, null);
                var visitDue = office.AddMinutes(doneAt, office.WorkdayMinutes);
                var visitAt = office.AddMinutes(doneAt, rng.Next(30, office.WorkdayMinutes + (rng.Next(100) < 90 ? 0 : 600)));
                var visit = new ReturnVisit
                {
                    CompanyId = r.CompanyId,
                    ProjectId = r.ProjectId,
                    ZoneId = r.ZoneId,
                    UnitId = r.UnitId,
                    ServiceRequestId = r.Id,
                    WorkOrderId = wo.Id,
                    Status = ReturnVisitStatus.Pending,
                    DueAt = visitDue,
                };
                db.Add(visit);
                if (visitAt > now || rng.Next(100) < 4)
                    continue; // some never visited
                var satisfied = rng.Next(100) >= 8;
                Visit(db, r, wo, visit, visitAt, satisfied, satisfied ? 4 + rng.Next(2) : 1 + rng.Next(2), desk?.Id, desk?.Name);
                if (satisfied)
                    continue;

                // Rework: back to the same technician, fixed on the second attempt.
                var rework = new WorkOrder
                {
                    CompanyId = r.CompanyId,
                    ProjectId = r.ProjectId,
                    ZoneId = r.ZoneId,
                    UnitId = r.UnitId,
                    ServiceRequestId = r.Id,
                    ReworkOfId = wo.Id,
                    Category = category,
                    Urgency = urgencyValue,
                    AroundTheClock = policy.AroundTheClock,
                    ClockStartedAt = visitAt,
                    ResponseDueAt = time.AddMinutes(visitAt, policy.ResponseMinutes),
                    ArrivalDueAt = time.AddMinutes(visitAt, policy.ArrivalMinutes),
                    CompletionDueAt = time.AddMinutes(visitAt, policy.CompletionMinutes),
                    AssigneeUserId = wo.AssigneeUserId,
                    AssigneeName = wo.AssigneeName,
                    Status = WorkOrderStatus.Dispatched,
                    DispatchedAt = visitAt,
                };
                db.Add(rework);
                visit.ReworkWorkOrderId = rework.Id;
                r.ReworkCount = 1;
                r.Status = RequestStatus.Open;
                Event(db, r, rework, visitAt, EventKind.ReworkOpened, desk?.Name, null);
                var redoneAt = time.AddMinutes(visitAt, rng.Next(60, policy.CompletionMinutes));
                if (redoneAt > now)
                    continue;
                rework.AcceptedAt = visitAt.AddMinutes(5);
                rework.ArrivedAt = visitAt.AddMinutes(30);
                Complete(db, r, rework, redoneAt, false);
                var second = new ReturnVisit
                {
                    CompanyId = r.CompanyId,
                    ProjectId = r.ProjectId,
                    ZoneId = r.ZoneId,
                    UnitId = r.UnitId,
                    ServiceRequestId = r.Id,
                    WorkOrderId = rework.Id,
                    Status = ReturnVisitStatus.Pending,
                    DueAt = office.AddMinutes(redoneAt, office.WorkdayMinutes),
                };
                db.Add(second);
                var secondAt = office.AddMinutes(redoneAt, rng.Next(30, 300));
                if (secondAt <= now)
                    Visit(db, r, rework, second, secondAt, true, 4, desk?.Id, desk?.Name);
            }
        }
        db.ChangeTracker.DetectChanges();
        // Handover defects: the demo owner's unit has one under way with the developer; a few more per project.
        var ownerUnit = await db.OccupantRefs()
            .Where(o => db.PersonRefs().Any(p => p.Id == o.PersonId && db.Users.Any(u => u.Id == p.UserId && u.UserName == "owner")))
            .Select(o => o.UnitId)
            .FirstOrDefaultAsync(ct);
        var defectUnits = await db.UnitRefs()
            .Where(u => u.Id == ownerUnit || u.Number == "302")
            .OrderBy(u => u.Id != ownerUnit)
            .ThenBy(u => u.Id)
            .Take(12)
            .Select(u => new
            {
                u.Id,
                u.CompanyId,
                u.ProjectId,
                u.ZoneId,
                u.HandoverDate,
            })
            .ToListAsync(ct);
        string[] defects = ["卫生间墙面渗水（交房遗留）", "阳台推拉门变形关不严", "主卧墙面空鼓", "入户门门框开裂"];
        foreach (var u in defectUnits)
        {
            var found = u.HandoverDate ?? today.AddYears(-1);
            var responsible = DeskOf(u.CompanyId);
            var d = new LegacyDefect
            {
                CompanyId = u.CompanyId,
                ProjectId = u.ProjectId,
                ZoneId = u.ZoneId,
                UnitId = u.Id,
                Category = RequestCategory.DoorWindow,
                Description = defects[rng.Next(defects.Length)],
                FoundOn = found,
                ResponsibleUserId = responsible?.Id,
                ResponsibleName = responsible?.Name ?? "客服",
                Status = DefectStatus.ReportedToDeveloper,
                DeveloperRef = "KF-" + rng.Next(10000, 99999),
            };
            db.Add(d);
            var at = new DateTimeOffset(found.ToDateTime(new TimeOnly(10, 0)), ChinaTime.Offset).ToUniversalTime();
            db.Add(
                new LegacyDefectUpdate
                {
                    CompanyId = d.CompanyId,
                    ProjectId = d.ProjectId,
                    ZoneId = d.ZoneId,
                    UnitId = d.UnitId,
                    LegacyDefectId = d.Id,
                    At = at,
                    Status = DefectStatus.Registered,
                    Note = "交房验收时登记",
                    ActorName = d.ResponsibleName,
                }
            );
            db.Add(
                new LegacyDefectUpdate
                {
                    CompanyId = d.CompanyId,
                    ProjectId = d.ProjectId,
                    ZoneId = d.ZoneId,
                    UnitId = d.UnitId,
                    LegacyDefectId = d.Id,
                    At = at.AddDays(2),
                    Status = DefectStatus.ReportedToDeveloper,
                    Note = $"已报开发商维修办，单号 {d.DeveloperRef}",
                    ActorName = d.ResponsibleName,
                }
            );
        }

        var rows = db.ChangeTracker.Entries().Count();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        log.LogInformation("Work-order demo history: {Rows} rows in {Ms} ms", rows, started.ElapsedMilliseconds);
    }
}
