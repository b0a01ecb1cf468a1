using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.Complaints.Contracts;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Jobs;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Regulation;

/// <summary>
/// Regulation's reminder and figure jobs with a moved clock: a company that has not submitted a campaign's self-check is reminded
/// once, three days (Wuye:Regulation:SelfCheckReminderDays) before it is due, and its home line turns urgent; a company that
/// submitted is not. Once a rating period has ended, the figure job scores the companies' own figures for it, once, and tells the
/// company's managers.
/// </summary>
[Collection(nameof(RegulationJobsCollection))]
public sealed class RegulationReminderJobTests(SharedApp shared) : MovedClockApp(shared)
{
    [Fact]
    public async Task A_company_that_has_not_self_checked_is_reminded_once_three_days_before_the_due_date()
    {
        var regulator = await App.As("regulator");
        var launched = await regulator
            .PostJsonAsync(
                "/api/v1/campaigns",
                new
                {
                    title = "提醒测试专项行动",
                    selfCheckDue = On(10),
                    rectifyDue = On(20),
                    endsOn = On(30),
                }
            )
            .OkAsync();
        var id = launched.GetProperty("id").GetGuid();
        await (await App.As("manager2"))
            .PostJsonAsync(
                $"/api/v1/campaigns/{id}/self-checks",
                new
                {
                    text = "已自查",
                    issuesFound = 0,
                    issuesFixed = 0,
                }
            )
            .OkAsync();
        var job = App.Services.GetRequiredService<SelfCheckReminderJob>();
        var key = $"campaign-self-check:{id:N}";

        await job.RunOnceAsync();
        MoveTo(6); // 4 days left
        await job.RunOnceAsync();
        Assert.Equal(0, await InAppAsync("manager", key));

        MoveTo(7); // 3 days left
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        Assert.Equal((1, 0), (await InAppAsync("manager", key), await InAppAsync("manager2", key)));
        App.ForgetTokens();
        var home = WebUtility.HtmlDecode(await (await App.As("manager")).GetStringAsync("/home/company"));
        Assert.Matches(
            new Regex(
                "href=\"/regulation/campaigns\" data-testid=\"task\">\\s*<span>专项行动待提交自查报告</span>\\s*<span class=\"badge bg-red"
            ),
            home
        );

        MoveTo(9);
        await job.RunOnceAsync();
        Assert.Equal(1, await InAppAsync("manager", key));
        var jinhua = await App.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
        Assert.Equal(
            [jinhua],
            await App.DbAsync(db => db.Set<Campaign>().Where(c => c.Id == id).Select(c => c.SelfCheckReminded).FirstAsync())
        );
    }

    [Fact]
    public async Task After_a_period_ends_the_figure_job_scores_each_companys_own_figures_once() =>
        await RegulatorTableKit.KeepingTableAsync(App, async current =>
        {
            var regulator = await App.As("regulator");
            var items = current.GetProperty("items").EnumerateArray().Select(i => (object)i).ToList();
            var probe = new
            {
                code = "figure_probe",
                name = "测试：有效投诉处理率不低于 0%",
                kind = "good",
                points = 1,
                cap = 1,
                validityMonths = 12,
                figure = "complaintHandlingRate",
                threshold = 0,
            };
            await regulator
                .PostJsonAsync($"/api/v1/credit-rating-tables/{current.GetProperty("id")}/versions", new { items = items.Append(probe) })
                .OkAsync();
            var jinhua = await App.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
            await App.DbAsync(async db =>
            {
                var unit = await db.Units().Where(u => u.CompanyId == jinhua).OrderBy(u => u.Id).FirstAsync();
                var at = Clock.GetUtcNow().AddHours(-1);
                db.Add(
                    new Complaint
                    {
                        CompanyId = jinhua,
                        ProjectId = unit.ProjectId,
                        UnitId = unit.Id,
                        Number = $"FIGJOB-{Guid.NewGuid().ToString("N")[..8]}",
                        Description = "测试投诉（按企业数据计分任务）",
                        ComplainantName = "测试业主",
                        ReceivedByName = "客服",
                        OwnerStaffName = "客服",
                        ReceivedAt = at,
                        ReceivedMonth = ChinaTimeMonth(at),
                        ReplyDueAt = at.AddDays(1),
                    }
                );
                return await db.SaveChangesAsync();
            });
            var period = RatingPeriod.Containing(RatingPeriodKind.HalfYear, DateOnly.FromDateTime(Day));
            var job = App.Services.GetRequiredService<FigureConductJob>();

            // The complaint handling rate is judged at the fixed cut-off (the period's end + the longest reply promise): the morning
            // after the period the job waits, on the cut-off's morning it scores.
            MoveTo(period.End.DayNumber - DateOnly.FromDateTime(Day).DayNumber + 1);
            Assert.Equal(0, await job.RunOnceAsync());
            Assert.Empty(
                await App.DbAsync(db =>
                    db.Set<ConductRecord>().Where(r => r.CompanyId == jinhua && r.ItemCode == "figure_probe").ToListAsync()
                )
            );
            MoveTo(period.End.DayNumber - DateOnly.FromDateTime(Day).DayNumber + 1 + ComplaintHandlingReads.LongestReplyDays);
            Assert.True(await job.RunOnceAsync() >= 1);
            Assert.Equal(0, await job.RunOnceAsync());
            var record = await App.DbAsync(db =>
                db.Set<ConductRecord>().Where(r => r.CompanyId == jinhua && r.ItemCode == "figure_probe").ToListAsync()
            );
            Assert.Equal([(period.Code, ConductSource.Figures)], record.Select(r => (r.FigurePeriod, r.Source)));
            Assert.Equal(1, await InAppAsync("manager", $"figure-conduct:{record[0].Id:N}"));
        });

    private static int ChinaTimeMonth(DateTimeOffset t)
    {
        var c = t.ToOffset(China);
        return c.Year * 100 + c.Month;
    }
}
