using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Inspections;

[Collection(nameof(InspectionsApiCollection))]
public sealed class WaveInspectionTests(SharedApp shared) : IAsyncLifetime
{
    private WuyeApp _app = null!;
    private Guid _garden,
        _riverside,
        _inspectorId,
        _managerId;

    public async ValueTask InitializeAsync()
    {
        _app = shared.Use(TimeProvider.System);
        (_garden, _riverside, _inspectorId, _managerId) = await _app.DbAsync(async db =>
            (
                await db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync(),
                await db.Projects().Where(p => p.Name == "阳光水岸").Select(p => p.Id).FirstAsync(),
                await db.Users.Where(u => u.UserName == "inspector").Select(u => u.Id).FirstAsync(),
                await db.Users.Where(u => u.UserName == "manager").Select(u => u.Id).FirstAsync()
            )
        );
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_wave_campaign_schedules_teams_across_24_hours_and_counts_only_inspections_inside_a_slot()
    {
        var inspector = await _app.As("inspector");
        var now = DateTimeOffset.UtcNow;
        var day = new { name = "夜间海浪式安全检查", startsAt = now.AddHours(-2) };

        var overlap = await inspector.PostJsonAsync(
            "/api/v1/wave-inspections",
            new
            {
                day.name,
                day.startsAt,
                slots = new[]
                {
                    new
                    {
                        teamName = "第一组",
                        memberUserIds = new[] { _inspectorId },
                        projectId = _garden,
                        startsAt = now.AddHours(-1),
                        endsAt = now.AddHours(2),
                    },
                    new
                    {
                        teamName = "第一组",
                        memberUserIds = new[] { _inspectorId },
                        projectId = _riverside,
                        startsAt = now.AddHours(1),
                        endsAt = now.AddHours(3),
                    },
                },
            }
        );
        Assert.Equal("wave_inspection.team_overlap", (await overlap.JsonAsync()).GetProperty("code").GetString());

        var beyond = await inspector.PostJsonAsync(
            "/api/v1/wave-inspections",
            new
            {
                day.name,
                day.startsAt,
                slots = new[]
                {
                    new
                    {
                        teamName = "第一组",
                        memberUserIds = new[] { _inspectorId },
                        projectId = _garden,
                        startsAt = now.AddHours(-1),
                        endsAt = now.AddHours(2),
                    },
                    new
                    {
                        teamName = "第二组",
                        memberUserIds = new[] { _managerId },
                        projectId = _riverside,
                        startsAt = now.AddHours(23),
                        endsAt = now.AddHours(25),
                    },
                },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);

        var wave = await inspector
            .PostJsonAsync(
                "/api/v1/wave-inspections",
                new
                {
                    day.name,
                    day.startsAt,
                    slots = new[]
                    {
                        new
                        {
                            teamName = "第一组",
                            memberUserIds = new[] { _inspectorId },
                            projectId = _garden,
                            startsAt = now.AddHours(-1),
                            endsAt = now.AddHours(2),
                        },
                        new
                        {
                            teamName = "第二组",
                            memberUserIds = new[] { _managerId },
                            projectId = _riverside,
                            startsAt = now.AddHours(10),
                            endsAt = now.AddHours(12),
                        },
                    },
                }
            )
            .OkAsync();
        var id = wave.GetProperty("id").GetGuid();
        Assert.Equal(5, wave.GetProperty("hoursCovered").GetInt32());
        var slots = wave.GetProperty("slots").EnumerateArray().ToList();

        var item = (
            await inspector
                .PostJsonAsync(
                    "/api/v1/check-items",
                    new
                    {
                        code = "WAVE-1",
                        area = "safety",
                        description = "夜间岗位在岗",
                        frequency = "weekly",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var inspection = (
            await inspector
                .PostJsonAsync(
                    "/api/v1/inspections",
                    new
                    {
                        projectId = _garden,
                        place = "南门岗亭",
                        results = new[]
                        {
                            new
                            {
                                checkItemId = item,
                                sampleCount = 1,
                                findings = new[] { new { type = "suggestion", description = "岗亭照明偏暗" } },
                            },
                        },
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();

        var wrong = await inspector.PostJsonAsync(
            $"/api/v1/wave-inspections/{id}/slots/{slots[1].GetProperty("id").GetGuid()}/complete",
            new { inspectionId = inspection }
        );
        Assert.Equal("wave_inspection.outside_slot", (await wrong.JsonAsync()).GetProperty("code").GetString());

        var done = await inspector
            .PostJsonAsync(
                $"/api/v1/wave-inspections/{id}/slots/{slots[0].GetProperty("id").GetGuid()}/complete",
                new { inspectionId = inspection }
            )
            .OkAsync();
        Assert.Equal(1, done.GetProperty("done").GetInt32());
        Assert.Equal(1, done.GetProperty("upcoming").GetInt32());
        Assert.Equal(1, done.GetProperty("slots")[0].GetProperty("findings").GetInt32());
    }
}
