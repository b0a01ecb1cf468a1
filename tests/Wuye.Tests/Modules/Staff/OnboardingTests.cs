using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Jobs;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// 岗位操作指引 → 入职计划 through the API, on a project of its own with a moved clock: the project manager writes his post's
/// guide (bad input field by field, nothing written; a technician may not) and makes the new employee's plan from it — the
/// exam step becomes an exam assignment, the employee is told and has the steps on his home to-do list; he ticks the practice
/// step (a training step is done by its record, not by a tick), passes the safety training and the step is done; six days on
/// the job tells him and the manager once of the overdue exam step, and the manager sees the progress.
/// </summary>
[Collection(nameof(StaffApiCollection))]
public sealed class OnboardingTests(SharedApp shared) : IAsyncLifetime
{
    private WuyeApp _app = null!;
    private readonly FakeTimeProvider _clock = Clocks.At(
        new DateTimeOffset(ChinaTime.Today(TimeProvider.System).ToDateTime(new TimeOnly(9, 0)), ChinaTime.Offset)
    );

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string[] Fields(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()];

    private static async Task<int> TaskCountAsync(HttpClient client, string home, string titleStart)
    {
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(home));
        var m = Regex.Match(
            html,
            $@"<span>{Regex.Escape(titleStart)}[^<]*</span>.*?data-testid=""task-count""[^>]*>(\d+)<",
            RegexOptions.Singleline
        );
        return m.Success ? int.Parse(m.Groups[1].Value) : 0;
    }

    [Fact]
    public async Task A_new_employees_plan_from_the_post_guide_is_told_tracked_to_done_and_an_overdue_step_told_once()
    {
        var today = ChinaTime.Today(_clock);
        var manager = await _app.As("manager");
        var (company, project, team) = await StaffTestKit.ProjectWithTeamAsync(_app, "入职计划花园", "入职工程班");
        var staff = (await manager.PostJsonAsync("/api/v1/staff", new { teamId = team, name = "入职新人甲" }).OkAsync())
            .GetProperty("id")
            .GetGuid();
        RoleAssignment At(string role) =>
            new()
            {
                Role = role,
                CompanyId = company,
                ProjectId = project,
            };
        var newUser = await _app.CreateUserAsync("onb-new", company, At(Roles.Technician));
        await _app.DbAsync(db =>
            db.Set<Wuye.Modules.MasterData.Domain.StaffMember>()
                .Where(s => s.Id == staff)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.UserId, newUser))
        );
        var pmUser = await _app.CreateUserAsync("onb-pm", company, At(Roles.ProjectManager));
        var pm = await _app.As("onb-pm", TestUsers.Password);
        var newbie = await _app.As("onb-new", TestUsers.Password);

        var bank = (
            await pm.PostJsonAsync(
                    "/api/v1/question-banks",
                    new
                    {
                        projectId = project,
                        title = "入职题库",
                        topic = "onboarding",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        await pm.PostJsonAsync(
                $"/api/v1/question-banks/{bank}/questions",
                new
                {
                    kind = "single",
                    text = "报修工单到场后第一步是？",
                    options = new[] { "向业主说明并确认故障", "直接拆修" },
                    correct = new[] { 0 },
                }
            )
            .OkAsync();
        var exam = (
            await pm.PostJsonAsync(
                    "/api/v1/exams",
                    new
                    {
                        projectId = project,
                        title = "入职应知应会",
                        topic = "onboarding",
                        bankIds = new[] { bank },
                        questionCount = 1,
                        passMark = 60,
                        minutes = 10,
                        maxAttempts = 2,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();

        // The guide: bad input field by field and nothing written; a technician may not write one.
        Task<int> GuidesAsync() => _app.DbAsync(db => db.Set<PostGuide>().CountAsync(g => g.ProjectId == project));
        var empty = await pm.PostJsonAsync("/api/v1/trainings/post-guides", new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(["post", "projectId", "title"], Fields(await empty.JsonAsync()));
        var badSteps = await pm.PostJsonAsync(
            "/api/v1/trainings/post-guides",
            new
            {
                projectId = project,
                post = "维修工",
                title = "入职指引",
                steps = new object[]
                {
                    new
                    {
                        title = " ",
                        dueDay = 999,
                        kind = "exam",
                    },
                },
            }
        );
        Assert.Equal(["steps[0].dueDay", "steps[0].examId", "steps[0].title"], Fields(await badSteps.JsonAsync()));
        object Guide() =>
            new
            {
                projectId = project,
                post = "维修工",
                title = "入职计划花园维修工指引",
                steps = new object[]
                {
                    new
                    {
                        title = "熟悉设备房位置",
                        instructions = "由班长带领走一遍",
                        dueDay = 1,
                        kind = "practice",
                    },
                    new
                    {
                        title = "通过安全培训",
                        dueDay = 3,
                        kind = "training",
                        trainingTopic = "safety",
                    },
                    new
                    {
                        title = "通过应知应会考试",
                        dueDay = 5,
                        kind = "exam",
                        examId = exam,
                    },
                },
            };
        Assert.Equal(HttpStatusCode.Forbidden, (await newbie.PostJsonAsync("/api/v1/trainings/post-guides", Guide())).StatusCode);
        Assert.Equal(0, await GuidesAsync());
        var guide = (await pm.PostJsonAsync("/api/v1/trainings/post-guides", Guide()).OkAsync()).GetProperty("id").GetGuid();

        // The plan: bad input field by field; made, it reaches the new employee.
        var emptyPlan = await pm.PostJsonAsync("/api/v1/trainings/onboarding-plans", new { });
        Assert.Equal(["guideId", "staffMemberId", "startsOn"], Fields(await emptyPlan.JsonAsync()));
        var far = await pm.PostJsonAsync(
            "/api/v1/trainings/onboarding-plans",
            new
            {
                staffMemberId = staff,
                guideId = guide,
                startsOn = today.AddDays(90),
            }
        );
        Assert.Equal(["startsOn"], Fields(await far.JsonAsync()));
        var plan = await pm.PostJsonAsync(
                "/api/v1/trainings/onboarding-plans",
                new
                {
                    staffMemberId = staff,
                    guideId = guide,
                    startsOn = today,
                }
            )
            .OkAsync();
        var planId = plan.GetProperty("id").GetGuid();
        var steps = plan.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
        Assert.Equal((0, 3), (plan.GetProperty("done").GetInt32(), plan.GetProperty("total").GetInt32()));
        Assert.Equal(
            [today.AddDays(1), today.AddDays(3), today.AddDays(5)],
            plan.GetProperty("steps").EnumerateArray().Select(s => DateOnly.Parse(s.GetProperty("dueOn").GetString()!))
        );
        var told = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .CountAsync(m => m.RecipientUserId == newUser && m.Channel == NotificationChannel.InApp && m.Title.StartsWith("入职计划："))
        );
        Assert.Equal(1, told);
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<ExamAssignment>().AnyAsync(a => a.StaffMemberId == staff && a.ExamId == exam && a.DueOn == today.AddDays(5))
            )
        );
        Assert.Equal(3, await TaskCountAsync(newbie, "/home/technician", "我的入职计划待完成步骤"));

        // The practice step ticked by the employee; the training step only by its record.
        var ticked = await newbie.PostAsync($"/api/v1/trainings/onboarding-plans/{planId}/steps/{steps[0]}/done", null).OkAsync();
        Assert.Equal(1, ticked.GetProperty("done").GetInt32());
        var byTick = await newbie.PostAsync($"/api/v1/trainings/onboarding-plans/{planId}/steps/{steps[1]}/done", null);
        Assert.Equal("onboarding.by_record", (await byTick.JsonAsync()).GetProperty("code").GetString());
        var session = (
            await pm.PostJsonAsync(
                    "/api/v1/trainings",
                    new
                    {
                        projectId = project,
                        title = "入职安全培训",
                        topic = "safety",
                        heldOn = today,
                        hours = 2,
                        staffMemberIds = new[] { staff },
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        await pm.PostJsonAsync(
                $"/api/v1/trainings/{session}/results",
                new
                {
                    results = new[]
                    {
                        new
                        {
                            staffMemberId = staff,
                            attended = true,
                            score = 88,
                        },
                    },
                }
            )
            .OkAsync();
        var mine = (await newbie.GetJsonAsync("/api/v1/trainings/onboarding-plans?mine=true")).EnumerateArray().Single();
        Assert.Equal((2, 0), (mine.GetProperty("done").GetInt32(), mine.GetProperty("overdue").GetInt32()));
        Assert.Equal(1, await TaskCountAsync(newbie, "/home/technician", "我的入职计划待完成步骤"));

        // Six days on, the exam step is overdue: the job tells the employee and the manager, once.
        _clock.SetUtcNow(new DateTimeOffset(today.AddDays(6).ToDateTime(new TimeOnly(9, 0)), ChinaTime.Offset).ToUniversalTime());
        var job = _app.Services.GetRequiredService<OnboardingJob>();
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        var overdue = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .Where(m => m.Channel == NotificationChannel.InApp && m.DedupeKey!.StartsWith(OnboardingJob.Key(steps[2])))
                .Select(m => m.RecipientUserId)
                .ToListAsync()
        );
        Assert.Equal(new Guid?[] { newUser, pmUser }.Order(), overdue.Order());
        _app.ForgetTokens(); // the tokens signed six days ago have expired on the moved clock
        pm = await _app.As("onb-pm", TestUsers.Password);
        var progress = (await pm.GetJsonAsync($"/api/v1/trainings/onboarding-plans?projectId={project}")).EnumerateArray().Single();
        Assert.Equal(
            (2, 3, 1),
            (progress.GetProperty("done").GetInt32(), progress.GetProperty("total").GetInt32(), progress.GetProperty("overdue").GetInt32())
        );
        Assert.Equal(1, await TaskCountAsync(pm, "/home/project", "新员工入职计划逾期步骤"));
    }
}
