using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Modules.CustomerCare;

/// <summary>
/// Satisfaction surveys on one app: the desk builds a questionnaire (a bad question refused field by field), samples the
/// demo owner's project and sends it; the owner answers once (a second answer refused on the household), an NPS of 5 opening a
/// follow-up visit for the zone steward due two working days later on the project's calendar (Friday → Saturday →
/// Monday: the demo project works Saturdays, not Sundays); the steward enters a phone interview;
/// the results count satisfaction (4–5 of 5) and NPS (% 9–10 − % 0–6). The browser journey: an owner answers 5 on the portal
/// (375 px) and the follow-up is on the steward's home to-do list.
/// </summary>
[Collection(nameof(CustomerCareBrowserCollection))]
public sealed partial class SurveyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    private WuyeApp App => _b.App;

    /// <summary>The demo owner's first home and its project, zone steward and another lived-in home of that steward's zone.</summary>
    private Task<(Guid Project, Guid Home, Guid? Steward, Guid Other)> OwnerHomeAsync() =>
        App.DbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).FirstAsync();
            var home = await db.PersonRefs()
                .Where(p => p.UserId == user)
                .Join(db.OccupantRefs(), p => p.Id, o => o.PersonId, (p, o) => o)
                .OrderBy(o => o.UnitId)
                .FirstAsync();
            var steward = await db.ZoneRefs().Where(z => z.Id == home.ZoneId).Select(z => z.StewardUserId).FirstAsync();
            var other = await db.OccupantRefs()
                .Where(o => o.ZoneId == home.ZoneId && o.UnitId != home.UnitId && o.Relation == OccupantRelation.Owner && o.Until == null)
                .OrderBy(o => o.UnitId)
                .Select(o => o.UnitId)
                .FirstAsync();
            return (home.ProjectId, home.UnitId, steward, other);
        });

    private static async Task<(Guid Id, Dictionary<string, Guid> Questions)> BuildAsync(
        HttpClient service,
        Guid project,
        string title,
        params (string Kind, string Text, string Dimension, string[] Options)[] questions
    )
    {
        var created = await service
            .PostJsonAsync(
                "/api/v1/surveys",
                new
                {
                    projectId = project,
                    title,
                    samplePercent = 100,
                }
            )
            .OkAsync();
        var id = created.GetProperty("survey").GetProperty("id").GetGuid();
        foreach (var q in questions)
            await service
                .PostJsonAsync(
                    $"/api/v1/surveys/{id}/questions",
                    new
                    {
                        kind = q.Kind,
                        text = q.Text,
                        dimension = q.Dimension,
                        options = q.Options,
                    }
                )
                .OkAsync();
        var opened = await service.PostJsonAsync($"/api/v1/surveys/{id}/open", new { }).OkAsync();
        Assert.Equal("open", opened.GetProperty("survey").GetProperty("status").GetString(), ignoreCase: true);
        var ids = opened
            .GetProperty("questions")
            .EnumerateArray()
            .ToDictionary(q => q.GetProperty("kind").GetString()!.ToLowerInvariant(), q => q.GetProperty("id").GetGuid());
        return (id, ids);
    }

    [Fact]
    public async Task An_owner_answers_once_a_detractor_opens_a_follow_up_in_two_working_days_and_the_results_count_it()
    {
        var clock = At(China(2026, 12, 4, 10, 0)); // a Friday; sign-in tokens are issued on this clock
        shared.Use(clock);
        var (project, home, steward, other) = await OwnerHomeAsync();
        var service = await App.As("service");

        var bad = await service.PostJsonAsync("/api/v1/surveys", new { projectId = project, samplePercent = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("samplePercent", out _));
        var draft = await service
            .PostJsonAsync(
                "/api/v1/surveys",
                new
                {
                    projectId = project,
                    title = "问卷A",
                    samplePercent = 50,
                }
            )
            .OkAsync();
        var draftId = draft.GetProperty("survey").GetProperty("id").GetGuid();
        var oneOption = await service.PostJsonAsync(
            $"/api/v1/surveys/{draftId}/questions",
            new
            {
                kind = "Single",
                text = "您常去哪里？",
                dimension = "总体",
                options = new[] { "会所" },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, oneOption.StatusCode);
        Assert.True((await oneOption.JsonAsync()).GetProperty("errors").TryGetProperty("options", out _));
        Assert.Equal(HttpStatusCode.Conflict, (await service.PostJsonAsync($"/api/v1/surveys/{draftId}/open", new { })).StatusCode);

        var (id, q) = await BuildAsync(
            service,
            project,
            "问卷B 冬季服务满意度",
            ("Scale", "客服中心的接待", "客户服务", []),
            ("Nps", "您会向亲友推荐我们吗？", "总体", []),
            ("Single", "您多久去一次会所？", "保洁", ["每周", "每月", "很少"]),
            ("Text", "其他意见", "总体", [])
        );
        var owner = await App.As("owner");
        var mine = await owner.GetJsonAsync("/api/v1/surveys/mine");
        Assert.Contains(mine.EnumerateArray(), m => m.GetProperty("surveyId").GetGuid() == id && m.GetProperty("unitId").GetGuid() == home);
        Assert.Equal(4, (await owner.GetJsonAsync($"/api/v1/surveys/{id}")).GetProperty("questions").GetArrayLength());

        var missing = await owner.PostJsonAsync(
            $"/api/v1/surveys/{id}/responses",
            new { unitId = home, answers = new object[] { new { questionId = q["scale"], score = 6 } } }
        );
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var missingErrors = (await missing.JsonAsync()).GetProperty("errors");
        Assert.True(missingErrors.TryGetProperty("answers[0].score", out _));
        Assert.True(missingErrors.TryGetProperty("question2", out _));
        Assert.True(missingErrors.TryGetProperty("question3", out _));

        object Answers(Guid unit, int scale, int nps) =>
            new
            {
                unitId = unit,
                answers = new object[]
                {
                    new { questionId = q["scale"], score = scale },
                    new { questionId = q["nps"], score = nps },
                    new { questionId = q["single"], choices = new[] { "每月" } },
                    new { questionId = q["text"], text = "大堂空调太冷" },
                },
            };
        var answered = await owner.PostJsonAsync($"/api/v1/surveys/{id}/responses", Answers(home, 4, 5)).OkAsync();
        Assert.Equal("portal", answered.GetProperty("channel").GetString(), ignoreCase: true);
        var twice = await owner.PostJsonAsync($"/api/v1/surveys/{id}/responses", Answers(home, 5, 10));
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("不能重复", (await twice.JsonAsync()).GetProperty("errors").GetProperty("unitId")[0].GetString());

        var task = await App.DbAsync(db =>
            db.Set<CareTask>()
                .AsNoTracking()
                .SingleAsync(t => t.UnitId == home && t.Kind == CareKind.SurveyFollowUp && t.Title.Contains("问卷B"))
        );
        Assert.Equal(new DateOnly(2026, 12, 7), task.DueDate); // the demo project works Saturdays: Sat, then Mon (Sunday off)
        Assert.Equal(steward, task.AssigneeUserId);
        Assert.Equal(CareTaskStatus.Open, task.Status);
        Assert.True(
            await App.DbAsync(db =>
                db.Set<OutboxMessage>().AnyAsync(m => m.RecipientUserId == steward && m.DedupeKey!.StartsWith($"care-task:{task.Key}"))
            )
        );

        var stewardApi = await App.As("steward");
        var phone = await stewardApi.PostJsonAsync($"/api/v1/surveys/{id}/responses", Answers(other, 5, 10)).OkAsync();
        Assert.Equal("phone", phone.GetProperty("channel").GetString(), ignoreCase: true);
        Assert.Equal("片区管家 孙丽", phone.GetProperty("answeredByName").GetString());

        var results = await service.GetJsonAsync($"/api/v1/surveys/{id}/results");
        Assert.Equal(2, results.GetProperty("answered").GetInt32());
        Assert.Equal(2, results.GetProperty("satisfied").GetInt32());
        Assert.Equal(100m, results.GetProperty("satisfactionRate").GetDecimal());
        Assert.Equal(1, results.GetProperty("promoters").GetInt32());
        Assert.Equal(1, results.GetProperty("detractors").GetInt32());
        Assert.Equal(0m, results.GetProperty("nps").GetDecimal());
        Assert.Equal(1, results.GetProperty("followUps").GetInt32());
        var service1 = results.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("dimension").GetString() == "客户服务");
        Assert.Equal(4.5m, service1.GetProperty("average").GetDecimal());
        var byProject = await service.GetJsonAsync("/api/v1/surveys/results?from=2026-12-01&to=2026-12-31");
        Assert.Contains(byProject.EnumerateArray(), p => p.GetProperty("projectId").GetGuid() == project);

        await service.PostJsonAsync($"/api/v1/surveys/{id}/close", new { }).OkAsync();
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await stewardApi.PostJsonAsync($"/api/v1/surveys/{id}/responses", Answers(home, 1, 1))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await stewardApi.PostJsonAsync(
                    "/api/v1/surveys",
                    new
                    {
                        projectId = project,
                        title = "x",
                        samplePercent = 5,
                    }
                )
            ).StatusCode
        );
    }

    [Fact]
    public async Task An_owner_answers_5_on_the_portal_and_the_follow_up_is_on_the_stewards_home()
    {
        var (project, _, _, _) = await OwnerHomeAsync();
        var service = await App.As("service");
        var (id, _) = await BuildAsync(service, project, "问卷C 物业服务推荐度", ("Nps", "您会向亲友推荐我们吗？", "总体", []));

        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "owner");
        await page.GotoAsync(Roles.Find(Roles.Owner)!.Home);
        await page.ClickAsync("[data-testid=task]:has-text('待填问卷')");
        await page.WaitForURLAsync("**/portal/surveys");
        await page.AssertFitsPhoneAsync();
        await page.ClickAsync($"[data-testid=my-survey][data-id='{id}']");
        await page.Locator("[data-testid=survey-form]").WaitForAsync();
        await page.AssertFitsPhoneAsync();
        await page.ClickAsync("[data-testid=submit-survey]");
        await page.Locator("[data-testid=error]").WaitForAsync();
        await page.ClickAsync("[data-testid=nps-5]");
        await page.ClickAsync("[data-testid=submit-survey]");
        await page.Locator("[data-testid=answered]").WaitForAsync();

        var steward = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(steward, "steward");
        await steward.GotoAsync(Roles.Find(Roles.Steward)!.Home);
        await steward.ClickAsync("[data-testid=task]:has-text('客户关怀任务')");
        await steward.WaitForURLAsync("**/care/tasks");
        var followUp = steward.Locator("[data-testid=care-task][data-kind=SurveyFollowUp]", new() { HasText = "问卷C" });
        Assert.Contains("5 分", await followUp.InnerTextAsync());
        await steward.AssertFitsPhoneAsync();
        await steward.GotoAsync($"/care/surveys/{id}");
        Assert.Equal("-100.0", (await steward.Locator("[data-testid=nps]").InnerTextAsync()).Trim());
        await steward.WaitForSelectorAsync("[data-testid=question-chart] svg");
        Assert.Equal("NPS -100.0", (await steward.Locator("[data-testid=question-nps]").InnerTextAsync()).Trim());
        var bars = await steward.EvaluateAsync<int[]>(
            "() => echarts.getInstanceByDom(document.querySelector('[data-testid=question-chart]')).getOption().series[0].data"
                + ".map(d => d.value)"
        );
        Assert.Equal([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0], bars); // the one answer, 5: a detractor
        await steward.AssertFitsPhoneAsync();
        await steward.ClickAsync("[data-testid=culture-switch]");
        await steward.WaitForSelectorAsync("html[lang=en]");
        await steward.GotoAsync("/care/surveys");
        Assert.Contains("Results by project", await steward.Locator("body").InnerTextAsync());
        await steward.AssertFitsPhoneAsync();
    }
}
