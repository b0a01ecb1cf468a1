using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.CommunityEvents;

/// <summary>
/// What a reader may see of the community events: staff their projects' (a zone steward their zone's and the project-wide ones),
/// an owner those of their homes' projects and zones (read alone, the filter lifted, as an owner may not read project-wide rows);
/// sign-up counts (places taken, attendance) read with the filters off for the visible events only; the year against the goals.
/// </summary>
internal sealed class CommunityEventReads(WuyeDb db, TimeProvider clock)
{
    public async Task<IQueryable<CommunityEvent>> VisibleAsync(CancellationToken ct)
    {
        if (!CareRoles.IsOwner(db.Scope))
            return db.Set<CommunityEvent>().AsNoTracking();
        var homes = await db.OwnUnitRefs().Select(u => new { u.ProjectId, u.ZoneId }).ToListAsync(ct);
        var projects = homes.Select(h => h.ProjectId).Distinct().ToList();
        var zones = homes.Where(h => h.ZoneId != null).Select(h => h.ZoneId!.Value).Distinct().ToList();
        return db.Set<CommunityEvent>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(e => projects.Contains(e.ProjectId) && (e.ZoneId == null || zones.Contains(e.ZoneId.Value)));
    }

    private sealed record Counts(int SignedUp, int Households, int CheckedIn, int Attended);

    /// <summary>Places taken and attendance of these events (every household's sign-up counts, whoever reads).</summary>
    private async Task<Dictionary<Guid, Counts>> CountsAsync(List<Guid> ids, CancellationToken ct) =>
        ids.Count == 0
            ? []
            : (
                await db.Set<EventSignUp>()
                    .IgnoreQueryFilters()
                    .Where(s => ids.Contains(s.EventId))
                    .GroupBy(s => s.EventId)
                    .Select(g => new
                    {
                        g.Key,
                        SignedUp = g.Sum(s => s.People),
                        Households = g.Count(),
                        CheckedIn = g.Count(s => s.CheckedInAt != null),
                        Attended = g.Sum(s => s.Attended ?? 0),
                    })
                    .ToListAsync(ct)
            ).ToDictionary(x => x.Key, x => new Counts(x.SignedUp, x.Households, x.CheckedIn, x.Attended));

    public static IQueryable<CommunityEventDto> Dtos(IQueryable<CommunityEvent> q) =>
        q.Select(e => new CommunityEventDto(
            e.Id,
            e.ProjectId,
            e.ZoneId,
            e.Title,
            e.Theme,
            e.Interests,
            e.StartsAt,
            e.EndsAt,
            e.Place,
            e.Capacity,
            e.Description,
            e.Status,
            e.OrganizerName,
            e.Invited,
            0,
            0,
            0,
            0
        ));

    public async Task<List<CommunityEventDto>> WithCountsAsync(IReadOnlyList<CommunityEventDto> items, CancellationToken ct)
    {
        var counts = await CountsAsync([.. items.Select(i => i.Id)], ct);
        return
        [
            .. items.Select(i =>
                counts.TryGetValue(i.Id, out var c)
                    ? i with
                    {
                        SignedUp = c.SignedUp,
                        Households = c.Households,
                        CheckedIn = c.CheckedIn,
                        Attended = c.Attended,
                    }
                    : i
            ),
        ];
    }

    /// <summary>Events of a project and/or year; upcoming = not started yet, soonest first; otherwise the latest first.</summary>
    public async Task<Paged<CommunityEventDto>> ListAsync(
        Guid? projectId,
        int? year,
        bool upcoming,
        int? page,
        int? pageSize,
        CancellationToken ct
    )
    {
        var q = await VisibleAsync(ct);
        if (projectId is { } p)
            q = q.Where(e => e.ProjectId == p);
        if (year is { } y and >= 2000 and <= 2100)
        {
            var (from, to) = YearSpan(y);
            q = q.Where(e => e.StartsAt >= from && e.StartsAt < to);
        }
        if (upcoming)
        {
            var now = clock.GetUtcNow();
            q = q.Where(e => e.StartsAt > now && e.Status == CommunityEventStatus.Open).OrderBy(e => e.StartsAt).ThenBy(e => e.Id);
        }
        else
            q = q.OrderByDescending(e => e.StartsAt).ThenBy(e => e.Id);
        var paged = await Dtos(q).ToPagedAsync(page, pageSize, ct);
        return paged with { Items = await WithCountsAsync(paged.Items, ct) };
    }

