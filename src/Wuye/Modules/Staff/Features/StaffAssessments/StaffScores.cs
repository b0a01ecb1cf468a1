using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wuye.Modules.Complaints.Contracts;
using Wuye.Modules.Inspections.Contracts;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.StaffAssessments;

/// <summary>A person's month: the records counted, the score (<see cref="AssessmentFormula"/>) and the rank in the project.</summary>
internal sealed record PersonScoreDto(
    Guid StaffMemberId,
    string Name,
    Guid? TeamId,
    string? TeamName,
    int Findings,
    decimal DeductionPoints,
    int WorkOrdersDue,
    int WorkOrdersOnTime,
    decimal? OnTimeRate,
    int Complaints,
    int ExamAttempts,
    decimal? ExamMean,
    decimal Score,
    int Rank
);

/// <summary>A team's month: the mean of its members' scores, and its rank among the project's teams.</summary>
internal sealed record TeamScoreDto(Guid TeamId, string Name, int Members, decimal Score, int Rank);

/// <summary>
/// One project's month: closed (scores stored on the 1st of the next month, under review) or still provisional (computed now),
/// with the people and the teams ranked.
/// </summary>
internal sealed record ProjectAssessmentDto(
    Guid ProjectId,
    string ProjectName,
    string Month,
    bool Closed,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? ReviewedAt,
    string? ReviewedByName,
    List<PersonScoreDto> People,
    List<TeamScoreDto> Teams
);

/// <summary>
/// 月度考核: each person's month computed from the records of other modules, read through their contracts — the QPI deduction
/// findings they answer for (<c>db.DeductionFindings()</c>, the responsible person of the improvement notice), the work orders
/// assigned to them due in the month (<c>db.AssignedWorkOrders()</c>), the effective complaints linked to a request they worked
/// (<c>db.ComplaintLinks()</c>) — and this module's exam attempts handed in during the month.
/// </summary>
internal static class StaffScores
{
    public const string Page = "/staff/assessments";

    private sealed record Raw(
        Guid StaffMemberId,
        Guid CompanyId,
        Guid ProjectId,
        Guid? TeamId,
        Guid? UserId,
        string Name,
        int Findings,
        decimal DeductionPoints,
        int Due,
        int OnTime,
        int Complaints,
        int ExamAttempts,
        decimal? ExamMean
    )
    {
        public decimal Score => AssessmentFormula.Score(DeductionPoints, Due, OnTime, Complaints, ExamMean);
    }

