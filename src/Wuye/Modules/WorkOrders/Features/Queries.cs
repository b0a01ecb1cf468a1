using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.WorkOrders.Features;

/// <summary>Read projections shared by the API and the pages (one SQL query each; the scope filters apply).</summary>
internal static class Queries
{
    public static IQueryable<ServiceRequestDto> Requests(WuyeDb db, IQueryable<ServiceRequest> q) =>
        q.Select(r => new ServiceRequestDto(r.Id, r.Number, r.ProjectId, r.ZoneId, r.UnitId,
            r.UnitId == null ? null : db.UnitRefs().Where(u => u.Id == r.UnitId).Select(u => db.BuildingRefs().Where(b => b.Id == u.BuildingId).Select(b => b.Name).FirstOrDefault() + " " + u.Number).FirstOrDefault(),
            r.Location, r.Channel, r.Category, r.Urgency, r.Status, r.Description, r.ReporterName, r.PhotoIds, r.VisitFrom, r.VisitTo, r.OpenedAt,
            r.CompletionDueAt, r.CompletedAt, r.ClosedAt, r.ReworkCount, r.Satisfied, r.Score, r.MergedIntoId));

    public static IQueryable<WorkOrderDto> Orders(WuyeDb db, IQueryable<WorkOrder> q) =>
        from w in q
        join r in db.Set<ServiceRequest>() on w.ServiceRequestId equals r.Id
        select new WorkOrderDto(w.Id, w.ServiceRequestId, r.Number, w.ProjectId, w.UnitId,
            w.UnitId == null ? null : db.UnitRefs().Where(u => u.Id == w.UnitId).Select(u => db.BuildingRefs().Where(b => b.Id == u.BuildingId).Select(b => b.Name).FirstOrDefault() + " " + u.Number).FirstOrDefault(),
            r.Location, w.Category, w.Urgency, r.Description, w.Status, w.ReworkOfId, w.AssigneeUserId, w.AssigneeName, w.AroundTheClock, w.ClockStartedAt,
            w.ResponseDueAt, w.ArrivalDueAt, w.CompletionDueAt, w.DispatchedAt, w.AcceptedAt, w.ArrivedAt, w.CompletedAt, w.ClosedAt,
            w.PausedAt, w.PauseKind, w.PauseReason, w.PausedMinutes, w.BeforePhotoIds, w.AfterPhotoIds, w.WorkDone, w.OwnerConfirmedBy, w.AnythingElse,
            w.ChargeTotal, w.Version);

    public static IQueryable<ReturnVisitDto> Visits(WuyeDb db, IQueryable<ReturnVisit> q, DateTimeOffset now) =>
        from v in q
        join r in db.Set<ServiceRequest>() on v.ServiceRequestId equals r.Id
        join w in db.Set<WorkOrder>() on v.WorkOrderId equals w.Id
        select new ReturnVisitDto(v.Id, v.ServiceRequestId, r.Number, v.WorkOrderId, v.ProjectId,
            v.UnitId == null ? r.Location : db.UnitRefs().Where(u => u.Id == v.UnitId).Select(u => db.BuildingRefs().Where(b => b.Id == u.BuildingId).Select(b => b.Name).FirstOrDefault() + " " + u.Number).FirstOrDefault(),
            r.Description, v.Status, v.DueAt, v.Status == ReturnVisitStatus.Pending && v.DueAt < now, v.VisitedAt, v.VisitedByName, v.Satisfied, v.Score, v.Comment,
            v.ReworkWorkOrderId, w.AssigneeName, w.CompletedAt);

    public static async Task<ServiceRequestDetail?> DetailAsync(WuyeDb db, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var r = await Requests(db, db.Set<ServiceRequest>().AsNoTracking().Where(x => x.Id == id)).FirstOrDefaultAsync(ct);
        if (r is null) return null;
        var english = Loc.IsEnglish;
        var orders = (await Orders(db, db.Set<WorkOrder>().AsNoTracking().Where(w => w.ServiceRequestId == id)).ToListAsync(ct)).OrderBy(w => w.ClockStartedAt).ToList();
        var events = (await db.Set<WorkOrderEvent>().AsNoTracking().Where(e => e.ServiceRequestId == id).OrderBy(e => e.At).ThenBy(e => e.Seq).ToListAsync(ct))
            .Select(e => new EventDto(e.Id, e.At, e.Kind, WorkOrderService.EventName(e.Kind), e.ActorName, english && e.NoteEn != null ? e.NoteEn : e.Note, e.WorkOrderId)).ToList();
        var visits = (await Visits(db, db.Set<ReturnVisit>().AsNoTracking().Where(v => v.ServiceRequestId == id), now).ToListAsync(ct)).OrderBy(v => v.DueAt).ToList();
        return new ServiceRequestDetail(r, orders, events, visits);
    }
}
