using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Staff.Features.Shared;

internal sealed record TrainingDto(
    Guid Id,
    Guid CompanyId,
    Guid? ProjectId,
    string? ProjectName,
    string Title,
    TrainingTopic Topic,
    string TopicName,
    DateOnly HeldOn,
    decimal Hours,
    string? Trainer,
    decimal PassMark,
    int Enrolled,
    int Attended,
    int Passed,
    int AwaitingResults,
    double? AverageRating,
    List<AttendanceDto> Trainees
);

internal sealed record AttendanceDto(Guid StaffMemberId, string TraineeName, bool? Attended, decimal? Score, bool? Passed, int? Rating);

/// <summary>The training sessions a reader may see, and how they are shown.</summary>
internal static class TrainingViews
{
    public static string TopicName(TrainingTopic topic) =>
        topic switch
        {
            TrainingTopic.Professional => Wuye.Platform.Web.Loc.T("专业技能", "Professional"),
            TrainingTopic.Safety => Wuye.Platform.Web.Loc.T("安全", "Safety"),
            TrainingTopic.Service => Wuye.Platform.Web.Loc.T("服务礼仪", "Service"),
            _ => Wuye.Platform.Web.Loc.T("新员工入职", "Onboarding"),
        };

    /// <summary>Keepers see every session of their scope; front-line staff the sessions they are enrolled in.</summary>
    public static IQueryable<TrainingSession> Visible(WuyeDb db)
    {
        var all = db.Set<TrainingSession>().AsNoTracking();
        var kept = StaffRoles.Kept(db.Scope);
        if (kept.All)
            return all;
        var (companies, projects) = (kept.Companies, kept.Projects);
        var me = db.Scope.UserId;
        var staff = db.StaffRefs();
        var lines = db.Set<TrainingAttendance>();
        return all.Where(t =>
            companies.Contains(t.CompanyId)
            || (t.ProjectId != null && projects.Contains(t.ProjectId.Value))
            || lines.Any(a => a.SessionId == t.Id && staff.Any(s => s.Id == a.StaffMemberId && s.UserId != null && s.UserId == me))
        );
    }

    public static async Task<List<TrainingDto>> ToDtosAsync(WuyeDb db, IReadOnlyList<TrainingSession> sessions, CancellationToken ct)
    {
        var ids = sessions.Select(s => s.Id).ToList();
        var projectIds = sessions.Where(s => s.ProjectId != null).Select(s => s.ProjectId!.Value).Distinct().ToList();
        var names = await db.ProjectRefs().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var q = db.Set<TrainingAttendance>().AsNoTracking().Where(a => ids.Contains(a.SessionId));
        var kept = StaffRoles.Kept(db.Scope);
        if (!kept.All)
        {
            // A trainee sees their own line only, not their colleagues' scores; a keeper every line of the places he keeps.
            var (companies, projects) = (kept.Companies, kept.Projects);
            var me = db.Scope.UserId;
            var staff = db.StaffRefs();
            q = q.Where(a =>
                companies.Contains(a.CompanyId)
                || (a.ProjectId != null && projects.Contains(a.ProjectId.Value))
                || staff.Any(s => s.Id == a.StaffMemberId && s.UserId != null && s.UserId == me)
            );
        }
        var lines = await q.OrderBy(a => a.TraineeName).ThenBy(a => a.Id).ToListAsync(ct);
        return
        [
            .. sessions.Select(s =>
            {
                var mine = lines.Where(a => a.SessionId == s.Id).ToList();
                var rated = mine.Where(a => a.Rating != null).ToList();
                return new TrainingDto(
                    s.Id,
                    s.CompanyId,
                    s.ProjectId,
                    s.ProjectId is { } p ? names.GetValueOrDefault(p) : null,
                    s.Title,
                    s.Topic,
                    TopicName(s.Topic),
                    s.HeldOn,
                    s.Hours,
                    s.Trainer,
                    s.PassMark,
                    mine.Count,
                    mine.Count(a => a.Attended == true),
                    mine.Count(a => a.Passed == true),
                    mine.Count(a => a.Attended == null),
                    rated.Count == 0 ? null : Math.Round(rated.Average(a => a.Rating!.Value), 1),
                    [.. mine.Select(a => new AttendanceDto(a.StaffMemberId, a.TraineeName, a.Attended, a.Score, a.Passed, a.Rating))]
                );
            }),
        ];
    }
}

internal static class TrainingLinks
{
    public const string Page = "/staff/trainings";
}
