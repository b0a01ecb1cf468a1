using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.WorkOrders.Domain;

/// <summary>维护时限表: response, arrival and completion limits for a project, by category (null = any) and urgency.</summary>
internal sealed class SlaPolicy : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public RequestCategory? Category { get; set; }
    public Urgency Urgency { get; set; }
    public int ResponseMinutes { get; set; }
    public int ArrivalMinutes { get; set; }
    public int CompletionMinutes { get; set; }
    public bool AroundTheClock { get; set; }
}

/// <summary>A project's working hours, working weekdays, public holidays and swapped workdays (调休).</summary>
internal sealed class BusinessCalendar : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public TimeOnly DayStart { get; set; } = new(8, 30);
    public TimeOnly DayEnd { get; set; } = new(17, 30);

    /// <summary>ISO weekday digits, Monday = 1: "12345" is Monday to Friday.</summary>
    public string WorkingDays { get; set; } = "12345";
    public DateOnly[] Holidays { get; set; } = [];
    public DateOnly[] ExtraWorkdays { get; set; } = [];
}
