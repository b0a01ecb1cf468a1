using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.CustomerCare.Domain;

/// <summary>
/// A steward's monthly contact plan (沟通计划, 写字楼 #6, 经理助理 #1, 000#64): the households to contact this month, chosen
/// from the profiles — the longest not visited first. Its progress is counted from the care visits recorded in the month; the
/// issues raised become service requests.
/// </summary>
internal sealed class ContactPlan : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid StewardUserId { get; set; }
    public required string StewardName { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    /// <summary>An office project's plan (15 clients a week) rather than a residential one (60 households a month).</summary>
    public bool Office { get; set; }

    /// <summary>Households to contact in the month: 60, or 15 a week for an office project.</summary>
    public int Target { get; set; }

    public const int ResidentialPerMonth = 60,
        OfficePerWeek = 15;

    /// <summary>The month's target: 60 households, or 15 clients for each week starting (on Monday) in the month.</summary>
    public static int TargetFor(bool office, DateOnly month)
    {
        if (!office)
            return ResidentialPerMonth;
        var mondays = Enumerable
            .Range(0, DateTime.DaysInMonth(month.Year, month.Month))
            .Count(d => month.AddDays(d).DayOfWeek == DayOfWeek.Monday);
        return OfficePerWeek * mondays;
    }
}

/// <summary>One household of a plan, with when it was last contacted when the plan was made.</summary>
internal sealed class ContactPlanItem : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid PlanId { get; set; }
    public int Position { get; set; }
    public DateTimeOffset? LastContactAt { get; set; }
}

/// <summary>An issue a household raised during a contact (or at the monthly analysis meeting), opened as a service request.</summary>
internal sealed class ContactIssue : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid PlanId { get; set; }
    public required string Description { get; set; }
    public Guid ServiceRequestId { get; set; }
    public required string ServiceRequestNumber { get; set; }
    public required string RaisedByName { get; set; }
}
