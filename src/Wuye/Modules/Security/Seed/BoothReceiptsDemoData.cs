using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Seed;

/// <summary>
/// Two weeks of parking fees at the demo guard's booths (东门岗, 地库出入口), numbered from 1 in each booth's series: a few receipts
/// voided at once because the driver left them; and last week, at 地库出入口, an afternoon of paper receipts while the system was down
/// with one number skipped (the gap the weekly reconciliation shows). The counters carry on after the highest numbers.
/// </summary>
internal sealed class BoothReceiptsDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 67;

    private static readonly decimal[] Fees = [5m, 5m, 10m, 10m, 10m, 15m, 20m, 30m];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var guard = await db.Users.FirstOrDefaultAsync(u => u.UserName == "guard", ct);
        if (guard is null)
            return;
        var grant = await db.RoleAssignments.FirstAsync(r => r.UserId == guard.Id && r.Role == Roles.SecurityGuard, ct);
        var posts = await db.Set<SecurityPost>()
            .Where(p => p.ProjectId == grant.ProjectId && p.ArchivedAt == null && (p.Kind == PostKind.Gate || p.Kind == PostKind.CarPark))
            .Where(p => p.DoubleSlots == "")
            .OrderBy(p => p.Name)
            .ToListAsync(ct);
        if (posts.Count == 0)
            return;
        var rng = context.Random;
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        var lastMonday = Features.BoothReceipts.BoothReceiptHandler.WeekOf(today).AddDays(-7);
        var counters = new List<(Guid, long)>();
        foreach (var post in posts)
        {
            long serial = 0;
            var paper = post.Kind == PostKind.CarPark;
            for (var day = today.AddDays(-13); day <= today; day = day.AddDays(1))
            {
                var start = ChinaTime.StartOf(day).AddHours(7);
                var n = rng.Next(4, 9);
                for (var i = 0; i < n; i++)
                {
                    var at = start.AddMinutes(i * 90 + rng.Next(0, 80));
                    if (at > now)
                        break;
                    // Last Wednesday afternoon the car park's terminal was down: four paper receipts, 0 skipped by mistake.
                    var manual = paper && day == lastMonday.AddDays(2) && i >= n - 4;
                    if (manual && i == n - 3)
                        serial++;
                    var r = BoothReceipt.Issue(
                        post,
                        ++serial,
                        Fees[rng.Next(Fees.Length)],
                        (PayMethod)rng.Next(3),
                        rng.Next(3) == 0 ? $"浙{(char)('A' + rng.Next(8))}{rng.Next(10000, 99999)}" : null,
                        manual ? ReceiptSource.Manual : ReceiptSource.Issued,
                        guard.Id,
                        guard.DisplayName,
                        at
                    );
                    if (!manual && rng.Next(25) == 0)
                        r.Void("司机未取", guard.Id, guard.DisplayName, at.AddMinutes(1), TimeSpan.FromMinutes(10), false);
                    db.Add(r);
                }
            }
            counters.Add((post.Id, serial));
        }
        await db.SaveChangesAsync(ct);
        foreach (var (postId, last) in counters)
            await db.Database.ExecuteSqlAsync(
                $"insert into security.booth_receipt_counter (security_post_id, last_number) values ({postId}, {last})",
                ct
            );
    }
}
