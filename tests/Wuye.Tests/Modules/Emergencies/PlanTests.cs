using System.Net;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Emergencies;

/// <summary>Plans through the API: written by the project manager, revised into version 2, read by the guard, refused field by field,
/// printed as a card.</summary>
[Collection(nameof(EmergenciesApiCollection))]
public sealed class PlanTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private Task<Guid> JinxiuAsync() => _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());

    internal static object Elevator(Guid project, string title, bool withThird = false) =>
        new
        {
            projectId = project,
            kind = "elevatorEntrapment",
            title,
            steps = new object?[]
            {
                new
                {
                    action = "对讲安抚被困人员",
                    role = "security_guard",
                    targetMinutes = 0,
                },
                new
                {
                    action = "维保单位到场放人",
                    role = "technician",
                    targetMinutes = 30,
                },
                withThird
                    ? new
                    {
                        action = "值班经理回访",
                        role = "project_manager",
                        targetMinutes = 60,
                    }
                    : null,
            }.Where(s => s is not null),
            contacts = new object[] { new { name = "电梯维保", phone = "0571-88880000" } },
        };

    [Fact]
    public async Task A_plan_is_written_revised_into_version_2_read_by_the_guard_and_printed_as_a_card()
    {
        var project = await JinxiuAsync();
        var pm = await _app.As("pm");
        var plan = await pm.PostJsonAsync("/api/v1/emergency-plans", Elevator(project, "测试电梯困人")).OkAsync();
        var id = plan.GetProperty("id").GetGuid();
        Assert.Equal(1, plan.GetProperty("currentVersion").GetInt32());

        var dup = await pm.PostJsonAsync("/api/v1/emergency-plans", Elevator(project, "测试电梯困人"));
        Assert.Equal(HttpStatusCode.Conflict, dup.StatusCode);

        var revised = await pm.PostJsonAsync(
                $"/api/v1/emergency-plans/{id}/versions",
                new
                {
                    title = "测试电梯困人",
                    steps = new object[]
                    {
                        new
                        {
                            action = "对讲安抚被困人员",
                            role = "security_guard",
                            targetMinutes = 0,
                        },
                        new
                        {
                            action = "安全员到达层站",
                            role = "security_guard",
                            targetMinutes = 10,
                        },
                        new
                        {
                            action = "维保单位到场放人",
                            role = "technician",
                            targetMinutes = 30,
                        },
                    },
                    contacts = new object[] { new { name = "电梯维保", phone = "0571-88880000" } },
                    note = "增加到达层站",
                }
            )
            .OkAsync();
        Assert.Equal(2, revised.GetProperty("currentVersion").GetInt32());
        Assert.Equal(3, revised.GetProperty("steps").GetArrayLength());
        Assert.Equal(2, revised.GetProperty("versions").GetArrayLength());

        var guard = await _app.As("guard");
        var seen = await guard.GetJsonAsync($"/api/v1/emergency-plans?projectId={project}&kind=elevatorEntrapment");
        Assert.Contains(seen.EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await guard.PostJsonAsync("/api/v1/emergency-plans", Elevator(project, "保安写的"))).StatusCode
        );

        var card = await pm.GetAsync($"/emergencies/plans/{id}/card");
        var html = await card.Content.ReadAsStringAsync();
        Assert.Contains("安全员到达层站", html);
        Assert.Contains("0571-88880000", html);
    }

    [Fact]
    public async Task Bad_steps_are_refused_field_by_field_and_nothing_is_written()
    {
        var project = await JinxiuAsync();
        var pm = await _app.As("pm");
        var res = await pm.PostJsonAsync(
            "/api/v1/emergency-plans",
            new
            {
                projectId = project,
                kind = "fire",
                title = "坏预案",
                steps = new object[]
                {
                    new
                    {
                        action = "b",
                        role = "security_guard",
                        targetMinutes = 30,
                    },
                    new
                    {
                        action = "a",
                        role = "owner",
                        targetMinutes = 10,
                    },
                    new { action = "", role = "technician" },
                },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("steps[2].action", out _));
        Assert.True(errors.TryGetProperty("steps[2].targetMinutes", out _));
        res = await pm.PostJsonAsync(
            "/api/v1/emergency-plans",
            new
            {
                projectId = project,
                kind = "fire",
                title = "坏预案",
                steps = new object[]
                {
                    new
                    {
                        action = "b",
                        role = "security_guard",
                        targetMinutes = 30,
                    },
                    new
                    {
                        action = "a",
                        role = "owner",
                        targetMinutes = 10,
                    },
                },
            }
        );
        errors = (await res.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("steps[1].role", out _));
        Assert.True(errors.TryGetProperty("steps[1].targetMinutes", out _));
        Assert.False(await _app.DbAsync(db => db.Set<Wuye.Modules.Emergencies.Domain.EmergencyPlan>().AnyAsync(p => p.Title == "坏预案")));
    }
}
