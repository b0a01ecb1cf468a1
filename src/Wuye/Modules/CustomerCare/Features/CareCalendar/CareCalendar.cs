using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.CareCalendar;

/// <summary>
/// 客户关怀日历: turns the day's occasions into care tasks for the zone steward or templated greetings — move-ins of the last
/// week (a welcome visit within a week, 000#53), birthdays (a greeting; a call when the person has no account, 000#63),
/// holidays (one greeting to every owner, 000#55), warranties ending in a month (a reminder, 000#56), business-licence
/// anniversaries (写字楼). Each occasion has a unique key, so a day run twice (or by two instances) makes nothing twice. A
/// person who opted out of messages or refused care messages gets nothing; the task says why.
/// </summary>
internal sealed class CareCalendar(WuyeDb db, Notifier notifier, TimeProvider clock)
{
    public const int WelcomeWithinDays = 7;

    /// <summary>Public holidays greeted (their first day), 2026–2028.</summary>
    public static readonly Dictionary<DateOnly, (string Zh, string En)> Holidays = new()
    {
        [new(2026, 1, 1)] = ("元旦", "New Year"),
        [new(2026, 2, 17)] = ("春节", "Spring Festival"),
        [new(2026, 6, 19)] = ("端午节", "Dragon Boat Festival"),
        [new(2026, 9, 25)] = ("中秋节", "Mid-Autumn Festival"),
        [new(2026, 10, 1)] = ("国庆节", "National Day"),
        [new(2027, 1, 1)] = ("元旦", "New Year"),
        [new(2027, 2, 6)] = ("春节", "Spring Festival"),
        [new(2027, 6, 9)] = ("端午节", "Dragon Boat Festival"),
        [new(2027, 9, 15)] = ("中秋节", "Mid-Autumn Festival"),
        [new(2027, 10, 1)] = ("国庆节", "National Day"),
        [new(2028, 1, 1)] = ("元旦", "New Year"),
        [new(2028, 1, 26)] = ("春节", "Spring Festival"),
        [new(2028, 5, 28)] = ("端午节", "Dragon Boat Festival"),
        [new(2028, 10, 3)] = ("中秋节", "Mid-Autumn Festival"),
    };

    private sealed record Resident(
        Guid PersonId,
        string Name,
        Guid? UserId,
        DateOnly? Birthday,
        Guid UnitId,
        string Label,
        Guid? ZoneId,
        OccupantRelation Relation,
        DateOnly? Since,
        DateOnly? WarrantyEnd
    );

