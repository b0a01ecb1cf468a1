using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Staff.Domain;

/// <summary>The training rules, without a database: a session's hours and pass mark, a trainee's result.</summary>
public sealed class TrainingRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static TrainingSession Session(DateOnly heldOn, decimal hours = 2m, decimal passMark = 60m) =>
        TrainingSession.Plan(Guid.NewGuid(), Guid.NewGuid(), " 应知应会 ", TrainingTopic.Professional, heldOn, hours, " ", passMark);

    [Fact]
    public void A_session_lasts_half_an_hour_to_forty_hours_with_a_pass_mark_out_of_100()
    {
        Assert.Equal(["hours"], Assert.Throws<ValidationException>(() => Session(Today, hours: 0.4m)).Errors.Keys);
        Assert.Equal(["hours"], Assert.Throws<ValidationException>(() => Session(Today, hours: 41m)).Errors.Keys);
        Assert.Equal(["passMark"], Assert.Throws<ValidationException>(() => Session(Today, passMark: 101m)).Errors.Keys);
        var s = Session(Today);
        Assert.Equal(("应知应会", (string?)null), (s.Title, s.Trainer));
    }

    [Fact]
    public void Results_come_after_the_session_an_absent_trainee_has_not_passed_and_the_pass_mark_itself_passes()
    {
        var upcoming = Session(Today.AddDays(1));
        var early = upcoming.Enrol(Guid.NewGuid(), "周师傅");
        Assert.Equal("training.not_held_yet", Assert.Throws<RuleException>(() => early.RecordResult(upcoming, true, 80m, 5, Today)).Code);
        Assert.Null(early.Attended);

        var held = Session(Today);
        var line = held.Enrol(Guid.NewGuid(), "周师傅");
        Assert.Equal(held.Id, line.SessionId);
        Assert.Equal(["score"], Assert.Throws<ValidationException>(() => line.RecordResult(held, true, null, null, Today)).Errors.Keys);
        Assert.Equal(["score"], Assert.Throws<ValidationException>(() => line.RecordResult(held, true, 101m, null, Today)).Errors.Keys);
        Assert.Equal(["rating"], Assert.Throws<ValidationException>(() => line.RecordResult(held, true, 70m, 6, Today)).Errors.Keys);

        line.RecordResult(held, true, 60m, 4, Today);
        Assert.Equal((true, 60m, true, 4), (line.Attended, line.Score, line.Passed, line.Rating));
        line.RecordResult(held, true, 59.5m, null, Today);
        Assert.False(line.Passed);
        line.RecordResult(held, false, 90m, 5, Today);
        Assert.Equal((false, (decimal?)null, false, (int?)null), (line.Attended, line.Score, line.Passed, line.Rating));
    }
}
