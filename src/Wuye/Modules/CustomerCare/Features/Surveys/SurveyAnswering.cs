using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.Surveys;

/// <summary>
/// A sampled household's answers, once: on the portal by its owner or tenant, or entered by the steward or the desk from a phone
/// interview. Every scored and choice question must be answered; a second submission is refused. Each NPS answer of 0–6 (a
/// detractor) opens a follow-up visit (<see cref="CareKind.SurveyFollowUp"/>) for the zone steward, due within 2 working days
/// on the project's calendar (weekends and holidays skipped), and tells the steward.
/// </summary>
internal sealed class SurveyAnswering(WuyeDb db, TimeProvider clock, Notifier notifier, UserNames names, IProjectCalendars calendars)
{
    public const int FollowUpWorkingDays = 2;

    public async Task<Guid> AnswerAsync(Guid surveyId, SurveyAnswers input, CancellationToken ct)
    {
        Validator.Check(input);
        var response = await db.Set<SurveyResponse>().FirstOrDefaultAsync(r => r.SurveyId == surveyId && r.UnitId == input.UnitId, ct)
            ?? throw ValidationException.For(
                "unitId",
                "该住户不在本问卷的抽样中，或无权访问",
                "This household was not sampled, or is not yours"
            );
        var survey = await db.Set<Survey>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.Id == surveyId, ct)
            ?? throw new NotFoundException("survey");
        if (survey.Status != SurveyStatus.Open)
            throw new RuleException("survey.not_open", "问卷已结束或尚未发出", "The survey is not open");
        if (response.AnsweredAt is { } at)
            throw ValidationException.For(
                "unitId",
                $"该住户已于 {ChinaTime.Text(at)} 答过此问卷，不能重复提交",
                $"This household answered the survey on {ChinaTime.Text(at)}; it cannot answer twice"
            );
        var questions = await db.Set<SurveyQuestion>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(q => q.SurveyId == surveyId)
            .OrderBy(q => q.Position)
            .ThenBy(q => q.Id)
            .ToListAsync(ct);
        var answers = Check(questions, input.Answers!);

