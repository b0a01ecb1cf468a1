using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Staff.Domain;

/// <summary>Grading and retakes without a database: exact option sets score, late answers do not, attempts run out.</summary>
public sealed class ExamRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly KeptPlaces Everywhere = new(true, [], []);

    private static (Exam Exam, Dictionary<Guid, Question> Questions, ExamAssignment Assignment) Paper()
    {
        var bank = new QuestionBank { Title = "应知应会", Topic = TrainingTopic.Professional };
        var single = bank.Add(QuestionKind.Single, "单选", ["甲", "乙", "丙"], [1]);
        var multiple = bank.Add(QuestionKind.Multiple, "多选", ["甲", "乙", "丙", "丁"], [0, 2]);
        var truth = bank.Add(QuestionKind.TrueFalse, "判断", null, [0]);
        var exam = Exam.Create(Guid.NewGuid(), null, "月考", TrainingTopic.Professional, [bank.Id], 3, 3, 60m, 10, 2);
        var assignment = new ExamAssignment { PersonName = "周师傅", ExamId = exam.Id };
        return (exam, new[] { single, multiple, truth }.ToDictionary(q => q.Id), assignment);
    }

    [Fact]
    public void A_multiple_choice_question_scores_only_with_exactly_its_right_options_and_the_pass_mark_decides()
    {
        var (exam, questions, assignment) = Paper();
        var ids = questions.Keys.ToArray();
        var attempt = assignment.Start(exam, ids, Now);
        // Single right, multiple with one right option missing, true/false right: 2 of 3.
        attempt.Submit(
            exam,
            questions,
            new Dictionary<Guid, int[]>
            {
                [ids[0]] = [1],
                [ids[1]] = [0],
                [ids[2]] = [0],
            },
            Now.AddMinutes(5)
        );
        assignment.Record(attempt);
        Assert.Equal((66.7m, true), (attempt.Score!.Value, attempt.Passed!.Value));
        Assert.True(assignment.Passed);
        Assert.Throws<RuleException>(() => assignment.Start(exam, ids, Now.AddMinutes(6)));
    }

    [Fact]
    public void Answers_handed_in_after_the_time_limit_score_nought_and_attempts_run_out()
    {
        var (exam, questions, assignment) = Paper();
        var ids = questions.Keys.ToArray();
        var right = new Dictionary<Guid, int[]>
        {
            [ids[0]] = [1],
            [ids[1]] = [2, 0],
            [ids[2]] = [0],
        };
        var late = assignment.Start(exam, ids, Now);
        late.Submit(exam, questions, right, Now.AddMinutes(11));
        assignment.Record(late);
        Assert.Equal((0m, false, true), (late.Score!.Value, late.Passed!.Value, late.TimedOut));
        var second = assignment.Start(exam, ids, Now.AddMinutes(12));
        second.Submit(exam, questions, new Dictionary<Guid, int[]>(), Now.AddMinutes(13));
        assignment.Record(second);
        Assert.False(assignment.CanStart(exam));
        Assert.Equal("exam.no_attempts_left", Assert.Throws<RuleException>(() => assignment.Start(exam, ids, Now.AddMinutes(14))).Code);
    }

    [Fact]
    public void A_single_choice_question_with_two_right_answers_or_one_option_is_refused_field_by_field()
    {
        var bank = new QuestionBank { Title = "题库", Topic = TrainingTopic.Safety };
        Assert.Contains(
            "correct",
            Assert.Throws<ValidationException>(() => bank.Add(QuestionKind.Single, "题", ["甲", "乙"], [0, 1])).Errors.Keys
        );
        Assert.Contains("options", Assert.Throws<ValidationException>(() => bank.Add(QuestionKind.Single, "题", ["甲"], [0])).Errors.Keys);
    }

    [Fact]
    public void An_open_question_waits_for_a_marker_whose_marks_make_the_score_and_a_late_paper_scores_nought_without_marking()
    {
        var bank = new QuestionBank { Title = "应知应会", Topic = TrainingTopic.Professional };
        Assert.Equal(
            ["referenceAnswer"],
            Assert.Throws<ValidationException>(() => bank.Add(QuestionKind.Open, "问答", null, null, " ")).Errors.Keys
        );
        var single = bank.Add(QuestionKind.Single, "单选", ["甲", "乙"], [0]);
        var open = bank.Add(QuestionKind.Open, "发现漏水如何处置？", ["忽略"], [0], "关阀、报修、通知业主");
        Assert.Equal(([], "关阀、报修、通知业主"), (open.Options, open.ReferenceAnswer));
        var questions = new[] { single, open }.ToDictionary(q => q.Id);
        var exam = Exam.Create(Guid.NewGuid(), null, "问答考", TrainingTopic.Professional, [bank.Id], 2, 2, 60m, 10, 2);
        var person = Guid.NewGuid();
        var assignment = new ExamAssignment
        {
            PersonName = "周师傅",
            ExamId = exam.Id,
            UserId = person,
        };
        var ids = new[] { single.Id, open.Id };
        var attempt = assignment.Start(exam, ids, Now);
        attempt.Submit(
            exam,
            questions,
            new Dictionary<Guid, int[]> { [single.Id] = [0] },
            Now.AddMinutes(5),
            new Dictionary<Guid, string> { [open.Id] = " 关阀报修 " }
        );
        assignment.Record(attempt);
        Assert.Equal(
            (true, (decimal?)null, (bool?)null, "关阀报修"),
            (attempt.AwaitingMarking, attempt.Score, attempt.Passed, attempt.Texts[1])
        );
        Assert.Null(assignment.BestScore);
        var marker = Guid.NewGuid();
        Assert.Throws<ForbiddenException>(() =>
            attempt.Mark(
                exam,
                assignment,
                questions,
                new Dictionary<Guid, int> { [open.Id] = 5 },
                Everywhere,
                person,
                "周师傅",
                Now.AddMinutes(6)
            )
        );
        // One rule for the page, the API and the entity: a keeper elsewhere may not mark (the paper is not found for them).
        var elsewhere = new KeptPlaces(false, [Guid.NewGuid()], []);
        Assert.Equal(
            (false, false, true),
            (
                assignment.MayBeMarkedBy(Everywhere, person),
                assignment.MayBeMarkedBy(elsewhere, marker),
                assignment.MayBeMarkedBy(Everywhere, marker)
            )
        );
        Assert.Throws<NotFoundException>(() =>
            attempt.Mark(
                exam,
                assignment,
                questions,
                new Dictionary<Guid, int> { [open.Id] = 5 },
                elsewhere,
                marker,
                "王经理",
                Now.AddMinutes(6)
            )
        );
        Assert.Equal(
            [$"marks.{open.Id}"],
            Assert
                .Throws<ValidationException>(() =>
                    attempt.Mark(
                        exam,
                        assignment,
                        questions,
                        new Dictionary<Guid, int> { [open.Id] = 11 },
                        Everywhere,
                        marker,
                        "王经理",
                        Now.AddMinutes(6)
                    )
                )
                .Errors.Keys
        );
        // One right choice (a full share) and the open answer 5 of 10 (half a share): 1.5 of 2 → 75.
        attempt.Mark(
            exam,
            assignment,
            questions,
            new Dictionary<Guid, int> { [open.Id] = 5 },
            Everywhere,
            marker,
            "王经理",
            Now.AddMinutes(7)
        );
        assignment.Record(attempt);
        Assert.Equal((75m, true, false), (attempt.Score!.Value, attempt.Passed!.Value, attempt.AwaitingMarking));
        Assert.Equal((75m, true), (assignment.BestScore!.Value, assignment.Passed));
        Assert.Equal(
            "exam.marked",
            Assert
                .Throws<RuleException>(() =>
                    attempt.Mark(
                        exam,
                        assignment,
                        questions,
                        new Dictionary<Guid, int> { [open.Id] = 9 },
                        Everywhere,
                        marker,
                        "王经理",
                        Now.AddMinutes(8)
                    )
                )
                .Code
        );

        // Late: the open answer counts nought like the choice ones, and nothing waits for a marker.
        var other = new ExamAssignment { PersonName = "李师傅", ExamId = exam.Id };
        var late = other.Start(exam, ids, Now);
        late.Submit(
            exam,
            questions,
            new Dictionary<Guid, int[]> { [single.Id] = [0] },
            Now.AddMinutes(11),
            new Dictionary<Guid, string> { [open.Id] = "答" }
        );
        Assert.Equal((false, 0m, false, ""), (late.AwaitingMarking, late.Score!.Value, late.Passed!.Value, late.Texts[1]));
    }
}
