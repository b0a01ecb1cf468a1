using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.Shared;

internal sealed record ChecklistItemDto(
    Guid Id,
    int Position,
    string Label,
    ChecklistKind Kind,
    decimal? Min,
    decimal? Max,
    string? Unit,
    FailureSeverity Severity
);

internal sealed record PlanDto(
    Guid Id,
    Guid ProjectId,
    string Name,
    Guid? AssetId,
    AssetCategory? Category,
    string Rule,
    DateOnly StartsOn,
    bool SkipNonWorkingDays,
    Guid? ResponsibleUserId,
    string? ResponsibleName,
    int LeadDays,
    bool Statutory,
    DateOnly? GeneratedThrough,
    DateTimeOffset? ArchivedAt,
    List<ChecklistItemDto> Items
);

internal sealed record ResultDto(
    Guid ChecklistItemId,
    int Position,
    string Label,
    ChecklistKind Kind,
    FailureSeverity Severity,
    bool? Ok,
    decimal? Number,
    string? Text,
    string? PhotoUrl,
    bool Failed,
    Guid? ServiceRequestId,
    string? RequestNumber,
    RequestStatus? RequestStatus
);

internal sealed record TaskDto(
    Guid Id,
    Guid ProjectId,
    Guid MaintenancePlanId,
    Guid AssetId,
    string PlanName,
    string AssetName,
    DateOnly DueOn,
    Guid? AssigneeUserId,
    MaintenanceTaskStatus Status,
    bool Overdue,
    DateTimeOffset? DoneAt,
    string? DoneByName,
    int Failures,
    int? FailuresOpen,
    List<ChecklistItemDto>? Checklist,
    List<ResultDto>? Results
);

/// <summary>Plans and tasks as the API and the pages show them, read under the reader's scope.</summary>
internal sealed class FacilitiesViews(WuyeDb db, TimeProvider clock, IServiceRequests requests)
{
    public static ChecklistItemDto ToDto(ChecklistItem i) => new(i.Id, i.Position, i.Label, i.Kind, i.Min, i.Max, i.Unit, i.Severity);

    public async Task<List<PlanDto>> PlansAsync(IQueryable<MaintenancePlan> query, CancellationToken ct)
    {
        var plans = await query.AsNoTracking().ToListAsync(ct);
        var ids = plans.Select(p => p.Id).ToList();
        var items = (
            await db.Set<ChecklistItem>()
                .AsNoTracking()
                .Where(i => ids.Contains(i.MaintenancePlanId))
                .OrderBy(i => i.Position)
                .ToListAsync(ct)
        ).ToLookup(i => i.MaintenancePlanId);
        var people = plans.Where(p => p.ResponsibleUserId != null).Select(p => p.ResponsibleUserId!.Value).Distinct().ToList();
        var names = await db
            .Users.AsNoTracking()
            .Where(u => people.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.UserName ?? "", ct);
        return
        [
            .. plans.Select(p => new PlanDto(
                p.Id,
                p.ProjectId,
                p.Name,
                p.AssetId,
                p.Category,
                p.Rule,
                p.StartsOn,
                p.SkipNonWorkingDays,
                p.ResponsibleUserId,
                p.ResponsibleUserId is { } u ? names.GetValueOrDefault(u) : null,
                p.LeadDays,
                p.Statutory,
                p.GeneratedThrough,
                p.ArchivedAt,
                [.. items[p.Id].Select(ToDto)]
            )),
        ];
    }

    public async Task<List<TaskDto>> TasksAsync(IReadOnlyList<MaintenanceTask> tasks, bool detail, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        ILookup<Guid, ChecklistItem>? items = null;
        ILookup<Guid, MaintenanceTaskResult>? results = null;
        var linked = new Dictionary<Guid, ServiceRequestSummary>();
        if (detail)
        {
            var planIds = tasks.Select(t => t.MaintenancePlanId).Distinct().ToList();
            items = (
                await db.Set<ChecklistItem>()
                    .AsNoTracking()
                    .Where(i => planIds.Contains(i.MaintenancePlanId))
                    .OrderBy(i => i.Position)
                    .ToListAsync(ct)
            ).ToLookup(i => i.MaintenancePlanId);
            var ids = tasks.Select(t => t.Id).ToList();
            results = (
                await db.Set<MaintenanceTaskResult>()
                    .AsNoTracking()
                    .Where(r => ids.Contains(r.MaintenanceTaskId))
                    .OrderBy(r => r.Position)
                    .ToListAsync(ct)
            ).ToLookup(r => r.MaintenanceTaskId);
            var requestIds = results
                .SelectMany(g => g)
                .Where(r => r.ServiceRequestId != null)
                .Select(r => r.ServiceRequestId!.Value)
                .ToList();
            if (requestIds.Count > 0)
                linked = (await requests.DescribeAsync(requestIds, ct)).ToDictionary(r => r.Id);
        }
        return
        [
            .. tasks.Select(t => new TaskDto(
                t.Id,
                t.ProjectId,
                t.MaintenancePlanId,
                t.AssetId,
                t.PlanName,
                t.AssetName,
                t.DueOn,
                t.AssigneeUserId,
                t.Status,
                t.IsOverdue(today),
                t.DoneAt,
                t.DoneByName,
                t.Failures,
                results is null
                    ? null
                    : results[t.Id]
                        .Count(r => r.Failed && (r.ServiceRequestId is not { } q || !linked.TryGetValue(q, out var l) || !IsFixed(l))),
                items is null ? null : [.. items[t.MaintenancePlanId].Select(ToDto)],
                results is null
                    ? null
                    :
                    [
                        .. results[t.Id]
                            .Select(r => new ResultDto(
                                r.ChecklistItemId,
                                r.Position,
                                r.Label,
                                r.Kind,
                                r.Severity,
                                r.Ok,
                                r.Number,
                                r.Text,
                                r.PhotoId is { } p ? $"/api/v1/files/{p}" : null,
                                r.Failed,
                                r.ServiceRequestId,
                                r.ServiceRequestId is { } q ? linked.GetValueOrDefault(q)?.Number : null,
                                r.ServiceRequestId is { } q2 ? linked.GetValueOrDefault(q2)?.Status : null
                            )),
                    ]
            )),
        ];
    }

    /// <summary>A failure is fixed once its request's work is completed (awaiting its visit, archived, or merged away).</summary>
    public static bool IsFixed(ServiceRequestSummary r) => r.Status != RequestStatus.Open || r.CompletedAt is not null;

    public async Task<TaskDto> TaskAsync(Guid id, CancellationToken ct)
    {
        var task = await db.Set<MaintenanceTask>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new NotFoundException("maintenance task");
        return (await TasksAsync([task], true, ct))[0];
    }
}
