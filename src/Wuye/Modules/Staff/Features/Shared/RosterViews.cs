using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.Shared;

internal sealed record RosterShiftDto(Guid Id, Guid ProjectId, string Name, ShiftKind Kind, string Starts, string Ends);

internal sealed record RosterPostDto(
    Guid Id,
    Guid ProjectId,
    Guid? TeamId,
    string? TeamName,
    Guid? SecurityPostId,
    string Name,
    CertificateKind? RequiredCertificate,
    Guid[] StaffedShiftIds
);

/// <summary>A roster entry as read (member-initialised so that queries can order by its fields).</summary>
internal sealed record RosterEntryDto
{
    public Guid Id { get; init; }
    public Guid ProjectId { get; init; }
    public DateOnly Day { get; init; }
    public Guid PostId { get; init; }
    public string PostName { get; init; } = "";
    public Guid ShiftId { get; init; }
    public string ShiftName { get; init; } = "";
    public ShiftKind ShiftKind { get; init; }
    public string Hours { get; init; } = "";
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public Guid StaffMemberId { get; init; }
    public Guid? UserId { get; init; }
    public string StaffName { get; init; } = "";
}

internal sealed record LeaveDto(
    Guid Id,
    Guid ProjectId,
    Guid StaffMemberId,
    string StaffName,
    DateOnly FromDay,
    DateOnly ToDay,
    string Reason,
    RequestStatus Status,
    string? DecidedByName,
    string? DecisionNote
);

internal sealed record SwapDto(
    Guid Id,
    Guid ProjectId,
    Guid EntryId,
    Guid WithEntryId,
    string RequesterName,
    string PartnerName,
    string Reason,
    RequestStatus Status,
    string? DecidedByName
);

/// <summary>The roster's reads: what a reader may see (keepers their places, staff their own requests) and the DTOs.</summary>
internal static class RosterViews
{
    public const string Page = "/staff/rosters";

    public static string StatusName(RequestStatus s) =>
        s switch
        {
            RequestStatus.Pending => Loc.T("待审批", "Pending"),
            RequestStatus.Approved => Loc.T("已批准", "Approved"),
            _ => Loc.T("已驳回", "Rejected"),
        };

    public static string KindName(ShiftKind k) =>
        k switch
        {
            ShiftKind.Day => Loc.T("白班", "Day"),
            ShiftKind.Night => Loc.T("夜班", "Night"),
            _ => Loc.T("弹性班", "Flexible"),
        };

    /// <summary>The Monday of the week of <paramref name="day"/>.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The projects whose roster the reader keeps (not archived): as for talks.</summary>
    public static IQueryable<ProjectRef> KeptProjects(WuyeDb db) => StaffTalks.StaffTalkViews.KeptProjects(db);

    /// <summary>Leave requests: a keeper's places, or one's own.</summary>
    public static IQueryable<LeaveRequest> Leaves(WuyeDb db)
    {
        var all = db.Set<LeaveRequest>().AsNoTracking();
        var kept = StaffRoles.Kept(db.Scope);
        if (kept.All)
            return all;
        var (companies, projects, me) = (kept.Companies, kept.Projects, db.Scope.UserId);
        return all.Where(l => companies.Contains(l.CompanyId) || projects.Contains(l.ProjectId) || l.UserId == me);
    }

    /// <summary>Swaps: a keeper's places, or those one asked or is asked for.</summary>
    public static IQueryable<ShiftSwap> Swaps(WuyeDb db)
    {
        var all = db.Set<ShiftSwap>().AsNoTracking();
        var kept = StaffRoles.Kept(db.Scope);
        if (kept.All)
            return all;
        var (companies, projects, me) = (kept.Companies, kept.Projects, db.Scope.UserId);
        return all.Where(s =>
            companies.Contains(s.CompanyId) || projects.Contains(s.ProjectId) || s.RequesterUserId == me || s.PartnerUserId == me
        );
    }

    public static IQueryable<RosterEntryDto> Entries(WuyeDb db, IQueryable<RosterEntry> entries)
    {
        var posts = db.Set<RosterPost>();
        var shifts = db.Set<RosterShift>();
        return entries
            .Join(posts, e => e.PostId, p => p.Id, (e, p) => new { e, PostName = p.Name })
            .Join(
                shifts,
                x => x.e.ShiftId,
                s => s.Id,
                (x, s) =>
                    new
                    {
                        x.e,
                        x.PostName,
                        s,
                    }
            )
            .Select(x => new RosterEntryDto
            {
                Id = x.e.Id,
                ProjectId = x.e.ProjectId,
                Day = x.e.Day,
                PostId = x.e.PostId,
                PostName = x.PostName,
                ShiftId = x.e.ShiftId,
                ShiftName = x.s.Name,
                ShiftKind = x.s.Kind,
                Hours = "",
                StartsAt = x.e.StartsAt,
                EndsAt = x.e.EndsAt,
                StaffMemberId = x.e.StaffMemberId,
                UserId = x.e.UserId,
                StaffName = x.e.StaffName,
            });
    }

    /// <summary>Adds the China-time hours ("08:00-17:00") to entries read from SQL.</summary>
    public static List<RosterEntryDto> WithHours(IEnumerable<RosterEntryDto> rows) =>
        [.. rows.Select(r => r with { Hours = $"{ChinaTime.ToChina(r.StartsAt):HH\\:mm}-{ChinaTime.ToChina(r.EndsAt):HH\\:mm}" })];

    public static RosterShiftDto ToDto(RosterShift s) => new(s.Id, s.ProjectId, s.Name, s.Kind, $"{s.Starts:HH\\:mm}", $"{s.Ends:HH\\:mm}");

    public static LeaveDto ToDto(LeaveRequest l) =>
        new(l.Id, l.ProjectId, l.StaffMemberId, l.StaffName, l.FromDay, l.ToDay, l.Reason, l.Status, l.DecidedByName, l.DecisionNote);

    public static SwapDto ToDto(ShiftSwap s) =>
        new(s.Id, s.ProjectId, s.EntryId, s.WithEntryId, s.RequesterName, s.PartnerName, s.Reason, s.Status, s.DecidedByName);

    public static IQueryable<RosterPostDto> Posts(WuyeDb db, IQueryable<RosterPost> posts)
    {
        var teams = db.TeamRefs();
        return posts.Select(p => new RosterPostDto(
            p.Id,
            p.ProjectId,
            p.TeamId,
            teams.Where(t => t.Id == p.TeamId).Select(t => t.Name).FirstOrDefault(),
            p.SecurityPostId,
            p.Name,
            p.RequiredCertificate,
            p.StaffedShiftIds
        ));
    }
}
