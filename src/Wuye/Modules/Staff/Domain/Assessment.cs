using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Domain;

/// <summary>
/// 月度考核 formula: a person's monthly score out of 100 is the weighted sum of four parts, each out of 100 —
/// <list type="bullet">
/// <item>品质核查 (40%): 100 − 10 per point of the QPI deduction findings of the month they answer for (floor 0);</item>
/// <item>工单及时率 (30%): the share of their work orders due in the month completed by the limit (100 with none due);</item>
/// <item>投诉 (15%): 100 − 20 per effective complaint of the month about a job of theirs (floor 0);</item>
/// <item>考试 (15%): the mean score of the exam attempts they handed in during the month (100 with none).</item>
/// </list>
/// A team's score is the mean of its members' scores. Scores are rounded to 0.1, halves away from zero.
/// </summary>
internal static class AssessmentFormula
{
    public const decimal QualityWeight = 0.40m;
    public const decimal OnTimeWeight = 0.30m;
    public const decimal ComplaintWeight = 0.15m;
    public const decimal ExamWeight = 0.15m;
    public const decimal PerDeductionPoint = 10m;
    public const decimal PerComplaint = 20m;

    public static decimal Quality(decimal deductionPoints) => Math.Max(0m, 100m - PerDeductionPoint * deductionPoints);

    public static decimal OnTime(int due, int onTime) => due == 0 ? 100m : 100m * onTime / due;

    public static decimal Complaint(int complaints) => Math.Max(0m, 100m - PerComplaint * complaints);

    public static decimal Exam(decimal? mean) => mean ?? 100m;

    public static decimal Score(decimal deductionPoints, int due, int onTime, int complaints, decimal? examMean) =>
        Round(
            QualityWeight * Quality(deductionPoints)
                + OnTimeWeight * OnTime(due, onTime)
                + ComplaintWeight * Complaint(complaints)
                + ExamWeight * Exam(examMean)
        );

    public static decimal Round(decimal v) => Math.Round(v, 1, MidpointRounding.AwayFromZero);

    /// <summary>Competition ranking (1, 1, 3…) of scores listed highest first.</summary>
    public static int[] Ranks(IReadOnlyList<decimal> scoresDescending)
    {
        var ranks = new int[scoresDescending.Count];
        for (var i = 0; i < ranks.Length; i++)
            ranks[i] = i > 0 && scoresDescending[i] == scoresDescending[i - 1] ? ranks[i - 1] : i + 1;
        return ranks;
    }
}

/// <summary>
/// A person's closed monthly score (月度考核): the records counted and the score, stored when the month is closed so that the
/// ranking under review does not move as later records arrive.
/// </summary>
internal sealed class StaffScore : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public DateOnly Month { get; set; }
    public Guid StaffMemberId { get; set; }
    public Guid? TeamId { get; set; }
    public Guid? UserId { get; set; }
    public required string StaffName { get; set; }
    public int Findings { get; set; }
    public decimal DeductionPoints { get; set; }
    public int WorkOrdersDue { get; set; }
    public int WorkOrdersOnTime { get; set; }
    public int Complaints { get; set; }
    public int ExamAttempts { get; set; }
    public decimal? ExamMean { get; set; }
    public decimal Score { get; set; }
    public int Rank { get; set; }
}

/// <summary>
/// A project's month closed (scores stored, one row per project and month: never closed twice) and the manager's review of
/// its ranking.
/// </summary>
internal sealed class StaffAssessmentMonth : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public DateOnly Month { get; set; }
    public DateTimeOffset ClosedAt { get; set; }
    public int People { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public Guid? ReviewedById { get; set; }
    public string? ReviewedByName { get; set; }

    public void Review(Guid by, string byName, DateTimeOffset now)
    {
        if (ReviewedAt is not null)
            throw new RuleException("assessment.reviewed", "该月考核排名已审阅", "This month's ranking has already been reviewed");
        ReviewedAt = now;
        ReviewedById = by;
        ReviewedByName = byName;
    }
}
