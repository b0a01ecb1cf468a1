using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Surveys;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Seed;

/// <summary>
/// Each project's satisfaction surveys: last quarter's, closed, a 30% sample of which four in five answered (scores drawn
/// around the goal, so the rates and NPS the pages show are the app's own count of them); and this month's, open three days,
/// a 20% sample with the demo owner's home in it (unanswered: a line on the owner's home), a few answered by phone through the
/// use case — one of them a detractor, whose follow-up visit waits on the zone steward's care tasks.
/// </summary>
internal sealed class SurveyDemoData(TimeProvider clock, SurveyAnswering answering) : IDemoDataContributor
{
    public int Order => 84;

    private static readonly (QuestionKind Kind, string Dimension, string Text, string[] Options)[] Questions =
    [
        (QuestionKind.Scale, "总体", "您对物业服务的总体满意度", []),
        (QuestionKind.Scale, "客户服务", "客服中心的接待与问题处理", []),
        (QuestionKind.Scale, "工程维修", "报修维修的及时性与质量", []),
        (QuestionKind.Scale, "保洁", "楼道及公共区域的清洁卫生", []),
        (QuestionKind.Scale, "绿化", "小区绿化养护", []),
        (QuestionKind.Scale, "秩序维护", "门岗、巡逻与停车秩序", []),
        (QuestionKind.Nps, "总体", "您有多大可能向亲友推荐我们的物业服务？", []),
        (QuestionKind.Multiple, "总体", "您最希望我们改进的方面", ["维修速度", "环境卫生", "停车管理", "安全巡逻", "社区活动"]),
        (QuestionKind.Text, "总体", "其他意见和建议", []),
    ];

    private static readonly string[] Remarks = ["希望多组织社区活动", "地下车库灯光偏暗", "管家服务很贴心", "电梯高峰期等待时间长"];

