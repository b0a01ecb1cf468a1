using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.RollCalls;

internal sealed record RollCallDto(
    Guid Id,
    Guid ProjectId,
    Guid SecurityPostId,
    string PostName,
    DateOnly Night,
    DateTimeOffset SlotAt,
    string? GuardName,
    Guid? GuardUserId,
    RollCallState State,
    int Calls,
    DateTimeOffset CalledAt,
    DateTimeOffset? AnsweredAt,
    bool Verbal,
    DateTimeOffset? EscalatedAt,
    int? ResponseSeconds,
    string? Note
);

/// <summary>One post's night in the log: calls, answers (on the phone or verbal), escalations, response times.</summary>
internal sealed record RollCallLogLine(
    Guid SecurityPostId,
    string PostName,
    int Calls,
    int Answered,
    int Verbal,
    int Escalated,
    int Open,
    double? MedianResponseSeconds,
    int? SlowestResponseSeconds
);

internal sealed record RollCallSettingsDto(Guid ProjectId, string From, string Until, int IntervalMinutes, int AnswerMinutes, int Recalls);

internal static class RollCallReads
{
    public static RollCallDto Dto(RollCall c) =>
        new(
            c.Id,
            c.ProjectId,
            c.SecurityPostId,
            c.PostName,
            c.Night,
            c.SlotAt,
            c.GuardName,
            c.GuardUserId,
            c.State,
            c.Calls,
            c.CalledAt,
            c.AnsweredAt,
            c.Verbal,
            c.EscalatedAt,
            c.ResponseSeconds,
            c.Note
        );

    public static RollCallSettingsDto Dto(RollCallSettings s) =>
        new(s.ProjectId, s.From.ToString("HH:mm"), s.Until.ToString("HH:mm"), s.IntervalMinutes, s.AnswerMinutes, s.Recalls);

    /// <summary>The night under way (or last night, in the daytime): a night is named by its first day; before noon it is
    /// yesterday's.</summary>
    public static DateOnly CurrentNight(TimeProvider clock) =>
        ChinaTime.Now(clock).Hour < 12 ? ChinaTime.Today(clock).AddDays(-1) : ChinaTime.Today(clock);

    public static IQueryable<RollCall> OfNight(WuyeDb db, DateOnly night, Guid? projectId) =>
        db.Set<RollCall>()
            .AsNoTracking()
            .Where(c => c.Night == night && (projectId == null || c.ProjectId == projectId))
            .OrderByDescending(c => c.SlotAt)
            .ThenBy(c => c.PostName)
            .ThenBy(c => c.Id);

    public static double? Median(IReadOnlyList<int> values)
    {
        if (values.Count == 0)
            return null;
        var v = values.Order().ToList();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2.0;
    }

    public static List<RollCallLogLine> Log(IEnumerable<RollCall> calls) =>
        [
            .. calls
                .GroupBy(c => (c.SecurityPostId, c.PostName))
                .OrderBy(g => g.Key.PostName)
                .Select(g =>
                {
                    var times = g.Where(c => c.ResponseSeconds is not null).Select(c => c.ResponseSeconds!.Value).ToList();
                    return new RollCallLogLine(
                        g.Key.SecurityPostId,
                        g.Key.PostName,
                        g.Count(),
                        g.Count(c => c.AnsweredAt != null),
                        g.Count(c => c.Verbal),
                        g.Count(c => c.EscalatedAt != null),
                        g.Count(c => c.AnsweredAt == null && c.EscalatedAt == null),
                        Median(times),
                        times.Count == 0 ? null : times.Max()
                    );
                }),
        ];

    public static async Task<RollCallSettings> SettingsAsync(WuyeDb db, Guid companyId, Guid projectId, CancellationToken ct) =>
        await db.Set<RollCallSettings>().FirstOrDefaultAsync(s => s.ProjectId == projectId, ct)
        ?? RollCallSettings.Defaults(companyId, projectId);
}
