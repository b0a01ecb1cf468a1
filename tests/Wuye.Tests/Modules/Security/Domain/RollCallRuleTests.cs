using Wuye.Modules.Security.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Security.Domain;

/// <summary>The roll-call's rules without a database: the night's call times, re-call then escalation, answers refused after it.</summary>
public sealed class RollCallRuleTests
{
    private static readonly DateTimeOffset T = new(2030, 5, 6, 22, 0, 0, TimeSpan.FromHours(8));

    private static RollCall Call(Guid guard) =>
        RollCall.Open(new SecurityPost { Name = "东门岗", ProjectId = Guid.NewGuid() }, new(2030, 5, 6), T, guard, "吴强", T);

    [Fact]
    public void A_night_from_22_to_07_every_half_hour_has_19_calls_and_each_belongs_to_its_night()
    {
        var s = RollCallSettings.Defaults(Guid.NewGuid(), Guid.NewGuid());
        var slots = s.Slots(new(2030, 5, 6)).ToList();
        Assert.Equal(19, slots.Count);
        Assert.Equal(T, slots[0]);
        Assert.Equal(new DateTimeOffset(2030, 5, 7, 7, 0, 0, TimeSpan.FromHours(8)), slots[^1]);
        Assert.Equal(new DateOnly(2030, 5, 6), s.NightOf(slots[10]));
        Assert.Null(s.NightOf(T.AddHours(-1)));
    }

    [Fact]
    public void An_unanswered_call_is_recalled_then_escalated_and_then_no_answer_is_taken()
    {
        var guard = Guid.NewGuid();
        var call = Call(guard);
        Assert.Equal(RollCallStep.None, call.Advance(T.AddMinutes(4), 5, 1));
        Assert.Equal(RollCallStep.Recalled, call.Advance(T.AddMinutes(5), 5, 1));
        Assert.Equal(RollCallState.Recalled, call.State);
        Assert.Equal(RollCallStep.None, call.Advance(T.AddMinutes(9), 5, 1));
        Assert.Equal(RollCallStep.Escalated, call.Advance(T.AddMinutes(10), 5, 1));
        Assert.Equal(RollCallStep.None, call.Advance(T.AddMinutes(20), 5, 1));
        Assert.Equal("roll_call.escalated", Assert.Throws<RuleException>(() => call.Acknowledge(guard, T.AddMinutes(11))).Code);
        Assert.Equal("roll_call.escalated", Assert.Throws<RuleException>(() => call.RecordVerbal(guard, null, T.AddMinutes(11))).Code);
    }

    [Fact]
    public void Only_the_posts_guard_answers_once_and_the_response_time_counts_from_the_first_call()
    {
        var guard = Guid.NewGuid();
        var call = Call(guard);
        Assert.Equal("roll_call.not_yours", Assert.Throws<RuleException>(() => call.Acknowledge(Guid.NewGuid(), T)).Code);
        call.Advance(T.AddMinutes(5), 5, 1);
        call.Acknowledge(guard, T.AddMinutes(6));
        Assert.Equal((RollCallState.Answered, 360), (call.State, call.ResponseSeconds));
        Assert.Equal("roll_call.answered", Assert.Throws<RuleException>(() => call.Acknowledge(guard, T.AddMinutes(7))).Code);
    }
}
