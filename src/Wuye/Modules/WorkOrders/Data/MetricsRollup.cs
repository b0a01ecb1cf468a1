using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.WorkOrders.Data;

/// <summary>
/// The work-order figures of one company × project × zone × category × technician × month
/// (month the request was opened, China time): every count the metrics need, and the minutes
/// from opening to closing as a histogram (<see cref="CloseMinutes"/>[i] occurred
/// <see cref="CloseCounts"/>[i] times), so medians and p90 over any set of rows merge exactly to
/// the minute. Rebuilt from the requests by <see cref="MetricsRollupRefresher"/>; never edited.
/// Scoped like the requests it sums (company, project, zone), so the central filters apply.
/// </summary>
internal sealed class MetricsRollup : IScoped
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public RequestCategory Category { get; set; }
    public Guid? TechnicianUserId { get; set; }

    /// <summary>yyyyMM, as <see cref="ServiceRequest.OpenedMonth"/>.</summary>
    public int Month { get; set; }
    public int Created { get; set; }
    public int Closed { get; set; }
    public int Completed { get; set; }
    public int ClosedWithLimit { get; set; }
    public int ClosedOnTime { get; set; }
    public int ResponseKnown { get; set; }
    public int ResponseOnTime { get; set; }
    public int ArrivalKnown { get; set; }
    public int ArrivalOnTime { get; set; }
    public int Visited { get; set; }
    public int Rated { get; set; }
    public int Satisfied { get; set; }
    public int FirstTimeFix { get; set; }
    public int Reworked { get; set; }
    public int[] CloseMinutes { get; set; } = [];
    public int[] CloseCounts { get; set; } = [];

    /// <summary>Requests whose first return visit is recorded, and those satisfied on it (0035: last in the table).</summary>
    public int FirstRated { get; set; }
    public int FirstSatisfied { get; set; }
}

/// <summary>
/// A (company, month) whose rollup rows no longer match the requests. Written in the same
/// transaction as the request change (see <see cref="MetricsRollupModel.BeforeSave"/>), consumed
/// by the refresh: a marker can therefore never be lost between a change and its recompute.
/// Append-only, so concurrent writers never wait on each other's marker.
/// </summary>
internal sealed class MetricsRollupStale
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public int Month { get; set; }
}
