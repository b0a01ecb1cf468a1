using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Inspections.Domain;

/// <summary>Team mutual checks (班组互查) and wave slots (海浪式检查): their rules without a database.</summary>
public sealed class TeamAndWaveTests
{
    private static readonly DateOnly Today = new(2026, 11, 19); // a Thursday
    private static readonly Guid Project = Guid.NewGuid();

    private static InspectionTeam Team(string name, Guid? project = null, Guid? leader = null) =>
        new()
        {
            CompanyId = Guid.Empty,
            ProjectId = project ?? Project,
            Name = name,
            LeaderUserId = leader,
        };

    [Fact]
    public void A_check_is_of_another_team_of_the_same_project_in_its_week()
    {
        var a = Team("保安一班");
        var b = Team("保洁班");
        var c = TeamMutualCheck.Record(a, b, null, Today, " 现场检查 ", "  ", 2, null);
        Assert.Equal(
            (Today, new DateOnly(2026, 11, 16), "现场检查", (string?)null, 2m),
            (c.CheckedOn, c.WeekStart, c.Method, c.Problems, c.DeductedPoints)
        );
        Assert.Equal((a.Id, b.Id, Project), (c.CheckingTeamId, c.CheckedTeamId, c.ProjectId));
        Assert.Equal(new DateOnly(2026, 11, 9), TeamMutualCheck.Record(a, b, Today.AddDays(-5), Today, "m", null, null, null).WeekStart);
        var dup = TeamMutualCheck.AlreadyThisWeek(a, b, c.WeekStart);
        Assert.Equal("team_mutual_check.already_this_week", dup.Code);
        Assert.Contains("保安一班", dup.Text.Zh);
    }

    [Fact]
    public void A_check_of_itself_of_another_project_in_the_future_or_with_a_past_deadline_is_refused()
    {
        var a = Team("保安一班");
        Assert.Equal(
            "team_mutual_check.self_check",
            Assert.Throws<RuleException>(() => TeamMutualCheck.Record(a, a, null, Today, "m", null, null, null)).Code
        );
        Assert.Equal(
            "team_mutual_check.other_project",
            Assert
                .Throws<RuleException>(() => TeamMutualCheck.Record(a, Team("外项目", Guid.NewGuid()), null, Today, "m", null, null, null))
                .Code
        );
        var b = Team("保洁班");
        Assert.Contains(
            "checkedOn",
            Assert
                .Throws<ValidationException>(() => TeamMutualCheck.Record(a, b, Today.AddDays(1), Today, "m", null, null, null))
                .Errors.Keys
        );
        Assert.Contains(
            "fixDeadline",
            Assert
                .Throws<ValidationException>(() => TeamMutualCheck.Record(a, b, null, Today, "m", "p", null, Today.AddDays(-1)))
                .Errors.Keys
        );
    }

    [Fact]
    public void Measures_are_taken_until_verified_and_verification_needs_them_when_problems_were_found()
    {
        var c = TeamMutualCheck.Record(Team("A"), Team("B"), null, Today, "m", "灭火器过期", 3, Today.AddDays(2));
        Assert.Equal(
            "team_mutual_check.no_measures",
            Assert.Throws<RuleException>(() => c.Verify(Guid.NewGuid(), false, DateTimeOffset.UtcNow)).Code
        );
        c.SubmitMeasures(" 已更换 ", Today.AddDays(1));
        Assert.Equal(("已更换", Today.AddDays(1)), (c.Measures!, c.MeasuresOn!.Value));
        Assert.Equal(
            "team_mutual_check.verifier_is_checked_leader",
            Assert.Throws<RuleException>(() => c.Verify(Guid.NewGuid(), true, DateTimeOffset.UtcNow)).Code
        );
        var lead = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        c.Verify(lead, false, at);
        c.Verify(lead, false, at.AddHours(1));
        Assert.Equal((lead, at), (c.VerifiedBy!.Value, c.VerifiedAt!.Value));
        Assert.Equal("team_mutual_check.verified", Assert.Throws<RuleException>(() => c.SubmitMeasures("again", Today.AddDays(2))).Code);

        var clean = TeamMutualCheck.Record(Team("A"), Team("B"), null, Today, "m", null, 0, null);
        clean.Verify(lead, false, at);
        Assert.NotNull(clean.VerifiedAt);
    }