    /// <summary>Makes <paramref name="today"/>'s tasks and greetings in every project; returns how many new ones.</summary>
    public async Task<int> GenerateAsync(DateOnly today, CancellationToken ct)
    {
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.CompanyId })
            .ToListAsync(ct);
        var made = 0;
        foreach (var p in projects)
            made += await ProjectAsync(p.Id, p.CompanyId, today, ct);
        return made;
    }

    private async Task<int> ProjectAsync(Guid projectId, Guid companyId, DateOnly today, CancellationToken ct)
    {
        var stewards = await db.ZoneRefs()
            .AsNoTracking()
            .Where(z => z.ProjectId == projectId && z.StewardUserId != null)
            .ToDictionaryAsync(z => z.Id, z => z.StewardUserId, ct);
        var people = db.PersonRefs();
        var units = db.UnitRefs();
        var residents = await (
            from o in db.OccupantRefs()
            where o.ProjectId == projectId && (o.Until == null || o.Until >= today)
            join p in people on o.PersonId equals p.Id
            where p.ArchivedAt == null
            join u in units on o.UnitId equals u.Id
            where u.ArchivedAt == null
            orderby o.Id
            select new Resident(p.Id, p.Name, p.UserId, p.Birthday, u.Id, u.Label, u.ZoneId, o.Relation, o.Since, u.WarrantyEnd)
        )
            .AsNoTracking()
            .ToListAsync(ct);
        var tasks = new List<CareTask>();
        var greetings = new List<(CareTask Task, List<Guid> Users, Message Message)>();
        CareTask Make(CareKind kind, string key, string title, Resident? r, DateOnly eventDate, DateOnly due) =>
            new()
            {
                CompanyId = companyId,
                ProjectId = projectId,
                ZoneId = r?.ZoneId,
                UnitId = r?.UnitId,
                PersonId = r?.PersonId,
                Kind = kind,
                Status = CareTaskStatus.Open,
                Title = title,
                EventDate = eventDate,
                DueDate = due,
                AssigneeUserId = r?.ZoneId is { } z ? stewards.GetValueOrDefault(z) : null,
                Key = key,
            };

        // Move-ins of the last week: a welcome visit within a week (one per home and move-in day).
        foreach (
            var r in residents
                .Where(r =>
                    r.Relation != OccupantRelation.Family && r.Since is { } s && s <= today && s > today.AddDays(-WelcomeWithinDays)
                )
                .DistinctBy(r => (r.UnitId, r.Since))
        )
            tasks.Add(
                Make(
                    CareKind.MoveInWelcome,
                    $"welcome:{r.UnitId:N}:{r.Since:yyyyMMdd}",
                    Loc.T($"{r.Label} {r.Name} 新入住，一周内上门欢迎", $"{r.Label}: {r.Name} moved in — welcome visit within a week"),
                    r,
                    r.Since!.Value,
                    r.Since!.Value.AddDays(WelcomeWithinDays)
                )
            );

        // Birthdays: a greeting to those with an account, a call for the others.
        foreach (var r in residents.Where(r => IsBirthday(r.Birthday, today)).DistinctBy(r => r.PersonId))
        {
            var key = $"birthday:{r.PersonId:N}:{today.Year}";
            if (r.UserId is { } user)
            {
                var t = Make(CareKind.Birthday, key, Loc.T($"{r.Name} 生日祝福", $"Birthday greeting to {r.Name}"), r, today, today);
                greetings.Add((t, [user], Greeting("生日", "birthday", $"care:{key}")));
            }
            else
                tasks.Add(
                    Make(
                        CareKind.Birthday,
                        key,
                        Loc.T($"{r.Label} {r.Name} 今天生日，电话祝福", $"{r.Label}: call {r.Name} for the birthday"),
                        r,
                        today,
                        today
                    )
                );
        }

        // Holidays: one greeting to every owner and tenant with an account.
        if (Holidays.TryGetValue(today, out var holiday))
        {
            var key = $"holiday:{projectId:N}:{today:yyyyMMdd}";
            var users = residents
                .Where(r => r.Relation != OccupantRelation.Family && r.UserId != null)
                .Select(r => r.UserId!.Value)
                .Distinct()
                .ToList();
            var t = Make(CareKind.Holiday, key, Loc.T($"{holiday.Zh}祝福", $"{holiday.En} greetings"), null, today, today);
            greetings.Add((t, users, Greeting(holiday.Zh, holiday.En, $"care:{key}")));
        }

        // Warranties ending in a month: a reminder to the owners (a call when none has an account).
        foreach (
            var g in residents
                .Where(r => r.Relation == OccupantRelation.Owner && r.WarrantyEnd == today.AddMonths(1))
                .GroupBy(r => r.UnitId)
        )
        {
            var r = g.First();
            var key = $"warranty:{r.UnitId:N}:{r.WarrantyEnd:yyyyMMdd}";
            var users = g.Where(x => x.UserId != null).Select(x => x.UserId!.Value).Distinct().ToList();
            var title = Loc.T(
                $"{r.Label} 保修期 {r.WarrantyEnd:yyyy-MM-dd} 到期提醒",
                $"{r.Label}: warranty ends {r.WarrantyEnd:yyyy-MM-dd}"
            );
            var t = Make(CareKind.WarrantyExpiry, key, title, r, r.WarrantyEnd!.Value, today.AddDays(7));
            if (users.Count == 0)
                tasks.Add(t);
            else
                greetings.Add(
                    (
                        t,
                        users,
                        new Message(
                            "warranty",
                            new Dictionary<string, string> { ["unit"] = r.Label, ["date"] = $"{r.WarrantyEnd:yyyy-MM-dd}" },
                            null,
                            $"care:{key}"
                        )
                    )
                );
        }

        // Business-licence anniversaries of office clients: a visit with the steward's greeting.
        var businesses = await db.Set<HouseholdProfile>()
            .AsNoTracking()
            .Where(h => h.ProjectId == projectId && h.BusinessName != null && h.LicenceDate != null)
            .ToListAsync(ct);
        foreach (var h in businesses.Where(h => h.LicenceDate!.Value.Year < today.Year && IsBirthday(h.LicenceDate, today)))
        {
            var r = residents.FirstOrDefault(x => x.UnitId == h.UnitId);
            var label = r?.Label ?? "";
            var years = today.Year - h.LicenceDate!.Value.Year;
            var t = Make(
                CareKind.BusinessAnniversary,
                $"licence:{h.UnitId:N}:{today.Year}",
                Loc.T($"{label} {h.BusinessName} 成立 {years} 周年，上门祝贺", $"{label}: {h.BusinessName} turns {years} — congratulate"),
                r,
                today,
                today.AddDays(3)
            );
            t.UnitId = h.UnitId;
            t.ZoneId = h.ZoneId;
            t.AssigneeUserId = h.ZoneId is { } z ? stewards.GetValueOrDefault(z) : null;
            tasks.Add(t);
        }

        var keys = tasks.Select(t => t.Key).Concat(greetings.Select(g => g.Task.Key)).ToList();
        if (keys.Count == 0)
            return 0;
        var existing = (
            await db.Set<CareTask>().IgnoreQueryFilters().Where(t => keys.Contains(t.Key)).Select(t => t.Key).ToListAsync(ct)
        ).ToHashSet();
        var now = clock.GetUtcNow();
        var made = 0;
        foreach (var t in tasks.Where(t => existing.Add(t.Key)))
        {
            db.Add(t);
            await TellStewardAsync(t, ct);
            made++;
        }
        foreach (var (t, users, message) in greetings.Where(g => existing.Add(g.Task.Key)))
        {
            await SendAsync(t, users, message, ct);
            made++;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return made;
    }

    /// <summary>Queues the greeting to those who may receive it; the task records who was left out and why (PIPL).</summary>
    private async Task SendAsync(CareTask t, List<Guid> users, Message message, CancellationToken ct)
    {
        var refused = await Refusals(users, ct);
        var to = users.Where(u => !refused.ContainsKey(u)).ToList();
        db.Add(t);
        var now = clock.GetUtcNow();
        if (to.Count == 0)
        {
            t.Skip(refused.Values.FirstOrDefault() ?? Loc.T("没有可联系的账号", "No account to reach"), now);
            return;
        }
        await notifier.SendAsync(to, t.CompanyId, message, ct);
        t.MarkSent(now);
        t.Outcome =
            refused.Count == 0
                ? Loc.T($"已发送 {to.Count} 人", $"Sent to {to.Count}")
                : Loc.T(
                    $"已发送 {to.Count} 人；{refused.Count} 人未发（不同意或已退订）",
                    $"Sent to {to.Count}; {refused.Count} not (refused or opted out)"
                );
    }

    /// <summary>Who must not get a care message, and why: opted out of messages (PIPL), or refused care messages in the profile.</summary>
    private async Task<Dictionary<Guid, string>> Refusals(List<Guid> users, CancellationToken ct)
    {
        var refused = new Dictionary<Guid, string>();
        foreach (
            var u in await db.Set<MessagePreference>()
                .IgnoreQueryFilters()
                .Where(p => users.Contains(p.UserId) && p.OptedOut)
                .Select(p => p.UserId)
                .ToListAsync(ct)
        )
            refused[u] = OptedOut;
        var people = db.PersonRefs();
        foreach (
            var u in await db.Set<PersonProfile>()
                .Where(p => p.Consent == false)
                .Join(people, p => p.PersonId, x => x.Id, (p, x) => x.UserId)
                .Where(u => u != null && users.Contains(u.Value))
                .Select(u => u!.Value)
                .ToListAsync(ct)
        )
            refused.TryAdd(u, NoConsent);
        return refused;
    }

    public const string OptedOut = "opted-out: 本人已撤回消息同意，未发送 / consent to messages withdrawn, not sent";
    public const string NoConsent = "no-consent: 本人不接收关怀消息，未发送 / refuses care messages, not sent";

    private async Task TellStewardAsync(CareTask t, CancellationToken ct)
    {
        if (t.AssigneeUserId is not { } steward)
            return;
        await notifier.NotifyAsync(
            [steward],
            t.CompanyId,
            Loc.T("新的客户关怀任务", "New care task"),
            t.Title,
            "/care/tasks",
            $"care-task:{t.Key}",
            ct
        );
    }

    private static Message Greeting(string zh, string en, string key) =>
        new("greeting", new Dictionary<string, string> { ["occasion"] = zh, ["occasion.en"] = en }, null, key);

    /// <summary>Whether <paramref name="date"/>'s month and day are today's (29 February counts on 28 February in other years).</summary>
    public static bool IsBirthday(DateOnly? date, DateOnly today) =>
        date is { } d
        && (
            d.Month == today.Month && d.Day == today.Day
            || d.Month == 2 && d.Day == 29 && !DateTime.IsLeapYear(today.Year) && today.Month == 2 && today.Day == 28
        );
}
