using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.WorkOrders.Features.Shared;

internal sealed record SlaPolicyDto(
    Guid Id,
    Guid ProjectId,
    RequestCategory? Category,
    Urgency Urgency,
    int ResponseMinutes,
    int ArrivalMinutes,
    int CompletionMinutes,
    bool AroundTheClock
)
{
    public static SlaPolicyDto Of(SlaPolicy x) =>
        new(x.Id, x.ProjectId, x.Category, x.Urgency, x.ResponseMinutes, x.ArrivalMinutes, x.CompletionMinutes, x.AroundTheClock);
}

internal sealed record CalendarDto(
    Guid ProjectId,
    TimeOnly DayStart,
    TimeOnly DayEnd,
    string WorkingDays,
    DateOnly[] Holidays,
    DateOnly[] ExtraWorkdays,
    bool IsDefault
);

/// <summary>A project the reader may see, for the time-limit table and the calendar (维护时限表, 工作日历).</summary>
internal sealed record ProjectKey(Guid Id, Guid CompanyId)
{
    public static Task<ProjectKey?> FindAsync(WuyeDb db, Guid id, CancellationToken ct) =>
        db.ProjectRefs().AsNoTracking().Where(p => p.Id == id).Select(p => new ProjectKey(p.Id, p.CompanyId)).FirstOrDefaultAsync(ct);
}
