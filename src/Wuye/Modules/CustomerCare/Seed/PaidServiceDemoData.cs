using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.PaidServices;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Demo;

namespace Wuye.Modules.CustomerCare.Seed;

/// <summary>
/// Each project's menu of twelve priced special services (保洁, 家电维修, 代办…, 002/篇4 ≥ 10), and its orders: done, paid and
/// rated ones over the last month, one done but not rated (the demo owner's where the owner lives: a line on their home), one
/// assigned to a staff member (the demo technician where he works), two waiting to be assigned (on the steward's home) and one
/// the owner cancelled; and a thirteenth item, 上门洗车, retired (下架) — both through the app's own use cases.
/// </summary>
internal sealed class PaidServiceDemoData(TimeProvider clock, KeepPaidMenu menu, CancelPaidOrder cancel) : IDemoDataContributor
{
    public int Order => 86;

    private static readonly (string Name, string Category, decimal Price, string Unit, string Description)[] Menu =
    [
        ("日常保洁", "家政保洁", 40m, "小时", "地面、厨卫、门窗清洁，自带工具"),
        ("开荒保洁", "家政保洁", 8m, "平方米", "新房入住前深度清洁"),
        ("油烟机清洗", "家电清洗", 120m, "台", "拆洗油网、涡轮，除油去垢"),
        ("空调清洗", "家电清洗", 80m, "台", "挂机清洗消毒，柜机另议"),
        ("家电维修（上门检测）", "维修", 50m, "次", "检测费，维修材料另计"),
        ("水电小修", "维修", 30m, "次", "更换水龙头、开关插座、灯具"),
        ("管道疏通", "维修", 100m, "次", "下水道、马桶疏通"),
        ("代收快递、代缴费用", "代办", 5m, "次", "代收包裹、代缴水电燃气费"),
        ("代购生活用品", "代办", 10m, "次", "小区周边超市代购，货款另计"),
        ("搬家搬运", "搬运", 150m, "车次", "小区内搬运，含两名搬运工"),
        ("绿植养护", "绿化", 30m, "次", "室内绿植修剪、施肥、换盆"),
        ("钟点看护（老人/小孩）", "生活服务", 45m, "小时", "陪护、接送，需提前一天预约"),
    ];

    public async Task SeedAsync(DemoSeedContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var rng = ctx.Random;
        var now = clock.GetUtcNow();
        var owner = await db.Users.Where(u => u.UserName == "owner").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var tech = await db.Users.Where(u => u.UserName == "tech").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var ownerHomes = await db.PersonRefs()
            .Where(p => p.UserId == owner)
            .Join(db.OccupantRefs(), p => p.Id, o => o.PersonId, (p, o) => o.UnitId)
            .ToListAsync(ct);
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.CompanyId })
            .ToListAsync(ct);
        foreach (var p in ctx.Size == "small" ? projects : projects.Take(5).ToList())
        {
            var items = Menu.Select(
                    (m, i) =>
                        new PaidService
                        {
                            CompanyId = p.CompanyId,
                            ProjectId = p.Id,
                            Name = m.Name,
                            Category = m.Category,
                            Price = m.Price,
                            PriceUnit = m.Unit,
                            Description = m.Description,
                            Position = i + 1,
                        }
                )
                .ToList();
            var washing = new PaidService
            {
                CompanyId = p.CompanyId,
                ProjectId = p.Id,
                Name = "上门洗车",
                Category = "生活服务",
                Price = 35m,
                PriceUnit = "次",
                Description = "地库车位洗车；因地库排水改造暂停",
                Position = Menu.Length + 1,
            };
            db.AddRange(items);
            db.Add(washing);
            var staff = await db.StaffRefs()
                .AsNoTracking()
                .Where(s => s.ProjectId == p.Id && s.UserId != null && s.ArchivedAt == null)
                .OrderBy(s => s.UserId == tech ? 0 : 1)
                .ThenBy(s => s.Name)
                .ThenBy(s => s.Id)
                .Take(5)
                .ToListAsync(ct);
            var homes = await db.OccupantRefs()
                .AsNoTracking()
                .Where(o => o.ProjectId == p.Id && o.Relation == OccupantRelation.Owner && o.Until == null)
                .Join(
                    db.PersonRefs(),
                    o => o.PersonId,
                    x => x.Id,
                    (o, x) =>
                        new
                        {
                            o.UnitId,
                            o.ZoneId,
                            x.UserId,
                        }
                )
                .OrderBy(o => ownerHomes.Contains(o.UnitId) ? 0 : 1)
                .ThenBy(o => o.UnitId)
                .Take(12)
                .ToListAsync(ct);
            if (staff.Count == 0 || homes.Count < 7)
            {
                await db.SaveChangesAsync(ct);
                continue;
            }
            PaidOrder Make(int home, PaidService s, int daysAgo, PaidOrderStatus status)
            {
                var h = homes[home];
                var o = new PaidOrder
                {
                    CompanyId = p.CompanyId,
                    ProjectId = p.Id,
                    ZoneId = h.ZoneId,
                    UnitId = h.UnitId,
                    ServiceId = s.Id,
                    ServiceName = s.Name,
                    Price = s.Price,
                    Quantity = s.PriceUnit == "小时" ? 2 : 1,
                    Status = status,
                    OrderedByUserId = h.UserId,
                    WantedAt = now.AddDays(-daysAgo + 1),
                    CreatedAt = now.AddDays(-daysAgo),
                };
                o.Amount = o.Price * o.Quantity;
                if (status != PaidOrderStatus.Ordered)
                {
                    var st = staff[home % staff.Count];
                    o.AssigneeStaffId = st.Id;
                    o.AssigneeUserId = st.UserId;
                    o.AssigneeName = st.Name;
                    o.AssignedAt = now.AddDays(-daysAgo).AddHours(1);
                }
                if (status == PaidOrderStatus.Done)
                {
                    o.DoneAt = now.AddDays(-daysAgo + 1);
                    o.DoneNote = "已按约定完成，业主验收";
                    o.PaidAmount = o.Amount;
                    o.PaidMethod = (PaidMethod)rng.Next(0, 4);
                }
                return o;
            }
            // The first home is the demo owner's where they live: their order is done and waits for their rating.
            var orders = new List<PaidOrder>
            {
                Make(0, items[2], 2, PaidOrderStatus.Done),
                Make(1, items[0], 20, PaidOrderStatus.Done),
                Make(2, items[5], 14, PaidOrderStatus.Done),
                Make(3, items[7], 9, PaidOrderStatus.Done),
                Make(4, items[6], 0, PaidOrderStatus.Assigned),
                Make(5, items[3], 0, PaidOrderStatus.Ordered),
                Make(6, items[9], 1, PaidOrderStatus.Ordered),
                Make(6, items[10], 3, PaidOrderStatus.Ordered),
            };
            orders[4].AssigneeStaffId = staff[0].Id;
            orders[4].AssigneeUserId = staff[0].UserId;
            orders[4].AssigneeName = staff[0].Name;
            foreach (var o in orders.Skip(1).Take(3))
            {
                o.Rating = rng.NextDouble() < 0.8 ? 5 : 4;
                o.RatingComment = o.Rating == 5 ? "师傅准时到达，服务专业" : "服务不错，来得稍晚";
                o.RatedAt = o.DoneAt!.Value.AddHours(3);
            }
            db.AddRange(orders);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await cancel.CancelAsync(orders[^1].Id, ct);
            await menu.RetireAsync(washing.Id, ct);
            db.ChangeTracker.Clear();
        }
    }
}
