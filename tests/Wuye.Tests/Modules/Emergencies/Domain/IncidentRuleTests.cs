using Wuye.Modules.Emergencies.Domain;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Emergencies.Domain;

/// <summary>Incident rules without a database: steps copied from the version, ticked once, late against the target, closing.</summary>
public sealed class IncidentRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    private static Incident Started()
    {
        var plan = EmergencyPlan.Create(Guid.NewGuid(), Guid.NewGuid(), PlanKind.ElevatorEntrapment, "电梯困人");
        var v = plan.Publish("电梯困人", [("安抚", Roles.SecurityGuard, 0), ("维保到场", Roles.Technician, 30)], [], null, "王", T0);
        return Incident.Start(plan, v, v.Steps, null, null, [], null, "吴强", T0);
    }

    [Fact]
    public void A_step_is_on_time_within_its_target_minute_and_late_after_it()
    {
        var i = Started();
        var first = i.Tick(1, null, "吴强", null, T0.AddSeconds(50));
        Assert.False(i.IsLate(first, T0.AddSeconds(50)));
        Assert.False(i.IsLate(i.Steps[1], T0.AddMinutes(30).AddSeconds(59)));
        Assert.True(i.IsLate(i.Steps[1], T0.AddMinutes(31)));
        var second = i.Tick(2, null, "周师傅", null, T0.AddMinutes(40));
        Assert.True(i.IsLate(second, T0.AddHours(5)));
    }

    [Fact]
    public void A_step_is_ticked_once_and_closing_with_open_steps_needs_a_reason()
    {
        var i = Started();
        i.Tick(1, null, "吴强", null, T0);
        Assert.Equal("incident_step.already_done", Assert.Throws<RuleException>(() => i.Tick(1, null, "吴强", null, T0)).Code);
        Assert.Equal("incident.open_steps", Assert.Throws<RuleException>(() => i.Close("故障", "放人", " ", T0)).Code);
        i.Close("故障", "放人", "已自行离开", T0.AddMinutes(5));
        Assert.Equal("已自行离开", i.OpenStepsReason);
        Assert.True(i.IsLate(i.Steps[1], T0.AddMinutes(6)));
        Assert.Equal("incident.closed", Assert.Throws<RuleException>(() => i.Tick(2, null, "周师傅", null, T0)).Code);
    }
}
