using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Domain;

/// <summary>
/// 外包方月度优秀员工 (000#17): one employee of a vendor's crew named by a manager per project and month (<see cref="Month"/> is the
/// month's first day), with the reason. The records suggest (<see cref="StarNominee"/>); the manager chooses.
/// </summary>
internal sealed class VendorStar : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public DateOnly Month { get; set; }
    public Guid VendorId { get; set; }
    public required string VendorName { get; set; }
    public Guid StaffId { get; set; }
    public required string StaffName { get; set; }
    public required string Reason { get; set; }
    public Guid NamedByUserId { get; set; }
    public required string NamedByName { get; set; }

    /// <summary>Named for a month that has begun, with a reason.</summary>
    public static VendorStar Name(
        Guid companyId,
        Guid projectId,
        DateOnly month,
        Guid vendorId,
        string vendorName,
        Guid staffId,
        string staffName,
        string? reason,
        Guid userId,
        string userName,
        DateOnly today
    )
    {
        var v = new Validator();
        var first = VendorMeeting.MonthOf(month);
        if (first > VendorMeeting.MonthOf(today))
            v.Add("month", "不能评选尚未开始的月份", "The month has not begun");
        if (string.IsNullOrWhiteSpace(reason))
            v.Add("reason", "请写明评选理由", "Say why");
        v.ThrowIfAny();
        return new VendorStar
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Month = first,
            VendorId = vendorId,
            VendorName = vendorName,
            StaffId = staffId,
            StaffName = staffName,
            Reason = reason!.Trim(),
            NamedByUserId = userId,
            NamedByName = userName,
        };
    }
}

/// <summary>
/// The records behind a nominee of one month: the tasks due in the zones their crew keeps (done by their day: on time), the spot
/// checks of them (passed, failed) and the QPI deduction points failed checks link; and the tasks the employee marked done on time
/// themselves (when they have an account).
/// </summary>
internal sealed record StarRecords(
    int TeamTasksDue,
    int TeamTasksOnTime,
    int Checks,
    int ChecksFailed,
    decimal DeductionPoints,
    int OwnOnTime
)
{
    /// <summary>
    /// The suggestion's score: the crew's on-time share × 60, its spot checks passed × 20 (20 with none), less 5 per failed check
    /// and 3 per deduction point, plus one per task the employee did on time themselves (at most 20). Nothing due scores nothing for
    /// the crew part: no record, no praise. Rounded to one decimal.
    /// </summary>
    public decimal Score
    {
        get
        {
            var onTime = TeamTasksDue == 0 ? 0m : 60m * TeamTasksOnTime / TeamTasksDue;
            var checks = Checks == 0 ? 20m : 20m * (Checks - ChecksFailed) / Checks;
            var crew = TeamTasksDue == 0 ? 0m : onTime + checks - 5m * ChecksFailed - 3m * DeductionPoints;
            return Math.Round(Math.Max(0m, crew) + Math.Min(20, OwnOnTime), 1, MidpointRounding.AwayFromZero);
        }
    }
}
