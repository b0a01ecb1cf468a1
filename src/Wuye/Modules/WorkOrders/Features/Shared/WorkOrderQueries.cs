using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.WorkOrders.Features.Shared;

/// <summary>Read projections shared by the API and the pages (one SQL query each; the scope filters apply).</summary>
internal static class WorkOrderQueries
{
    /// <summary>The one shape of <see cref="ServiceRequestDto"/>: translated to SQL by <see cref="Requests"/>, run in memory by <see
    /// cref="Request"/>.</summary>
    private static readonly Expression<Func<ServiceRequest, string?, ServiceRequestDto>> RequestShape = (r, unitLabel) =>
        new ServiceRequestDto(
            r.Id,
            r.Number,
            r.ProjectId,
            r.ZoneId,
            r.UnitId,
            unitLabel,
            r.Location,
            r.Channel,
            r.Category,
            r.Urgency,
            r.Status,
            r.Description,
            r.ReporterName,
            r.PhotoIds,
            r.VisitFrom,
            r.VisitTo,
            r.OpenedAt,
            r.CompletionDueAt,
            r.CompletedAt,
            r.ClosedAt,
            r.ReworkCount,
            r.Satisfied,
            r.Score,
            r.MergedIntoId
        );

    private static readonly Func<ServiceRequest, string?, ServiceRequestDto> RequestShapeCompiled = RequestShape.Compile();

    /// <summary>A request just written, as the API answers it (no read back).</summary>
    public static ServiceRequestDto Request(ServiceRequest r, string? unitLabel) => RequestShapeCompiled(r, unitLabel);

    public static IQueryable<ServiceRequestDto> Requests(WuyeDb db, IQueryable<ServiceRequest> q)
    {
        // The view is captured, not called inside the lambda: EF would compile a call on every execution (see MasterDataReads).
        var units = db.UnitLabels();
        Expression<Func<ServiceRequest, string?>> label = r =>
            r.UnitId == null ? null : units.Where(u => u.Id == r.UnitId).Select(u => u.Label).FirstOrDefault();
        var r = RequestShape.Parameters[0];
        var body = new Replace(RequestShape.Parameters[1], new Replace(label.Parameters[0], r).Visit(label.Body)).Visit(RequestShape.Body);
        return q.Select(Expression.Lambda<Func<ServiceRequest, ServiceRequestDto>>(body, r));
    }

    public static IQueryable<WorkOrderDto> Orders(WuyeDb db, IQueryable<WorkOrder> q)
    {
        var units = db.UnitLabels();
        var requests = db.Set<ServiceRequest>();
        return from w in q
            join r in requests on w.ServiceRequestId equals r.Id
            select new WorkOrderDto(
                w.Id,
                w.ServiceRequestId,
                r.Number,
                w.ProjectId,
                w.UnitId,
                w.UnitId == null ? null : units.Where(u => u.Id == w.UnitId).Select(u => u.Label).FirstOrDefault(),
                r.Location,
                w.Category,
                w.Urgency,
                r.Description,
                w.Status,
                w.ReworkOfId,
                w.AssigneeUserId,
                w.AssigneeName,
                w.AroundTheClock,
                w.ClockStartedAt,
                w.ResponseDueAt,
                w.ArrivalDueAt,
                w.CompletionDueAt,
                w.DispatchedAt,
                w.AcceptedAt,
                w.ArrivedAt,
                w.CompletedAt,
                w.ClosedAt,
                w.PausedAt,
                w.PauseKind,
                w.PauseReason,
                w.PausedMinutes,
                w.BeforePhotoIds,
                w.AfterPhotoIds,
                w.WorkDone,
                w.OwnerConfirmedBy,
                w.AnythingElse,
                w.ChargeTotal,
                w.Version
            );
    }

    public static IQueryable<ReturnVisitDto> Visits(WuyeDb db, IQueryable<ReturnVisit> q, DateTimeOffset now)
    {
        var units = db.UnitLabels();
        var requests = db.Set<ServiceRequest>();
        var orders = db.Set<WorkOrder>();
        return from v in q
            join r in requests on v.ServiceRequestId equals r.Id
            join w in orders on v.WorkOrderId equals w.Id
            select new ReturnVisitDto(
                v.Id,
                v.ServiceRequestId,
                r.Number,
                v.WorkOrderId,
                v.ProjectId,
                v.UnitId == null ? r.Location : units.Where(u => u.Id == v.UnitId).Select(u => u.Label).FirstOrDefault(),
                r.Description,
                v.Status,
                v.DueAt,
                v.Status == ReturnVisitStatus.Pending && v.DueAt < now,
                v.VisitedAt,
                v.VisitedByName,
                v.Satisfied,
                v.Score,
                v.Comment,
                v.ReworkWorkOrderId,
                w.AssigneeName,
                w.CompletedAt
            );
    }

    /// <summary>The work order as it now stands: what every action on a job answers.</summary>
    public static async Task<Results<Ok<WorkOrderDto>, NotFound>> OrderResultAsync(WuyeDb db, Guid id, CancellationToken ct) =>
        await Orders(db, db.Set<WorkOrder>().AsNoTracking().Where(w => w.Id == id)).FirstOrDefaultAsync(ct) is { } w
            ? TypedResults.Ok(w)
            : TypedResults.NotFound();

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    /// <summary>
    /// 待我评价: the finished requests on the signed-in owner's units whose return visit still waits (the owner's rating counts
    /// as that visit). The owner's home count and the list it leads to both read this one query.
    /// </summary>
    public static IQueryable<ServiceRequest> AwaitingOwnerRating(WuyeDb db)
    {
        var own = db.Scope.Units;
        return db.Set<ServiceRequest>()
            .AsNoTracking()
            .Where(r =>
                r.UnitId != null
                && own.Contains(r.UnitId.Value)
                && r.Status == Contracts.RequestStatus.Completed
                && db.Set<ReturnVisit>().Any(v => v.ServiceRequestId == r.Id && v.Status == ReturnVisitStatus.Pending)
            );
    }
}
