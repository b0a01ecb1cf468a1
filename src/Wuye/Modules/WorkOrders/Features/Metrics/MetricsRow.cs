using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Data;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.RollUpMetrics;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.Metrics;

internal enum MetricsGroup
{
    Company,
    Project,
    Zone,
    Category,
    Technician,
    Month,
}

/// <summary>
/// One row of figures. Every rate is a count over a count, both given, so a reader can check it;
/// a rate whose denominator is zero is null, never 0 or 100 %.
/// </summary>
internal sealed record MetricsRow(
    string Key,
    string Label,
    int Created,
    int Closed,
    int Completed,
    int ClosedWithLimit,
    int ClosedOnTime,
    int ResponseKnown,
    int ResponseOnTime,
    int ArrivalKnown,
    int ArrivalOnTime,
    int Visited,
    int Rated,
    int Satisfied,
    int FirstRated,
    int FirstSatisfied,
    int FirstTimeFix,
    int Reworked,
    double? MedianHoursToClose,
    double? P90HoursToClose
)
{
    static double? Rate(int n, int d) => d == 0 ? null : Math.Round((double)n / d, 4);

    public double? ClosureRate => Rate(Closed, Created);
    public double? OnTimeRate => Rate(ClosedOnTime, ClosedWithLimit);
    public double? ResponseOnTimeRate => Rate(ResponseOnTime, ResponseKnown);
    public double? ArrivalOnTimeRate => Rate(ArrivalOnTime, ArrivalKnown);
    public double? ReturnVisitRate => Rate(Visited, Completed);
    public double? SatisfactionRate => Rate(Satisfied, Rated);

    /// <summary>Satisfied on the first return visit / requests with a first visit: a rework that ends well hides no first no.</summary>
    public double? FirstVisitSatisfactionRate => Rate(FirstSatisfied, FirstRated);
    public double? FirstTimeFixRate => Rate(FirstTimeFix, Closed);
    public double? ReworkRate => Rate(Reworked, Completed);
}

internal sealed record MetricsResult(DateOnly From, DateOnly To, MetricsGroup GroupBy, IReadOnlyList<MetricsRow> Rows, MetricsRow Total);

internal sealed record MetricsQuery(
    DateOnly? From,
    DateOnly? To,
    MetricsGroup? GroupBy,
    Guid? CompanyId,
    Guid? ProjectId,
    Guid? ZoneId,
    RequestCategory? Category,
    Guid? TechnicianUserId
);
