using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Jobs;

/// <summary>
/// A certificate whose last valid day is within <see cref="StaffOptions.CertificateRemindDays"/> reminds its holder (when
/// the register entry has an account) and the managers who keep it — the project's managers, or the company's for a
/// company-level holder — once per expiry date; a certificate past its last day tells them once more that it has lapsed
/// (within as many days after it, so the job never rereads the whole history).
/// A renewal moves the expiry date, so the renewed certificate is reminded again in its time. Each telling leaves a
/// <see cref="CertificateNotice"/> (certificate, last day, lapsed), which the next runs leave out in SQL; the outbox key
/// keeps each person from being told twice.
/// </summary>
internal sealed class CertificateExpiryJob(IServiceScopeFactory scopes, ILogger<CertificateExpiryJob> log) : WuyeJob(scopes, log)
{
    private const int Batch = 200;

    public static string Key(Guid certificateId, DateOnly expiresOn, bool lapsed) =>
        $"certificate-{(lapsed ? "lapsed" : "expiring")}:{certificateId:N}:{expiresOn:yyyyMMdd}";

    public const string Link = "/staff/certificates";

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var clock = services.GetRequiredService<TimeProvider>();
        var today = ChinaTime.Today(clock);
        var days = services.GetRequiredService<IOptions<StaffOptions>>().Value.CertificateRemindDays;
        var soon = today.AddDays(days);
        // Lapsed ones are told within the same number of days after their last day; older ones have been told.
        var since = today.AddDays(-days);
        var staff = db.StaffRefs();
        var projects = db.ProjectRefs();
        var notices = db.Set<CertificateNotice>();
        // Those already told (about this last day, expiring or lapsed) are left out in SQL, so each run reaches the next ones
        // however many came before; a certificate whose mark could not be written this run is left out of the next pages.
        var failed = new List<Guid>();
        var quiet = new List<Guid>();
        var keepers = new Dictionary<(Guid, Guid?), List<Guid>>();
        var acted = 0;
        while (acted < Batch)
        {
            var skip = failed.ToArray();
            var due = await db.Set<Certificate>()
                .AsNoTracking()
                .Where(c => c.ExpiresOn <= soon && c.ExpiresOn >= since && !skip.Contains(c.Id))
                .Where(c => !notices.Any(n => n.CertificateId == c.Id && n.ExpiresOn == c.ExpiresOn && n.Lapsed == (c.ExpiresOn < today)))
                .OrderBy(c => c.ExpiresOn)
                .ThenBy(c => c.Id)
                .Select(c => new
                {
                    c.Id,
                    c.CompanyId,
                    c.ProjectId,
                    c.Kind,
                    c.Number,
                    c.HolderName,
                    c.ExpiresOn,
                    HolderUserId = staff.Where(s => s.Id == c.StaffMemberId).Select(s => s.UserId).FirstOrDefault(),
                    Project = projects.Where(p => p.Id == c.ProjectId).Select(p => p.Name).FirstOrDefault(),
                })
                .Take(Batch)
                .ToListAsync(ct);
            if (due.Count == 0)
                break;
            foreach (var c in due)
            {
                var lapsed = c.ExpiresOn < today;
                var key = Key(c.Id, c.ExpiresOn, lapsed);
                if (!keepers.TryGetValue((c.CompanyId, c.ProjectId), out var managers))
                    keepers[(c.CompanyId, c.ProjectId)] = managers = await db
                        .RoleAssignments.AsNoTracking()
                        .Where(r =>
                            r.CompanyId == c.CompanyId
                            && (
                                c.ProjectId != null
                                    ? r.Role == Roles.ProjectManager && r.ProjectId == c.ProjectId
                                    : r.Role == Roles.CompanyManager && r.ProjectId == null
                            )
                        )
                        .Select(r => r.UserId)
                        .ToListAsync(ct);
                var to = await NotYetToldAsync(db, key, c.HolderUserId is { } h ? [h, .. managers] : managers, ct);
                if (to.Count > 0)
                {
                    var kind = StaffText.KindZh(c.Kind);
                    var where = c.Project is null ? "" : c.Project + "：";
                    var (title, body) = lapsed
                        ? (
                            $"{c.HolderName} 的{kind}证书已过期",
                            $"{where}{c.HolderName} 的{kind}证书（{c.Number}）已于 {c.ExpiresOn:yyyy-MM-dd} 到期，复审前不得安排需持证的作业。"
                        )
                        : (
                            $"{c.HolderName} 的{kind}证书即将到期",
                            $"{where}{c.HolderName} 的{kind}证书（{c.Number}）有效期至 {c.ExpiresOn:yyyy-MM-dd}，请及时安排复审或换证。"
                        );
                    await notifier.NotifyAsync(to, c.CompanyId, title, body, Link, key, ct);
                }
                db.Add(
                    new CertificateNotice
                    {
                        CertificateId = c.Id,
                        ExpiresOn = c.ExpiresOn,
                        Lapsed = lapsed,
                        ToldAt = clock.GetUtcNow(),
                    }
                );
                if (to.Count == 0)
                {
                    // Nobody to tell (no account, no manager): marked with the rest of the page, in one save.
                    quiet.Add(c.Id);
                    continue;
                }
                if (!await SaveOnceAsync(db, ct))
                {
                    failed.Add(c.Id);
                    failed.AddRange(quiet);
                }
                else if (++acted >= Batch)
                    break;
                quiet.Clear();
            }
            if (quiet.Count > 0 && !await SaveOnceAsync(db, ct))
                failed.AddRange(quiet);
            quiet.Clear();
        }
        return acted;
    }

    /// <summary>Who of <paramref name="to"/> has no in-app message under this key yet (as <see cref="Notifier"/> writes it).</summary>
    private static async Task<List<Guid>> NotYetToldAsync(WuyeDb db, string key, IEnumerable<Guid> to, CancellationToken ct)
    {
        var people = to.Distinct().ToList();
        if (people.Count == 0)
            return people;
        var keys = people.Select(u => $"{key}:{u:N}:{NotificationChannel.InApp}").ToList();
        var told = await db.Set<OutboxMessage>()
            .AsNoTracking()
            .Where(m => keys.Contains(m.DedupeKey!))
            .Select(m => m.RecipientUserId)
            .ToListAsync(ct);
        return [.. people.Where(p => !told.Contains(p))];
    }

    private static async Task<bool> SaveOnceAsync(WuyeDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