    /// <summary>
    /// The current staff of <paramref name="projectIds"/> with their month's records; work orders count once due (before
    /// <paramref name="now"/> in the current month).
    /// </summary>
    private static async Task<List<Raw>> RecordsAsync(
        WuyeDb db,
        Guid[] projectIds,
        DateOnly month,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var next = month.AddMonths(1);
        var start = ChinaTime.StartOf(month);
        var end = ChinaTime.StartOf(next);
        var cut = now < end ? now : end;
        var findings = db.DeductionFindings().Where(f => f.FoundOn >= month && f.FoundOn < next);
        var orders = db.AssignedWorkOrders();
        var due = orders.Where(w => w.CompletionDueAt >= start && w.CompletionDueAt < cut);
        var complaints = db.ComplaintLinks().Where(c => c.Effective && c.ReceivedAt >= start && c.ReceivedAt < end);
        var assignments = db.Set<ExamAssignment>();
        var attempts = db.Set<ExamAttempt>().Where(a => a.SubmittedAt >= start && a.SubmittedAt < end && a.Score != null);
        var rows = await db.StaffRefs()
            .AsNoTracking()
            .Where(s => s.ArchivedAt == null && s.ProjectId != null && projectIds.Contains(s.ProjectId.Value))
            .OrderBy(s => s.ProjectId)
            .ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                s.CompanyId,
                ProjectId = s.ProjectId!.Value,
                s.TeamId,
                s.UserId,
                s.Name,
                Findings = findings.Count(f => f.ProjectId == s.ProjectId && s.UserId != null && f.ResponsibleUserId == s.UserId),
                Points = findings
                    .Where(f => f.ProjectId == s.ProjectId && s.UserId != null && f.ResponsibleUserId == s.UserId)
                    .Sum(f => (decimal?)f.Points),
                Due = due.Count(w => w.ProjectId == s.ProjectId && s.UserId != null && w.AssigneeUserId == s.UserId),
                OnTime = due.Count(w =>
                    w.ProjectId == s.ProjectId
                    && s.UserId != null
                    && w.AssigneeUserId == s.UserId
                    && w.CompletedAt != null
                    && w.CompletedAt <= w.CompletionDueAt
                ),
                Complaints = complaints.Count(c =>
                    c.ProjectId == s.ProjectId
                    && s.UserId != null
                    && orders.Any(w => w.AssigneeUserId == s.UserId && c.ServiceRequestIds.Contains(w.ServiceRequestId))
                ),
                Exams = attempts.Count(a => assignments.Any(x => x.Id == a.AssignmentId && x.StaffMemberId == s.Id)),
                ExamTotal = attempts.Where(a => assignments.Any(x => x.Id == a.AssignmentId && x.StaffMemberId == s.Id)).Sum(a => a.Score),
            })
            .Take(5000)
            .ToListAsync(ct);
        return
        [
            .. rows.Select(r => new Raw(
                r.Id,
                r.CompanyId,
                r.ProjectId,
                r.TeamId,
                r.UserId,
                r.Name,
                r.Findings,
                r.Points ?? 0m,
                r.Due,
                r.OnTime,
                r.Complaints,
                r.Exams,
                r.Exams == 0 ? null : AssessmentFormula.Round((r.ExamTotal ?? 0m) / r.Exams)
            )),
        ];
    }

    /// <summary>The month of each project (by name): the stored scores of a closed month, the records as they stand otherwise.</summary>
    public static async Task<List<ProjectAssessmentDto>> ReadAsync(
        WuyeDb db,
        IQueryable<ProjectRef> projects,
        DateOnly month,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var list = await projects.OrderBy(p => p.Name).ThenBy(p => p.Id).Select(p => new { p.Id, p.Name }).Take(200).ToListAsync(ct);
        var ids = list.Select(p => p.Id).ToArray();
        var closed = await db.Set<StaffAssessmentMonth>()
            .AsNoTracking()
            .Where(m => ids.Contains(m.ProjectId) && m.Month == month)
            .ToDictionaryAsync(m => m.ProjectId, ct);
        var closedIds = closed.Keys.ToArray();
        var stored = await db.Set<StaffScore>()
            .AsNoTracking()
            .Where(s => closedIds.Contains(s.ProjectId) && s.Month == month)
            .OrderBy(s => s.Rank)
            .ThenBy(s => s.StaffName)
            .ThenBy(s => s.Id)
            .Take(5000)
            .ToListAsync(ct);
        var open = ids.Where(id => !closed.ContainsKey(id)).ToArray();
        var live = open.Length == 0 ? [] : await RecordsAsync(db, open, month, now, ct);
        var teamIds = stored.Select(s => s.TeamId).Concat(live.Select(r => r.TeamId)).OfType<Guid>().Distinct().ToArray();
        var teams = await db.TeamRefs().AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return
        [
            .. list.Select(p =>
            {
                var people = closed.ContainsKey(p.Id)
                    ? [.. stored.Where(s => s.ProjectId == p.Id).Select(s => Dto(s, teams))]
                    : Ranked(live.Where(r => r.ProjectId == p.Id), teams);
                closed.TryGetValue(p.Id, out var m);
                return new ProjectAssessmentDto(
                    p.Id,
                    p.Name,
                    $"{month:yyyy-MM}",
                    m is not null,
                    m?.ClosedAt,
                    m?.ReviewedAt,
                    m?.ReviewedByName,
                    people,
                    TeamsOf(people)
                );
            }),
        ];
    }

    private static PersonScoreDto Dto(StaffScore s, Dictionary<Guid, string> teams) =>
        new(
            s.StaffMemberId,
            s.StaffName,
            s.TeamId,
            s.TeamId is { } t ? teams.GetValueOrDefault(t) : null,
            s.Findings,
            s.DeductionPoints,
            s.WorkOrdersDue,
            s.WorkOrdersOnTime,
            Rate(s.WorkOrdersOnTime, s.WorkOrdersDue),
            s.Complaints,
            s.ExamAttempts,
            s.ExamMean,
            s.Score,
            s.Rank
        );

    private static decimal? Rate(int part, int whole) => whole == 0 ? null : AssessmentFormula.Round(100m * part / whole);

    private static List<PersonScoreDto> Ranked(IEnumerable<Raw> rows, Dictionary<Guid, string> teams)
    {
        var ordered = rows.Select(r => (Row: r, r.Score)).OrderByDescending(x => x.Score).ThenBy(x => x.Row.Name).ToList();
        var ranks = AssessmentFormula.Ranks([.. ordered.Select(x => x.Score)]);
        return
        [
            .. ordered.Select(
                (x, i) =>
                    new PersonScoreDto(
                        x.Row.StaffMemberId,
                        x.Row.Name,
                        x.Row.TeamId,
                        x.Row.TeamId is { } t ? teams.GetValueOrDefault(t) : null,
                        x.Row.Findings,
                        x.Row.DeductionPoints,
                        x.Row.Due,
                        x.Row.OnTime,
                        Rate(x.Row.OnTime, x.Row.Due),
                        x.Row.Complaints,
                        x.Row.ExamAttempts,
                        x.Row.ExamMean,
                        x.Score,
                        ranks[i]
                    )
            ),
        ];
    }

    /// <summary>Each team's score is the mean of its members' scores; teams ranked as people are.</summary>
    public static List<TeamScoreDto> TeamsOf(IReadOnlyList<PersonScoreDto> people)
    {
        var teams = people
            .Where(p => p.TeamId != null)
            .GroupBy(p => p.TeamId!.Value)
            .Select(g =>
                (Id: g.Key, Name: g.First().TeamName ?? "", Count: g.Count(), Score: AssessmentFormula.Round(g.Average(p => p.Score)))
            )
            .OrderByDescending(t => t.Score)
            .ThenBy(t => t.Name)
            .ToList();
        var ranks = AssessmentFormula.Ranks([.. teams.Select(t => t.Score)]);
        return [.. teams.Select((t, i) => new TeamScoreDto(t.Id, t.Name, t.Count, t.Score, ranks[i]))];
    }

    /// <summary>
    /// Stages the closing of <paramref name="month"/> of a project in the caller's unit of work: its current staff's scores computed
    /// from the records of the whole month, with their ranks, and the month's mark; the caller saves them in one go
    /// (<see cref="SaveOnceAsync"/>). Null when the month is closed already (never twice).
    /// </summary>
    public static async Task<StaffAssessmentMonth?> StageCloseAsync(
        WuyeDb db,
        Guid companyId,
        Guid projectId,
        DateOnly month,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        if (await db.Set<StaffAssessmentMonth>().AnyAsync(m => m.ProjectId == projectId && m.Month == month, ct))
            return null;
        var rows = await RecordsAsync(db, [projectId], month, ChinaTime.StartOf(month.AddMonths(1)), ct);
        var people = Ranked(rows, []);
        var byId = rows.ToDictionary(r => r.StaffMemberId);
        foreach (var p in people)
        {
            var r = byId[p.StaffMemberId];
            db.Add(
                new StaffScore
                {
                    CompanyId = r.CompanyId,
                    ProjectId = projectId,
                    Month = month,
                    StaffMemberId = r.StaffMemberId,
                    TeamId = r.TeamId,
                    UserId = r.UserId,
                    StaffName = r.Name,
                    Findings = r.Findings,
                    DeductionPoints = r.DeductionPoints,
                    WorkOrdersDue = r.Due,
                    WorkOrdersOnTime = r.OnTime,
                    Complaints = r.Complaints,
                    ExamAttempts = r.ExamAttempts,
                    ExamMean = r.ExamMean,
                    Score = p.Score,
                    Rank = p.Rank,
                }
            );
        }
        var closed = new StaffAssessmentMonth
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Month = month,
            ClosedAt = now,
            People = people.Count,
        };
        db.Add(closed);
        return closed;
    }

    /// <summary>Saves a staged close; false (nothing saved) when another run closed the month first.</summary>
    public static async Task<bool> SaveOnceAsync(WuyeDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another run closed it first.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
