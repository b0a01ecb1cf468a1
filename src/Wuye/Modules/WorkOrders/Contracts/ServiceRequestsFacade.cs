using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.CreateServiceRequest;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Contracts;

/// <summary>The work-order module's answers to <see cref="IServiceRequests"/> and <see cref="IProjectCalendars"/>, through its own use
/// cases.</summary>
internal sealed class ServiceRequestsFacade(WuyeDb db, CreateServiceRequestHandler create, ProjectClocks clocks)
    : IServiceRequests,
        IProjectCalendars,
        IUnitOpenRequests
{
    public Task<List<UnitOpenRequest>> OpenForUnitsAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken ct) =>
        db.Set<ServiceRequest>()
            .AsNoTracking()
            .Where(r => r.UnitId != null && unitIds.Contains(r.UnitId.Value) && r.Status == RequestStatus.Open)
            .OrderBy(r => r.OpenedAt)
            .ThenBy(r => r.Id)
            .Take(500)
            .Select(r => new UnitOpenRequest(r.UnitId!.Value, r.Number, r.Description, r.OpenedAt))
            .ToListAsync(ct);

    public async Task<CreatedServiceRequest> CreateAsync(CreateServiceRequest request, CancellationToken ct)
    {
        var ask = new NewServiceRequest(
            request.UnitId,
            null,
            null,
            null,
            RequestChannel.FrontDesk,
            request.Category,
            Urgency.Normal,
            request.Description,
            request.ReporterName,
            request.ReporterPhone,
            null,
            null,
            null
        );
        Validator.Check(ask);
        var created = await create.CreateAsync(ask, ct);
        return new CreatedServiceRequest(created.Id, created.Number);
    }

    public async Task<CreatedServiceRequest> CreateForPublicAreaAsync(CreatePublicAreaRequest request, CancellationToken ct)
    {
        var ask = new NewServiceRequest(
            null,
            request.ProjectId,
            null,
            request.Location,
            RequestChannel.Patrol,
            request.Category,
            request.Urgent ? Urgency.Urgent : Urgency.Normal,
            request.Description,
            request.ReporterName,
            null,
            null,
            null,
            null
        );
        Validator.Check(ask);
        var created = await create.CreateAsync(ask, ct);
        return new CreatedServiceRequest(created.Id, created.Number);
    }

    public Task<int> CountInProjectAsync(IReadOnlyCollection<Guid> ids, Guid projectId, CancellationToken ct) =>
        db.Set<ServiceRequest>().CountAsync(r => ids.Contains(r.Id) && r.ProjectId == projectId, ct);

    public Task<List<ServiceRequestSummary>> DescribeAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        db.Set<ServiceRequest>()
            .AsNoTracking()
            .Where(r => ids.Contains(r.Id))
            .OrderBy(r => r.OpenedAt)
            .Select(r => new ServiceRequestSummary(
                r.Id,
                r.ProjectId,
                r.Number,
                r.Status,
                r.Description,
                db.Set<WorkOrder>()
                    .Where(w => w.ServiceRequestId == r.Id)
                    .OrderByDescending(w => w.ClockStartedAt)
                    .Select(w => w.AssigneeName)
                    .FirstOrDefault(),
                r.OpenedAt,
                r.CompletedAt,
                r.CompletionOnTime
            ))
            .ToListAsync(ct);

    public async Task<List<ServiceRequestSummary>> RaisedDuringAsync(
        Guid projectId,
        IReadOnlyCollection<Guid> buildingIds,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken ct
    )
    {
        var all = buildingIds.Count == 0;
        var units = db.UnitRefs();
        var ids = await db.Set<ServiceRequest>()
            .Where(r =>
                r.ProjectId == projectId
                && r.OpenedAt >= from
                && r.OpenedAt < to
                && (all || r.UnitId == null || units.Any(u => u.Id == r.UnitId && buildingIds.Contains(u.BuildingId)))
            )
            .OrderBy(r => r.OpenedAt)
            .ThenBy(r => r.Id)
            .Take(200)
            .Select(r => r.Id)
            .ToListAsync(ct);
        return await DescribeAsync(ids, ct);
    }

    public async Task<IWorkingDays> ForProjectAsync(Guid companyId, Guid projectId, CancellationToken ct) =>
        await clocks.WorkingTimeAsync(companyId, projectId, ct);
}
