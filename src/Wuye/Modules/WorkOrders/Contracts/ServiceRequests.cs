using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Contracts;

public enum RequestCategory
{
    Plumbing,
    Electrical,
    DoorWindow,
    Elevator,
    PublicFacility,
    Cleaning,
    Greening,
    Security,
    Other,
}

public enum RequestStatus
{
    Open,
    Completed,
    Closed,
    Merged,
}

/// <summary>A service request other modules open: for a unit, registered at the front desk on someone's behalf.</summary>
public sealed record CreateServiceRequest(
    Guid UnitId,
    RequestCategory? Category,
    string? Description,
    string? ReporterName,
    string? ReporterPhone
);

/// <summary>A request for a public area of a project (a failed maintenance item on an asset, say): where it is, and whether it is
/// urgent, which picks the project's urgent time limits.</summary>
public sealed record CreatePublicAreaRequest(
    Guid ProjectId,
    string Location,
    RequestCategory Category,
    bool Urgent,
    string Description,
    string? ReporterName
);

public sealed record CreatedServiceRequest(Guid Id, string Number);

/// <summary>A request as another module shows it beside its own record (a complaint's linked requests).</summary>
public sealed record ServiceRequestSummary(
    Guid Id,
    Guid ProjectId,
    string Number,
    RequestStatus Status,
    string Description,
    string? AssigneeName,
    DateTimeOffset OpenedAt,
    DateTimeOffset? CompletedAt = null,
    bool? CompletionOnTime = null
);

/// <summary>What other modules may do with service requests (报事): open one, check and describe the ones they link to.</summary>
public interface IServiceRequests
{
    /// <summary>Opens a request through the work-order module's own use case (its validation, clocks, numbers and notifications); in the
    /// caller's transaction if one is open.</summary>
    Task<CreatedServiceRequest> CreateAsync(CreateServiceRequest request, CancellationToken ct);

    /// <summary>Opens a public-area request (no unit) through the same use case, in the caller's transaction if one is open.</summary>
    Task<CreatedServiceRequest> CreateForPublicAreaAsync(CreatePublicAreaRequest request, CancellationToken ct);

    /// <summary>How many of <paramref name="ids"/> are requests of the project that the reader may see.</summary>
    Task<int> CountInProjectAsync(IReadOnlyCollection<Guid> ids, Guid projectId, CancellationToken ct);

    /// <summary>The requests among <paramref name="ids"/> the reader may see, oldest first, with their current assignee.</summary>
    Task<List<ServiceRequestSummary>> DescribeAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>The requests of the project the reader may see opened in [<paramref name="from"/>, <paramref name="to"/>): of units in
    /// <paramref name="buildingIds"/> and of public areas (every unit when no building is named), oldest first (an emergency links the
    /// requests raised during it).</summary>
    Task<List<ServiceRequestSummary>> RaisedDuringAsync(
        Guid projectId,
        IReadOnlyCollection<Guid> buildingIds,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken ct
    );
}

/// <summary>Working days on a project's business calendar (hours, weekdays, holidays, swapped workdays).</summary>
public interface IWorkingDays
{
    /// <summary>The moment <paramref name="days"/> full working days after <paramref name="from"/>; null when the calendar has no working
    /// day ahead.</summary>
    DateTimeOffset? AddWorkingDays(DateTimeOffset from, int days);

    /// <summary>Whether the China date <paramref name="day"/> is a working day (holidays off, swapped workdays on).</summary>
    bool IsWorkingDay(DateOnly day);
}

/// <summary>The project's working calendar, kept by the work-order module (/work-orders/settings) and used by every clock that counts
/// working time.</summary>
public interface IProjectCalendars
{
    Task<IWorkingDays> ForProjectAsync(Guid companyId, Guid projectId, CancellationToken ct);
}

/// <summary>The names of categories and statuses as staff and owners read them.</summary>
public static class ServiceRequestText
{
    public static string CategoryName(RequestCategory c) =>
        c switch
        {
            RequestCategory.Plumbing => Loc.T("给排水", "Plumbing"),
            RequestCategory.Electrical => Loc.T("电气", "Electrical"),
            RequestCategory.DoorWindow => Loc.T("门窗", "Doors & windows"),
            RequestCategory.Elevator => Loc.T("电梯", "Elevator"),
            RequestCategory.PublicFacility => Loc.T("公共设施", "Public facility"),
            RequestCategory.Cleaning => Loc.T("保洁", "Cleaning"),
            RequestCategory.Greening => Loc.T("绿化", "Greening"),
            RequestCategory.Security => Loc.T("安防", "Security"),
            _ => Loc.T("其他", "Other"),
        };

    public static string StatusName(RequestStatus s) =>
        s switch
        {
            RequestStatus.Open => Loc.T("处理中", "In progress"),
            RequestStatus.Completed => Loc.T("待回访", "Awaiting visit"),
            RequestStatus.Closed => Loc.T("已归档", "Archived"),
            _ => Loc.T("已合并", "Merged"),
        };
}