        var now = clock.GetUtcNow();
        var scope = db.Scope;
        var portal = CareRoles.IsOwner(scope) && scope.Units.Contains(response.UnitId);
        response.AnsweredAt = now;
        response.Channel = portal ? AnswerChannel.Portal : AnswerChannel.Phone;
        response.AnsweredByUserId = scope.UserId;
        response.AnsweredByName = scope.UserId is { } me ? await names.NameAsync(me, ct) : null;
        var unit = await db.UnitRefs()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(u => u.Id == response.UnitId)
            .Select(u => new { u.Label, u.ZoneId })
            .FirstAsync(ct);
        foreach (var (q, item) in answers)
        {
            var a = new SurveyAnswer
            {
                CompanyId = response.CompanyId,
                ProjectId = response.ProjectId,
                ZoneId = response.ZoneId,
                UnitId = response.UnitId,
                SurveyId = surveyId,
                ResponseId = response.Id,
                QuestionId = q.Id,
                Score = q.Kind is QuestionKind.Scale or QuestionKind.Nps ? item.Score : null,
                Choices = q.Kind is QuestionKind.Single or QuestionKind.Multiple ? [.. item.Choices!.Select(c => c.Trim()).Distinct()] : [],
                Text = q.Kind == QuestionKind.Text && !string.IsNullOrWhiteSpace(item.Text) ? item.Text.Trim() : null,
            };
            if (q.Kind == QuestionKind.Nps && a.Score <= SurveyText.DetractorUpTo)
                a.CareTaskId = await FollowUpAsync(survey, response, q, a.Score!.Value, unit.Label, now, ct);
            db.Add(a);
        }
        await db.SaveChangesAsync(ct);
        return response.Id;
    }

    /// <summary>Pairs each question with its answer and refuses, field by field, what does not fit.</summary>
    private static List<(SurveyQuestion Q, AnswerItem Item)> Check(List<SurveyQuestion> questions, AnswerItem[] items)
    {
        var v = new Validator();
        var result = new List<(SurveyQuestion, AnswerItem)>();
        var seen = new HashSet<Guid>();
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var q = questions.FirstOrDefault(x => x.Id == item.QuestionId);
            if (q is null)
            {
                v.Add($"answers[{i}].questionId", "题目不属于本问卷", "The question is not in this survey");
                continue;
            }
            if (!seen.Add(q.Id))
            {
                v.Add($"answers[{i}].questionId", $"第 {q.Position} 题回答了两次", $"Question {q.Position} is answered twice");
                continue;
            }
            var f = $"answers[{i}]";
            var choices = (item.Choices ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).ToArray();
            switch (q.Kind)
            {
                case QuestionKind.Scale when item.Score is not (>= 1 and <= 5):
                    v.Add($"{f}.score", $"第 {q.Position} 题请选 1–5 分", $"Question {q.Position}: choose 1 to 5");
                    continue;
                case QuestionKind.Nps when item.Score is not (>= 0 and <= 10):
                    v.Add($"{f}.score", $"第 {q.Position} 题请选 0–10 分", $"Question {q.Position}: choose 0 to 10");
                    continue;
                case QuestionKind.Single when choices.Length != 1:
                    v.Add($"{f}.choices", $"第 {q.Position} 题请选一项", $"Question {q.Position}: choose one option");
                    continue;
                case QuestionKind.Multiple when choices.Length == 0:
                    v.Add($"{f}.choices", $"第 {q.Position} 题请至少选一项", $"Question {q.Position}: choose at least one option");
                    continue;
            }
            if (choices.Any(c => !q.Options.Contains(c)))
            {
                v.Add($"{f}.choices", $"第 {q.Position} 题的选项不在问卷中", $"Question {q.Position}: that option is not offered");
                continue;
            }
            result.Add((q, item with { Choices = choices }));
        }
        foreach (var q in questions.Where(q => q.Kind != QuestionKind.Text && !seen.Contains(q.Id)))
            v.Add($"question{q.Position}", $"请回答第 {q.Position} 题", $"Answer question {q.Position}");
        v.ThrowIfAny();
        return result;
    }

    private async Task<Guid> FollowUpAsync(
        Survey survey,
        SurveyResponse response,
        SurveyQuestion q,
        int score,
        string label,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var steward = await db.ZoneRefs()
            .IgnoreQueryFilters()
            .Where(z => z.Id == response.ZoneId)
            .Select(z => z.StewardUserId)
            .FirstOrDefaultAsync(ct);
        var calendar = await calendars.ForProjectAsync(survey.CompanyId, survey.ProjectId, ct);
        var due = calendar.AddWorkingDays(now, FollowUpWorkingDays) ?? now.AddDays(FollowUpWorkingDays);
        var task = new CareTask
        {
            CompanyId = survey.CompanyId,
            ProjectId = survey.ProjectId,
            ZoneId = response.ZoneId,
            UnitId = response.UnitId,
            Kind = CareKind.SurveyFollowUp,
            Status = CareTaskStatus.Open,
            Title = Loc.T(
                $"{label} 在「{survey.Title}」中推荐意愿打 {score} 分，两个工作日内上门回访",
                $"{label} gave {score} for recommending us in \"{survey.Title}\" — visit within 2 working days"
            ),
            EventDate = ChinaTime.Today(clock),
            DueDate = DateOnly.FromDateTime(ChinaTime.ToChina(due).DateTime),
            AssigneeUserId = steward,
            Key = $"survey:{response.Id:N}:{q.Id:N}",
        };
        db.Add(task);
        if (steward is { } s)
            await notifier.NotifyAsync(
                [s],
                survey.CompanyId,
                Loc.T("满意度回访任务", "Survey follow-up"),
                task.Title,
                "/care/tasks",
                $"care-task:{task.Key}",
                ct
            );
        return task.Id;
    }
}
