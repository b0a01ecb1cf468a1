namespace Wuye.Modules.Facilities.Domain;

/// <summary>A vendor's records of one month, counted from the app's own data.</summary>
/// <param name="TasksDue">Environment tasks of its zones due in the month (to today in the current month).</param>
/// <param name="TasksDone">Of those, done.</param>
/// <param name="Checks">Spot checks of its done tasks.</param>
/// <param name="ChecksFailed">Of those, failed.</param>
/// <param name="DeductionPoints">QPI deduction points of the findings its failed checks link.</param>
/// <param name="Complaints">Complaints about its kind of work in its projects, received in the month.</param>
/// <param name="Fixes">Work orders on its assets completed in the month (faults and failed maintenance items).</param>
/// <param name="FixesOnTime">Of those, completed within their time limit.</param>
internal sealed record VendorRecords(
    int TasksDue,
    int TasksDone,
    int Checks,
    int ChecksFailed,
    decimal DeductionPoints,
    int Complaints,
    int Fixes,
    int FixesOnTime
);

/// <summary>
/// The monthly vendor scorecard (000#15–18), 100 points: task completion 40 (× done / due), spot checks 20 (× passed / checked),
/// QPI deductions 15 (less 3 per point), complaints 15 (less 5 each), on-time fixes 10 (× on time / fixed). A part with nothing to
/// count scores in full; no part goes below zero. Rounded to one decimal.
/// </summary>
internal static class VendorScore
{
    public const decimal Completion = 40m;
    public const decimal SpotChecks = 20m;
    public const decimal Deductions = 15m;
    public const decimal ComplaintPart = 15m;
    public const decimal OnTime = 10m;

    public static decimal Of(VendorRecords r)
    {
        var completion = r.TasksDue == 0 ? Completion : Completion * r.TasksDone / r.TasksDue;
        var checks = r.Checks == 0 ? SpotChecks : SpotChecks * (r.Checks - r.ChecksFailed) / r.Checks;
        var deductions = Math.Max(0m, Deductions - 3m * r.DeductionPoints);
        var complaints = Math.Max(0m, ComplaintPart - 5m * r.Complaints);
        var fixes = r.Fixes == 0 ? OnTime : OnTime * r.FixesOnTime / r.Fixes;
        return Math.Round(completion + checks + deductions + complaints + fixes, 1, MidpointRounding.AwayFromZero);
    }
}