    public async Task<CommunityEventDto> OneAsync(Guid id, CancellationToken ct)
    {
        var e = await Dtos((await VisibleAsync(ct)).Where(e => e.Id == id)).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("community event");
        return (await WithCountsAsync([e], ct))[0];
    }

    /// <summary>The sign-ups the reader may see (an owner: their homes'; a zone steward: their zones').</summary>
    public IQueryable<EventSignUpDto> SignUps(IQueryable<EventSignUp> q)
    {
        var labels = db.UnitLabels();
        return q.AsNoTracking()
            .OrderBy(s => s.CheckedInAt != null)
            .ThenBy(s => s.CreatedAt)
            .ThenBy(s => s.Id)
            .Select(s => new EventSignUpDto(
                s.Id,
                s.EventId,
                s.UnitId,
                labels.Where(l => l.Id == s.UnitId).Select(l => l.Label).FirstOrDefault() ?? "",
                s.Name,
                s.People,
                s.Note,
                s.CreatedAt,
                s.CheckedInAt,
                s.Attended,
                s.CheckedInByName
            ));
    }

    public IQueryable<EventSignUpDto> SignUpsOf(Guid eventId) => SignUps(db.Set<EventSignUp>().Where(s => s.EventId == eventId));

    public IQueryable<EventSignUpDto> SignUp(Guid id) => SignUps(db.Set<EventSignUp>().Where(s => s.Id == id));

    public static (DateTimeOffset From, DateTimeOffset To) YearSpan(int year) =>
        (ChinaTime.StartOf(new DateOnly(year, 1, 1)), ChinaTime.StartOf(new DateOnly(year + 1, 1, 1)));

    /// <summary>Each visible project's activities in the year (China time) against 001 (≥ 2) and 002 (≥ 12, each ≥ 300 people):
    /// planned = not cancelled; held = started by now; attendance = people checked in.</summary>
    public async Task<List<CommunityYearDto>> YearAsync(int year, CancellationToken ct)
    {
        var (from, to) = YearSpan(year);
        var now = clock.GetUtcNow();
        var events = await (await VisibleAsync(ct))
            .Where(e => e.Status == CommunityEventStatus.Open && e.StartsAt >= from && e.StartsAt < to)
            .Select(e => new
            {
                e.Id,
                e.ProjectId,
                e.StartsAt,
            })
            .ToListAsync(ct);
        var counts = await CountsAsync([.. events.Select(e => e.Id)], ct);
        var projectIds = events.Select(e => e.ProjectId).Distinct().ToList();
        var names = await db.ProjectRefs().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return
        [
            .. events
                .GroupBy(e => e.ProjectId)
                .Select(g =>
                {
                    var held = g.Where(e => e.StartsAt <= now).ToList();
                    var attended = held.Select(e => counts.TryGetValue(e.Id, out var c) ? c.Attended : 0).ToList();
                    var with300 = attended.Count(a => a >= CommunityGoals.Seed002People);
                    return new CommunityYearDto(
                        g.Key,
                        names.GetValueOrDefault(g.Key, ""),
                        year,
                        g.Count(),
                        held.Count,
                        attended.Sum(),
                        with300,
                        held.Count >= CommunityGoals.Seed001PerYear,
                        held.Count >= CommunityGoals.Seed002PerYear,
                        held.Count > 0 && with300 == held.Count
                    );
                })
                .OrderBy(y => y.ProjectName)
                .ThenBy(y => y.ProjectId),
        ];
    }
}
