using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;

namespace Wuye.Modules.Complaints.Features.Shared;

/// <summary>Read projections shared by the API and the pages (the scope filters apply).</summary>
internal static class ComplaintQueries
{
    public static IQueryable<ComplaintDto> Complaints(WuyeDb db, IQueryable<Complaint> q, DateTimeOffset now) =>
        q.Select(c => new ComplaintDto(
            c.Id,
            c.Number,
            c.ProjectId,
            c.ZoneId,
            c.UnitId,
            db.UnitRefs().Where(u => u.Id == c.UnitId).Select(u => u.Label).FirstOrDefault(),
            c.Channel,
            c.Category,
            c.Description,
            c.PersonId,
            c.ComplainantName,
            c.ComplainantPhone,
            c.Effective,
            c.IneffectiveReason,
            c.Vip,
            c.Major,
            c.Departments,
            c.ServiceRequestIds,
            c.ReceivedByUserId,
            c.ReceivedByName,
            c.OwnerStaffId,
            c.OwnerStaffName,
            c.ReceivedAt,
            c.ReplyDueAt,
            c.Status == ComplaintStatus.Open && c.ReplyDueAt < now,
            c.PostponedAt,
            c.PostponeReason,
            c.EscalationLevel,
            c.RootCause,
            c.NextStep,
            c.Status,
            c.Resolution,
            c.ClosedAt,
            c.RepliedAt,
            c.RepliedOnTime,
            c.VisitedAt,
            c.Satisfied,
            c.VisitComment,
            c.ReopenCount
        ));

    /// <summary>Phone numbers leave the server masked (138****1234), as everywhere else.</summary>
    public static ComplaintDto Masked(ComplaintDto c) => c with { ComplainantPhone = c.ComplainantPhone is { } p ? Mask.Phone(p) : null };

    public static IQueryable<ReplyScriptDto> Scripts(IQueryable<ReplyScript> q) =>
        q.Select(s => new ReplyScriptDto(
            s.Id,
            s.ScriptId,
            s.ProjectId,
            s.Category,
            s.Question,
            s.Answer,
            s.VersionNo,
            s.IsCurrent,
            s.EditedByName,
            s.ChangeNote,
            s.CreatedAt
        ));

    public static async Task<ComplaintDetail?> DetailAsync(
        WuyeDb db,
        IServiceRequests serviceRequests,
        Guid id,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var c = await Complaints(db, db.Set<Complaint>().AsNoTracking().Where(x => x.Id == id), now).FirstOrDefaultAsync(ct);
        if (c is null)
            return null;
        var events = (
            await db.Set<ComplaintEvent>()
                .AsNoTracking()
                .Where(e => e.ComplaintId == id)
                .OrderBy(e => e.At)
                .ThenBy(e => e.Seq)
                .ToListAsync(ct)
        )
            .Select(e => new ComplaintEventDto(e.Id, e.At, e.Kind, ComplaintText.EventName(e.Kind), e.ActorName, e.Note))
            .ToList();
        var ids = c.ServiceRequestIds;
        var requests = (await serviceRequests.DescribeAsync(ids, ct))
            .Select(r => new LinkedRequestDto(r.Id, r.Number, r.Status, r.Description, r.AssigneeName))
            .ToList();
        // Owners see their complaint, not the company's internal reply scripts (the filter hides them anyway).
        var scripts = await Scripts(
                db.Set<ReplyScript>()
                    .AsNoTracking()
                    .Where(s => s.IsCurrent && s.Category == c.Category && (s.ProjectId == null || s.ProjectId == c.ProjectId))
                    .OrderBy(s => s.Question)
            )
            .Take(5)
            .ToListAsync(ct);
        return new ComplaintDetail(Masked(c), events, requests, scripts);
    }
}
