using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.ProduceDailyReview;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Jobs;

/// <summary>
/// Each morning at the project's review time (China time; default 08:30) produces that day's
/// review for every project that has none yet. Runs every minute; the review's unique key
/// (project, date) makes a second run or a second instance a no-op.
/// </summary>
internal sealed class DailyReviewJob(IServiceScopeFactory scopes, ILogger<DailyReviewJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var reviews = services.GetRequiredService<ProduceDailyReviewHandler>();
        var clock = services.GetRequiredService<TimeProvider>();
        var local = ChinaTime.Now(clock);
        var today = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var done = await db.Set<DailyReview>().AsNoTracking().Where(r => r.ReviewDate == today).Select(r => r.ProjectId).ToListAsync(ct);
        var times = await db.Set<ComplaintSettings>().AsNoTracking().ToDictionaryAsync(s => s.ProjectId, s => s.ReviewTime, ct);
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null && !done.Contains(p.Id))
            .Select(p => new { p.Id, p.CompanyId })
            .ToListAsync(ct);
        var made = 0;
        foreach (var p in projects)
        {
            if (time < times.GetValueOrDefault(p.Id, new TimeOnly(8, 30)))
                continue;
            if ((await reviews.ProduceAsync(p.CompanyId, p.Id, today, refresh: false, ct)).Created)
                made++;
            db.ChangeTracker.Clear();
        }
        return made;
    }
}
