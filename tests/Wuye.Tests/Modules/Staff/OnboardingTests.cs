using System.Net;
using System.Text.Json;
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
    private readonly FakeTimeProvider _clock = StaffTestKit.TodayAt(9);

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string[] Fields(JsonElement problem) => StaffTestKit.Fields(problem);

    private static Task<int> TaskCountAsync(HttpClient client, string home, string titleStart) =>
        StaffTestKit.TaskCountAsync(client, home, titleStart);

    /// <summary>An exam of the project (one question of a bank of its own), set by <paramref name="pm"/>.</summary>
    private static async Task<Guid> ExamAsync(HttpClient pm, Guid project, string title)
    {
        var bank = (
            await pm.PostJsonAsync(
                    "/api/v1/question-banks",
                    new
                    {
                        projectId = project,
                        title = title + "题库",
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
        return (
            await pm.PostJsonAsync(
                    "/api/v1/exams",
                    new
                    {
                        projectId = project,
                        title,
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
    }

    [Fact]
    public async Task A_new_employees_plan_from_the_post_guide_is_told_tracked_to_done_and_an_overdue_step_told_once()
    {
        var today = ChinaTime.Today(_clock);
        var (company, project, team) = await StaffTestKit.ProjectWithTeamAsync(_app, "入职计划花园", "入职工程班");
        var staff = await StaffTestKit.PersonAsync(_app, team, "入职新人甲");
        var newUser = await StaffTestKit.ProjectUserAsync(_app, "onb-new", company, project, Roles.Technician, staff);
        var pmUser = await StaffTestKit.ProjectUserAsync(_app, "onb-pm", company, project, Roles.ProjectManager);
        var pm = await _app.As("onb-pm", TestUsers.Password);
        var newbie = await _app.As("onb-new", TestUsers.Password);
        var exam = await ExamAsync(pm, project, "入职应知应会");

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

    /// <summary>A guide of the project with a practice step and an exam step (by <paramref name="pm"/>): its id.</summary>
    private static async Task<Guid> GuideAsync(HttpClient pm, Guid project, Guid exam, string title) => (
            await pm.PostJsonAsync(
                    "/api/v1/trainings/post-guides",
                    new
                    {
                        projectId = project,
                        post = "维修工",
                        title,
                        steps = new object[]
                        {
                            new
                            {
                                title = "熟悉设备房位置",
                                dueDay = 1,
                                kind = "practice",
                            },
                            new
                            {
                                title = "通过应知应会考试",
                                dueDay = 5,
                                kind = "exam",
                                examId = exam,
                            },
                        },
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();

    [Fact]
    public async Task An_exam_already_required_is_the_plans_exam_step_a_second_open_plan_is_refused_and_a_rewrite_leaves_plans_alone()
    {
        var today = ChinaTime.Today(_clock);
        var (company, project, team) = await StaffTestKit.ProjectWithTeamAsync(_app, "入职规则花园", "入职规则工程班");
        var staff = await StaffTestKit.PersonAsync(_app, team, "入职新人乙");
        var other = await StaffTestKit.PersonAsync(_app, team, "入职新人丙");
        await StaffTestKit.ProjectUserAsync(_app, "onb-rule-pm", company, project, Roles.ProjectManager);
        await StaffTestKit.ProjectUserAsync(_app, "onb-rule-tech", company, project, Roles.Technician, staff);
        var pm = await _app.As("onb-rule-pm", TestUsers.Password);
        var tech = await _app.As("onb-rule-tech", TestUsers.Password);
        var exam = await ExamAsync(pm, project, "入职规则考试");
        var guide = await GuideAsync(pm, project, exam, "入职规则维修工指引");
        Task<List<Guid>> OpenAssignmentsAsync(Guid person) =>
            _app.DbAsync(db =>
                db.Set<ExamAssignment>()
                    .Where(a => a.StaffMemberId == person && a.ExamId == exam && a.PassedAt == null)
                    .Select(a => a.Id)
                    .ToListAsync()
            );
        Task<HttpResponseMessage> PlanAsync(Guid person) =>
            pm.PostJsonAsync(
                "/api/v1/trainings/onboarding-plans",
                new
                {
                    staffMemberId = person,
                    guideId = guide,
                    startsOn = today,
                }
            );

        // The person already has the exam to take: the plan's exam step is that assignment, not a second one.
        var required = (await pm.PostJsonAsync($"/api/v1/exams/{exam}/assignments", new { staffMemberId = staff }).OkAsync())
            .GetProperty("id")
            .GetGuid();
        var plan = await PlanAsync(staff).OkAsync();
        var examStep = plan.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "exam");
        Assert.Equal([required], await OpenAssignmentsAsync(staff));
        Assert.Equal(
            required,
            await _app.DbAsync(db =>
                db.Set<OnboardingStep>()
                    .Where(s => s.Id == examStep.GetProperty("id").GetGuid())
                    .Select(s => s.ExamAssignmentId)
                    .SingleAsync()
            )
        );

        // A plan made for someone without the exam requires it once; requiring it again by hand meets the one rule.
        await PlanAsync(other).OkAsync();
        Assert.Single(await OpenAssignmentsAsync(other));
        var again = await pm.PostJsonAsync($"/api/v1/exams/{exam}/assignments", new { staffMemberId = other });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("exam.already_required", (await again.JsonAsync()).GetProperty("code").GetString());
        Assert.Single(await OpenAssignmentsAsync(other));

        // A second open plan for the same person: 409 from the API, and the database's index refuses it too.
        var second = await PlanAsync(staff);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("onboarding.open_plan", (await second.JsonAsync()).GetProperty("code").GetString());
        var racing = await Assert.ThrowsAsync<DbUpdateException>(() =>
            _app.DbAsync(async db =>
            {
                db.Add(
                    new OnboardingPlan
                    {
                        CompanyId = company,
                        ProjectId = project,
                        GuideId = guide,
                        GuideTitle = "并发生成",
                        StaffMemberId = staff,
                        PersonName = "入职新人乙",
                        StartsOn = today,
                    }
                );
                return await db.SaveChangesAsync();
            })
        );
        Assert.Equal(
            Wuye.Modules.Staff.Features.Onboarding.OnboardingHandler.OpenPlanIndex,
            Assert.IsType<Npgsql.PostgresException>(racing.InnerException).ConstraintName
        );
        Assert.Equal(1, await _app.DbAsync(db => db.Set<OnboardingPlan>().CountAsync(p => p.StaffMemberId == staff)));

        // The guide rewritten: bad input field by field, a technician may not; plans already made keep their steps.
        var bad = await pm.PutJsonAsync(
            $"/api/v1/trainings/post-guides/{guide}",
            new
            {
                post = "维修工",
                title = "入职规则维修工指引",
                steps = new object[]
                {
                    new
                    {
                        title = "",
                        dueDay = 200,
                        kind = "training",
                    },
                },
            }
        );
        Assert.Equal(["steps[0].dueDay", "steps[0].title", "steps[0].trainingTopic"], Fields(await bad.JsonAsync()));
        object Rewrite() =>
            new
            {
                post = "维修电工",
                title = "入职规则维修电工指引",
                steps = new object[]
                {
                    new
                    {
                        title = "熟悉配电房位置",
                        dueDay = 2,
                        kind = "practice",
                    },
                },
            };
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PutJsonAsync($"/api/v1/trainings/post-guides/{guide}", Rewrite())).StatusCode);
        var rewritten = await pm.PutJsonAsync($"/api/v1/trainings/post-guides/{guide}", Rewrite()).OkAsync();
        Assert.Equal(("维修电工", 1), (rewritten.GetProperty("post").GetString(), rewritten.GetProperty("steps").GetArrayLength()));
        Assert.Equal(
            "熟悉配电房位置",
            (await pm.GetJsonAsync($"/api/v1/trainings/post-guides/{guide}")).GetProperty("steps")[0].GetProperty("title").GetString()
        );
        var kept = await pm.GetJsonAsync($"/api/v1/trainings/onboarding-plans/{plan.GetProperty("id").GetGuid()}");
        Assert.Equal("入职规则维修工指引", kept.GetProperty("guideTitle").GetString());
        Assert.Equal(
            ["熟悉设备房位置", "通过应知应会考试"],
            kept.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("title").GetString())
        );
    }

    [Fact]
    public async Task The_hourly_job_reaches_every_open_plan_however_many_stalled_ones_come_before_it()
    {
        var today = ChinaTime.Today(_clock);
        var (company, project, team) = await StaffTestKit.ProjectWithTeamAsync(_app, "入职分页花园", "入职分页工程班");
        var staff = await StaffTestKit.PersonAsync(_app, team, "入职新人丁");
        var pmUser = await StaffTestKit.ProjectUserAsync(_app, "onb-page-pm", company, project, Roles.ProjectManager);
        var pm = await _app.As("onb-page-pm", TestUsers.Password);
        var exam = await ExamAsync(pm, project, "入职分页考试");
        var guide = await GuideAsync(pm, project, exam, "入职分页维修工指引");
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
        var firstStep = plan.GetProperty("steps")[0].GetProperty("id").GetGuid();

        // More stalled plans than the job ever read at once (it took the first 500 by id), all before this one by id: open, with
        // nothing to do this hour.
        var stalled = Enumerable
            .Range(1, 501)
            .Select(i => new OnboardingPlan
            {
                Id = Guid.Parse($"00000000-0000-0000-0000-{i:D12}"),
                CompanyId = company,
                ProjectId = project,
                GuideId = guide,
                GuideTitle = "停滞的计划",
                StaffMemberId = Guid.NewGuid(),
                PersonName = $"停滞{i}",
                StartsOn = today,
            })
            .ToList();
        await _app.DbAsync(db =>
        {
            db.AddRange(stalled);
            return db.SaveChangesAsync();
        });
        try
        {
            // Two days on, the plan's first step is overdue: the job gets to it and tells the manager.
            _clock.SetUtcNow(new DateTimeOffset(today.AddDays(2).ToDateTime(new TimeOnly(9, 0)), ChinaTime.Offset).ToUniversalTime());
            await _app.Services.GetRequiredService<OnboardingJob>().RunOnceAsync();
            var told = await _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .Where(m => m.Channel == NotificationChannel.InApp && m.DedupeKey!.StartsWith(OnboardingJob.Key(firstStep)))
                    .Select(m => m.RecipientUserId)
                    .ToListAsync()
            );
            Assert.Equal(new Guid?[] { pmUser }, told);
        }
        finally
        {
            var ids = stalled.Select(p => p.Id).ToList();
            await _app.DbAsync(db => db.Set<OnboardingPlan>().Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync());
        }
    }
}
