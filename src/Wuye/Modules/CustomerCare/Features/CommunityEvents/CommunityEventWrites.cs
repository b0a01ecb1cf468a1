using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.CommunityEvents;

/// <summary>
/// Announcing an event (the desk and managers for a project, a zone steward for their zone) with its invitations, a household's
/// sign-up within the capacity (one per household; places counted under a lock per event, so two last sign-ups cannot both take
/// the last place), and the check-in at the door.
/// </summary>
internal sealed class CommunityEventWrites(WuyeDb db, TimeProvider clock, Notifier notifier, UserNames names, CommunityEventReads reads)
{
    /// <summary>Announces the event and invites; a <paramref name="party"/> (a month's birthday party) invites that month's
    /// birthdays instead of by interests, and is saved with the event.</summary>
    public async Task<Guid> CreateAsync(NewCommunityEvent input, CancellationToken ct, BirthdayParty? party = null)
    {
        Validator.Check(input);
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == input.ProjectId && p.ArchivedAt == null)
            .Select(p => new { p.Id, p.CompanyId })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var now = clock.GetUtcNow();
        if (input.StartsAt!.Value <= now)
            throw ValidationException.For("startsAt", "开始时间须晚于现在", "The start must be in the future");
        var zone = input.ZoneId;
        if (zone is { } z)
        {
            if (!await db.ZoneRefs().AnyAsync(x => x.Id == z && x.ProjectId == project.Id && x.ArchivedAt == null, ct))
                throw ValidationException.For("zoneId", "片区不属于该项目", "The zone is not in this project");
        }
        else if (!db.Scope.HasRoleAt(CareRoles.Stewards, project.CompanyId, project.Id, null))
        {
            // A zone steward organises for their own zone.
            var me = db.Scope.UserId;
            zone = await db.ZoneRefs()
                .Where(x => x.ProjectId == project.Id && x.StewardUserId == me && x.ArchivedAt == null)
                .OrderBy(x => x.Name)
                .ThenBy(x => x.Id)
                .Select(x => (Guid?)x.Id)
                .FirstOrDefaultAsync(ct)
                ?? throw ValidationException.For("zoneId", "请选择您负责的片区", "Choose a zone you look after");
        }
        var ev = new CommunityEvent
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            ZoneId = zone,
            Title = input.Title!.Trim(),
            Theme = string.IsNullOrWhiteSpace(input.Theme) ? null : input.Theme.Trim(),
            Interests = [.. (input.Interests ?? []).Select(i => i.Trim()).Where(i => i.Length > 0).Distinct()],
            StartsAt = input.StartsAt.Value.ToUniversalTime(),
            EndsAt = input.EndsAt?.ToUniversalTime(),
            Place = input.Place!.Trim(),
            Capacity = input.Capacity!.Value,
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            OrganizerUserId = db.Scope.UserId,
            OrganizerName = (db.Scope.UserId is { } u ? await names.NameAsync(u, ct) : null) ?? Loc.T("物业服务中心", "Service centre"),
        };
        db.Add(ev);
        if (party is not null)
        {
            if (
                await db.Set<BirthdayParty>()
                    .AnyAsync(b => b.ProjectId == ev.ProjectId && b.ZoneId == ev.ZoneId && b.Month == party.Month, ct)
            )
                throw ValidationException.For("month", "这个月的生日会已经办过了", "This month's birthday party has already been made");
            (party.CompanyId, party.ProjectId, party.ZoneId, party.EventId) = (ev.CompanyId, ev.ProjectId, ev.ZoneId, ev.Id);
            db.Add(party);
        }
        await InviteAsync(ev, party?.Month.Month, ct);
        await db.SaveChangesAsync(ct);
        return ev.Id;
    }

    /// <summary>
    /// 根据客户爱好主动通知 (000#60): the accounts of the people living in the event's project (or zone) today whose profile
    /// interests meet the event's (everyone when it names none), except those who refused care messages in their profile. The
    /// message is templated, so the outbox applies quiet hours and each person's channel preferences and opt-out.
    /// </summary>
    private async Task InviteAsync(CommunityEvent ev, int? birthdayMonth, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var project = ev.ProjectId;
        var zone = ev.ZoneId;
        var interests = ev.Interests;
        var profiles = db.Set<PersonProfile>();
        var residents = db.OccupantRefs()
            .Where(o =>
                o.ProjectId == project
                && (zone == null || o.ZoneId == zone)
                && (o.Since == null || o.Since <= today)
                && (o.Until == null || o.Until >= today)
            )
            .Join(
                db.PersonRefs().Where(p => p.UserId != null && p.ArchivedAt == null),
                o => o.PersonId,
                p => p.Id,
                (o, p) =>
                    new
                    {
                        p.Id,
                        UserId = p.UserId!.Value,
                        p.Birthday,
                    }
            );
        var talents = db.Set<TalentEntry>().Where(t => t.Consent);
        if (birthdayMonth is { } month)
            residents = residents.Where(r => r.Birthday != null && r.Birthday.Value.Month == month);
        else if (interests.Length > 0)
            // An interest of the profiles, or a skill of the talent pool (人才库: 书法, 钢琴… invited to the event that needs them).
            residents = residents.Where(r =>
                profiles.Any(pp => pp.PersonId == r.Id && pp.Interests.Any(i => interests.Contains(i)))
                || talents.Any(t => t.PersonId == r.Id && t.Skills.Any(k => interests.Contains(k)))
            );
        residents = residents.Where(r => !profiles.Any(pp => pp.PersonId == r.Id && pp.Consent == false));
        var users = await residents.Select(r => r.UserId).Distinct().ToListAsync(ct);
        var when = ChinaTime.Text(ev.StartsAt);
        var theme = ev.Theme is { } t ? $"（{t}）" : "";
        await notifier.SendAsync(
            users,
            ev.CompanyId,
            new Message(
                "message",
                new Dictionary<string, string>
                {
                    ["title"] = $"【社区活动】{ev.Title}",
                    ["title.en"] = $"[Community event] {ev.Title}",
                    ["body"] = $"{ev.Title}{theme}：{when} 在 {ev.Place} 举行，名额 {ev.Capacity} 个，欢迎在业主服务页报名参加。",
                    ["body.en"] = $"{ev.Title}: {when} at {ev.Place}, {ev.Capacity} places. Sign up on the owner portal.",
                },
                "/portal/events",
                $"event:{ev.Id:N}"
            ),
            ct
        );
        ev.Invited = users.Count;
        ev.InvitedAt = clock.GetUtcNow();
    }

    public async Task<Guid> SignUpAsync(Guid eventId, NewEventSignUp input, CancellationToken ct)
    {
        Validator.Check(input);
        var ev = await (await reads.VisibleAsync(ct)).FirstOrDefaultAsync(e => e.Id == eventId, ct)
            ?? throw new NotFoundException("community event");
        var now = clock.GetUtcNow();
        ev.EnsureOpenForSignUp(now);
        var unit = await CareHome.FindAsync(db, input.UnitId, ct);
        if (unit.ProjectId != ev.ProjectId || (ev.ZoneId is { } z && unit.ZoneId != z))
            throw ValidationException.For("unitId", "该房屋不在活动的邀请范围内", "This home is not in the event's audience");
        var name = await unit.HouseholdNameAsync(db, names, clock, ct);
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        // One sign-up at a time per event: the places left are counted after the lock.
        await db.Database.ExecuteSqlInterpolatedAsync($"select pg_advisory_xact_lock(hashtextextended({ev.Id.ToString()}, 17))", ct);
        var taken = db.Set<EventSignUp>().IgnoreQueryFilters().Where(s => s.EventId == ev.Id);
        var earlier = await taken.Where(s => s.UnitId == unit.Id).Select(s => (DateTimeOffset?)s.CreatedAt).FirstOrDefaultAsync(ct);
        if (earlier is not null)
            throw ValidationException.For(
                "unitId",
                $"该户已于 {ChinaTime.Text(earlier)} 报名，不能重复报名",
                $"This home signed up on {ChinaTime.Text(earlier)}: once is enough"
            );
        var left = ev.Capacity - await taken.SumAsync(s => s.People, ct);
        if (input.People!.Value > left)
            throw ValidationException.For(
                "people",
                left <= 0 ? "名额已满" : $"名额不足：仅剩 {left} 个",
                left <= 0 ? "The event is full" : $"Only {left} place(s) left"
            );
        var signUp = new EventSignUp
        {
            CompanyId = unit.CompanyId,
            ProjectId = unit.ProjectId,
            ZoneId = unit.ZoneId,
            UnitId = unit.Id,
            EventId = ev.Id,
            UserId = db.Scope.UserId,
            Name = name,
            People = input.People.Value,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
        };
        db.Add(signUp);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return signUp.Id;
    }

    /// <summary>Who signed up: the owner's own name on the portal; for the desk, the household's owner of record.</summary>
    public async Task CheckInAsync(Guid eventId, EventCheckIn input, CancellationToken ct)
    {
        Validator.Check(input);
        var ev = await db.Set<CommunityEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct)
            ?? throw new NotFoundException("community event");
        var signUp = await db.Set<EventSignUp>().FirstOrDefaultAsync(s => s.Id == input.SignUpId && s.EventId == eventId, ct)
            ?? throw ValidationException.For("signUpId", "不是本活动的报名记录", "Not a sign-up of this event");
        var now = clock.GetUtcNow();
        ev.EnsureCheckInOpen(now);
        var by = (db.Scope.UserId is { } u ? await names.NameAsync(u, ct) : null) ?? Loc.T("物业服务中心", "Service centre");
        signUp.CheckIn(input.Attended, by, now);
        await db.SaveChangesAsync(ct);
    }
}