    [Fact]
    public void A_fix_is_late_after_its_deadline()
    {
        var c = TeamMutualCheck.Record(Team("A"), Team("B"), null, Today, "m", "p", 1, Today.AddDays(2));
        Assert.False(c.IsLate(Today.AddDays(2)));
        Assert.True(c.IsLate(Today.AddDays(3)));
        c.SubmitMeasures("x", Today.AddDays(2));
        Assert.False(c.IsLate(Today.AddDays(9)));
        var late = TeamMutualCheck.Record(Team("A"), Team("B"), null, Today, "m", "p", 1, Today);
        late.SubmitMeasures("x", Today.AddDays(1));
        Assert.True(late.IsLate(Today.AddDays(1)));
        Assert.False(TeamMutualCheck.Record(Team("A"), Team("B"), null, Today, "m", null, 0, null).IsLate(Today.AddDays(30)));
        Assert.Equal("inspection_team.duplicate_name", InspectionTeam.DuplicateName("A").Code);
    }

    [Fact]
    public void A_team_cannot_be_in_two_slots_at_once()
    {
        var t0 = new DateTimeOffset(2026, 11, 19, 0, 0, 0, TimeSpan.FromHours(8));
        WaveInspection.CheckTeamsDoNotOverlap([
            ("一组", t0, t0.AddHours(2)),
            ("一组", t0.AddHours(2), t0.AddHours(4)),
            ("二组", t0, t0.AddHours(4)),
        ]);
        var e = Assert.Throws<RuleException>(() =>
            WaveInspection.CheckTeamsDoNotOverlap([("一组", t0, t0.AddHours(3)), (" 一组 ", t0.AddHours(2), t0.AddHours(4))])
        );
        Assert.Equal("wave_inspection.team_overlap", e.Code);
    }

    [Fact]
    public void A_slot_is_done_by_an_inspection_of_a_member_at_its_project_within_its_time_once()
    {
        var t0 = new DateTimeOffset(2026, 11, 19, 2, 0, 0, TimeSpan.FromHours(8));
        var member = Guid.NewGuid();
        WaveSlot Slot() =>
            new()
            {
                ProjectId = Project,
                TeamName = "一组",
                MemberUserIds = [member],
                StartsAt = t0,
                EndsAt = t0.AddHours(2),
            };
        Inspection At(DateTimeOffset at, Guid? who = null, Guid? project = null) =>
            new()
            {
                ProjectId = project ?? Project,
                InspectorUserId = who ?? member,
                InspectorName = "x",
                Place = "p",
                CheckedAt = at,
            };

        var slot = Slot();
        Assert.Equal("upcoming", slot.StatusAt(t0));
        Assert.Equal("missed", slot.StatusAt(t0.AddHours(3)));
        foreach (
            var wrong in new[]
            {
                At(t0.AddHours(3)),
                At(t0.AddMinutes(-1)),
                At(t0.AddHours(1), Guid.NewGuid()),
                At(t0.AddHours(1), project: Guid.NewGuid()),
            }
        )
            Assert.Equal("wave_inspection.outside_slot", Assert.Throws<RuleException>(() => slot.Complete(wrong, false)).Code);
        Assert.Equal("wave_inspection.inspection_used", Assert.Throws<RuleException>(() => slot.Complete(At(t0.AddHours(1)), true)).Code);
        Assert.Null(slot.InspectionId);
        var done = At(t0.AddHours(1));
        slot.Complete(done, false);
        Assert.Equal(done.Id, slot.InspectionId);
        Assert.Equal("done", slot.StatusAt(t0.AddHours(3)));
        Assert.Equal("wave_inspection.slot_done", Assert.Throws<RuleException>(slot.EnsureOpen).Code);
        Assert.Equal("wave_inspection.slot_done", Assert.Throws<RuleException>(() => slot.Complete(At(t0.AddHours(1)), false)).Code);
    }
}