    public async Task SeedAsync(DemoSeedContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var rng = ctx.Random;
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var ownerUser = await db.Users.Where(u => u.UserName == "owner").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var ownerHomes = await db.PersonRefs()
            .Where(p => p.UserId == ownerUser)
            .Join(db.OccupantRefs(), p => p.Id, o => o.PersonId, (p, o) => o.UnitId)
            .ToListAsync(ct);
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.CompanyId })
            .ToListAsync(ct);
        foreach (var p in ctx.Size == "small" ? projects : projects.Take(5).ToList())
        {
            var author = await db
                .RoleAssignments.Where(r => r.ProjectId == p.Id && r.Role == Wuye.Platform.Identity.Roles.CustomerService)
                .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => u.DisplayName ?? u.UserName)
                .OrderBy(n => n)
                .FirstOrDefaultAsync(ct)
                ?? "客服中心";
            var homes = await db.OccupantRefs()
                .AsNoTracking()
                .Where(o => o.ProjectId == p.Id && o.Relation != OccupantRelation.Family && o.Until == null)
                .Select(o => new { o.UnitId, o.ZoneId })
                .Distinct()
                .OrderBy(o => o.UnitId)
                .ToListAsync(ct);
            if (homes.Count == 0)
                continue;
            Survey Make(string title, int openedDaysAgo, int percent) =>
                new()
                {
                    CompanyId = p.CompanyId,
                    ProjectId = p.Id,
                    Title = title,
                    Intro = "为持续改进服务，诚邀您花两分钟填写本问卷。您的意见我们会逐条分析并在公告栏公示整改情况。",
                    Status = SurveyStatus.Open,
                    SamplePercent = percent,
                    OpenedAt = now.AddDays(-openedDaysAgo),
                    CreatedByName = author,
                };
            var closed = Make($"{today.AddMonths(-2).Year}年第{(today.AddMonths(-2).Month + 2) / 3}季度业主满意度调查", 60, 30);
            closed.Status = SurveyStatus.Closed;
            closed.ClosedAt = now.AddDays(-30);
            var open = Make($"{today.Month}月份业主满意度调查", 3, 20);
            db.AddRange(closed, open);
            var questions = new Dictionary<Survey, List<SurveyQuestion>>();
            foreach (var s in new[] { closed, open })
            {
                questions[s] = [];
                for (var i = 0; i < Questions.Length; i++)
                {
                    var q = new SurveyQuestion
                    {
                        CompanyId = p.CompanyId,
                        ProjectId = p.Id,
                        SurveyId = s.Id,
                        Position = i + 1,
                        Kind = Questions[i].Kind,
                        Text = Questions[i].Text,
                        Dimension = Questions[i].Dimension,
                        Options = Questions[i].Options,
                    };
                    questions[s].Add(q);
                    db.Add(q);
                }
            }
            var responses = new Dictionary<Survey, List<SurveyResponse>>();
            foreach (var s in new[] { closed, open })
            {
                var take = Math.Max(1, (int)Math.Ceiling(homes.Count * s.SamplePercent / 100m));
                var sample = homes.OrderBy(_ => rng.Next()).Take(take).ToList();
                if (s == open)
                    sample = [.. sample.Where(h => !ownerHomes.Contains(h.UnitId)), .. homes.Where(h => ownerHomes.Contains(h.UnitId))];
                responses[s] = [];
                foreach (var h in sample)
                {
                    var r = new SurveyResponse
                    {
                        CompanyId = p.CompanyId,
                        ProjectId = p.Id,
                        ZoneId = h.ZoneId,
                        UnitId = h.UnitId,
                        SurveyId = s.Id,
                    };
                    responses[s].Add(r);
                    db.Add(r);
                }
                s.Sampled = sample.Count;
            }
            foreach (var r in responses[closed].Where(_ => rng.NextDouble() < 0.8))
            {
                r.AnsweredAt = closed.OpenedAt!.Value.AddHours(rng.Next(2, 24 * 25));
                r.Channel = rng.NextDouble() < 0.6 ? AnswerChannel.Portal : AnswerChannel.Phone;
                r.AnsweredByName = r.Channel == AnswerChannel.Phone ? author : null;
                foreach (var q in questions[closed])
                    db.Add(Answer(q, r, rng));
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();

            // This month's: a few phone interviews through the use case; the first a detractor (a follow-up for the steward).
            var phone = responses[open].Where(r => !ownerHomes.Contains(r.UnitId)).Take(4).ToList();
            for (var i = 0; i < phone.Count; i++)
            {
                var items = questions[open]
                    .Where(q => q.Kind != QuestionKind.Text)
                    .Select(q =>
                        q.Kind switch
                        {
                            QuestionKind.Nps => new AnswerItem(q.Id, i == 0 ? 5 : 9 - i % 2, null, null),
                            QuestionKind.Scale => new AnswerItem(q.Id, i == 0 ? 3 : 5 - i % 2, null, null),
                            _ => new AnswerItem(q.Id, null, [q.Options[i % q.Options.Length]], null),
                        }
                    )
                    .ToArray();
                await answering.AnswerAsync(open.Id, new SurveyAnswers(phone[i].UnitId, items), ct);
                db.ChangeTracker.Clear();
            }
        }
    }

    private static SurveyAnswer Answer(SurveyQuestion q, SurveyResponse r, Random rng)
    {
        var roll = rng.NextDouble();
        return new SurveyAnswer
        {
            CompanyId = r.CompanyId,
            ProjectId = r.ProjectId,
            ZoneId = r.ZoneId,
            UnitId = r.UnitId,
            SurveyId = r.SurveyId,
            ResponseId = r.Id,
            QuestionId = q.Id,
            Score = q.Kind switch
            {
                QuestionKind.Scale => roll < 0.58 ? 5
                : roll < 0.975 ? 4
                : roll < 0.995 ? 3
                : 2,
                QuestionKind.Nps => roll < 0.6 ? 9 + rng.Next(2)
                : roll < 0.93 ? 7 + rng.Next(2)
                : rng.Next(4, 7),
                _ => null,
            },
            Choices = q.Kind == QuestionKind.Multiple ? [.. q.Options.Where(_ => rng.NextDouble() < 0.3).DefaultIfEmpty(q.Options[0])] : [],
            Text = q.Kind == QuestionKind.Text && roll < 0.2 ? Remarks[rng.Next(Remarks.Length)] : null,
        };
    }
}
