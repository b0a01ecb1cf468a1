using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Seed;

internal sealed partial class History
{
    private static readonly string[] SupervisionTopics = ["待人接物", "仪容仪表", "就餐", "劳动纪律", "现场秩序", "清洁卫生", "礼仪规范"];

    private static readonly (string Text, bool Problem)[] Observations =
    [
        ("售楼处客服着装规范，接待主动问候", false),
        ("样板间保洁及时，地面无水渍", false),
        ("秩序维护员站姿规范，车辆引导到位", false),
        ("午餐时段前台无人值守约 10 分钟，已当场安排轮岗", true),
        ("一名保洁员未佩戴工牌，已当场纠正", true),
        ("看房通道有施工材料堆放，已通知开发商现场负责人清理", true),
        ("客户等候区饮水机缺水，已当场补充", true),
    ];

    /// <summary>
    /// 九溪府, a pre-handover site under supervision since the first day of the month three months ago: checked twice a day
    /// (once on a few busy days), a written report every week by Friday 17:00 (one came in on Saturday, after the reminder and the
    /// late flag), the sales office surveyed every month and the developer every quarter; this period's surveys and, before
    /// Friday 17:00, this week's report are still to come, as they would be.
    /// </summary>
    public void Supervision()
    {
        var siteId = db.AddProject(companyId, "九溪府（前期驻点）", ProjectKind.Residential, "开化县芹阳办事处云栖路 6 号（售楼处）");
        var start = Qpi.MonthOf(_today).AddMonths(-3);
        for (var day = start; day <= _today; day = day.AddDays(1))
        {
            var times = rng.Next(0, 12) == 0 ? new[] { (10, rng.Next(0, 60)) } : [(9, rng.Next(0, 60)), (15, rng.Next(0, 60))];
            foreach (var (hour, minute) in times)
            {
                var at = At(day, hour, minute);
                if (at > _now)
                    continue;
                var topics = SupervisionTopics.OrderBy(_ => rng.Next()).Take(rng.Next(2, 4)).ToList();
                var (text, problem) = Observations[rng.Next(0, 10) < 7 ? rng.Next(0, 3) : rng.Next(3, Observations.Length)];
                db.Add(
                    new SupervisionCheck
                    {
                        CompanyId = companyId,
                        ProjectId = siteId,
                        SupervisorUserId = inspector.Id,
                        CheckedOn = day,
                        CheckedAt = at,
                        Topics = string.Join("、", topics),
                        Observation = text,
                        CorrectedOnSite = problem,
                    }
                );
            }
        }

        var weeks = new List<DateOnly>();
        for (
            var week = CheckPeriods.Start(CheckFrequency.Weekly, start);
            SupervisionWeeklyReport.DueAt(week) <= _now;
            week = week.AddDays(7)
        )
            weeks.Add(week);
        var lateWeek = weeks.Count >= 3 ? weeks[^3] : (DateOnly?)null;
        var signed = 36;
        foreach (var week in weeks)
        {
            var due = SupervisionWeeklyReport.DueAt(week);
            var late = week == lateWeek;
            // On time: Thursday afternoon. The late one came in on Saturday morning, after the job had reminded and flagged it.
            var submitted = late ? At(week.AddDays(5), 10, 20) : At(week.AddDays(3), 16, rng.Next(0, 60));
            if (submitted > _now)
                submitted = _now;
            signed += rng.Next(4, 15);
            db.Add(
                new SupervisionWeeklyReport
                {
                    CompanyId = companyId,
                    ProjectId = siteId,
                    WeekStart = week,
                    AuthorUserId = inspector.Id,
                    SubmittedAt = submitted,
                    SignedHouseholds = signed,
                    UnsignedHouseholds = 320 - signed,
                    Problems = late
                        ? "开盘周客户集中，前台接待排队较长；周报因开盘活动延误提交"
                        : Observations[rng.Next(3, Observations.Length)].Text + "，已整改",
                    CustomerOpinions = "客户关注交付时间与物业收费标准",
                    Improvements = "高峰时段增派一名客服引导",
                    DeveloperNews = "主体结构施工中，园林景观进场",
                    SiteStatus = "售楼处、样板间运行正常",
                    NextWeekPlan = "配合开发商举办业主开放日",
                    Late = submitted > due,
                }
            );
            if (late)
            {
                db.Add(
                    new SupervisionReportMark
                    {
                        CompanyId = companyId,
                        ProjectId = siteId,
                        WeekStart = week,
                        Kind = ReportMarkKind.Reminder,
                        At = due.AddHours(-8),
                        Notified = 1,
                    }
                );
                db.Add(
                    new SupervisionReportMark
                    {
                        CompanyId = companyId,
                        ProjectId = siteId,
                        WeekStart = week,
                        Kind = ReportMarkKind.Late,
                        At = due.AddMinutes(5),
                        Notified = 2,
                    }
                );
            }
        }

        foreach (var respondent in new[] { SurveyRespondent.SalesOffice, SurveyRespondent.Developer })
        {
            var surveyor = respondent == SurveyRespondent.SalesOffice ? inspector : manager;
            var level = 3.0;
            // Every period that has ended since supervision began; the current one is still due.
            for (
                var period = SiteSurvey.PeriodOf(respondent, start);
                SiteSurvey.DueAt(respondent, period) <= _now;
                period = period.AddMonths(SiteSurvey.Months(respondent))
            )
            {
                var due = SiteSurvey.DueAt(respondent, period);
                var submitted = due.AddDays(-2).AddHours(-rng.Next(1, 8));
                level = Math.Min(4.6, level + rng.NextDouble() * 0.5);
                var scores = SiteSurvey.Topics.Select(_ => Math.Clamp((int)Math.Round(level + rng.NextDouble() - 0.5), 1, 5)).ToList();
                var survey = new SiteSurvey
                {
                    CompanyId = companyId,
                    ProjectId = siteId,
                    Respondent = respondent,
                    PeriodStart = period,
                    RespondentName = respondent == SurveyRespondent.SalesOffice ? "销售部现场主管 李经理" : "开发商项目总 王总",
                    SurveyorUserId = surveyor.Id,
                    SurveyorName = surveyor.DisplayName,
                    SubmittedAt = submitted,
                    AverageScore = SiteSurvey.Average(scores),
                    Late = submitted >= due,
                    Summary =
                        respondent == SurveyRespondent.SalesOffice
                            ? "接待礼仪有进步，午餐时段值守需加强"
                            : "开发商对驻点团队总体满意，希望加强开放日保障",
                };
                db.Add(survey);
                for (var i = 0; i < scores.Count; i++)
                    db.Add(
                        new SiteSurveyAnswer
                        {
                            CompanyId = companyId,
                            ProjectId = siteId,
                            SurveyId = survey.Id,
                            Position = i + 1,
                            Topic = SiteSurvey.Topics[i].Zh,
                            Score = scores[i],
                            Comment = scores[i] <= 3 ? "仍需改进" : null,
                        }
                    );
            }
        }
    }
}
