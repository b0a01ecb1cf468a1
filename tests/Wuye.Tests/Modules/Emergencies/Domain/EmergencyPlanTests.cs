using Wuye.Modules.Emergencies.Domain;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Emergencies.Domain;

/// <summary>Plan and version rules without a database.</summary>
public sealed class EmergencyPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    private static EmergencyPlan Plan() => EmergencyPlan.Create(Guid.NewGuid(), Guid.NewGuid(), PlanKind.ElevatorEntrapment, " 电梯困人 ");

    [Fact]
    public void Each_publication_is_the_next_version_in_force_with_its_steps_in_order()
    {
        var plan = Plan();
        var v1 = plan.Publish(
            "电梯困人",
            [("安抚", Roles.SecurityGuard, 0), ("维保到场", Roles.Technician, 30)],
            [("维保", "123")],
            null,
            "王",
            Now
        );
        var v2 = plan.Publish("电梯困人预案", [("安抚", Roles.SecurityGuard, 0)], [], "简化", "王", Now);
        Assert.Equal((1, 2, 2), (v1.Number, v2.Number, plan.CurrentVersion));
        Assert.Equal("电梯困人预案", plan.Title);
        Assert.Equal([1, 2], v1.Steps.Select(s => s.Position));
        Assert.All(v1.Steps, s => Assert.Equal(v1.Id, s.PlanVersionId));
        Assert.Equal("123", v1.Contacts.Single().Phone);
    }

    [Fact]
    public void Steps_need_a_known_role_and_targets_that_never_go_back()
    {
        var e = Assert.Throws<ValidationException>(() =>
            Plan().Publish("x", [("a", Roles.SecurityGuard, 30), ("b", "owner", 10), ("c", Roles.Technician, 2000)], [], null, "王", Now)
        );
        Assert.True(e.Errors.ContainsKey("steps[1].role"));
        Assert.True(e.Errors.ContainsKey("steps[1].targetMinutes"));
        Assert.True(e.Errors.ContainsKey("steps[2].targetMinutes"));
        Assert.True(Assert.Throws<ValidationException>(() => Plan().Publish("x", [], [], null, "王", Now)).Errors.ContainsKey("steps"));
    }

    [Fact]
    public void An_archived_plan_is_not_revised()
    {
        var plan = Plan();
        plan.Archive(Now);
        Assert.Equal(
            "emergency_plan.archived",
            Assert.Throws<RuleException>(() => plan.Publish("x", [("a", Roles.SecurityGuard, 0)], [], null, "王", Now)).Code
        );
    }
}
