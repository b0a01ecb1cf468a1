using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Domain;

/// <summary>经理接待日 (000#64: 每月进行“经理接待日”活动): the day a project's manager receives owners, with its time and place.</summary>
internal sealed class ReceptionDay : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public required string Place { get; set; }
    public Guid? HostUserId { get; set; }
    public required string HostName { get; set; }
}

/// <summary>An owner's appointment on a reception day (booked by the owner or by staff for them), its topic and the outcome.</summary>
internal sealed class ReceptionAppointment : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid DayId { get; set; }
    public required string Name { get; set; }
    public required string Topic { get; set; }
    public Guid? BookedByUserId { get; set; }
    public string? Outcome { get; set; }
    public DateTimeOffset? OutcomeAt { get; set; }
    public string? OutcomeByName { get; set; }

    public void Record(string outcome, string by, DateTimeOffset now)
    {
        if (Outcome is not null)
            throw new RuleException("reception.recorded", "该预约的结果已记录", "The outcome is already recorded");
        Outcome = outcome;
        OutcomeAt = now;
        OutcomeByName = by;
    }
}
