using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Jobs;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;
using Wuye.Tests.Modules.WorkOrders;

namespace Wuye.Tests.Modules.Security;

/// <summary>
/// A night patrol through the API with a moved clock: a route of four points, a round walked A, C, B with D never scanned, forged and
/// foreign labels refused, a scan after the window refused, the missed round alerted once, then excused by the supervisor.
/// </summary>
[Collection(nameof(SecurityApiCollection))]
public sealed class PatrolTests(SharedApp shared) : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // Tomorrow 21:00 in China: in the future, so tokens stay valid; the route's 22:00 round is planned when it is created.
    private static readonly DateTime Day = DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1);
    private readonly FakeTimeProvider _clock = Clocks.At(new DateTimeOffset(Day.AddHours(21), China));
    private WuyeApp _app = null!;
    private Guid _project;
    private Guid _otherProject;

    public async ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        _project = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
        _otherProject = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "阳光水岸").Select(p => p.Id).FirstAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void At(int hour, int minute, int second = 0) =>
        _clock.SetUtcNow(new DateTimeOffset(Day.AddHours(hour).AddMinutes(minute).AddSeconds(second), China).ToUniversalTime());

    private static object Route(Guid project, string name) =>
        new
        {
            projectId = project,
            name,
            startTimes = new[] { "22:00" },
            durationMinutes = 60,
            checkpoints = new object[]
            {
                new
                {
                    name = "A 东门",
                    dueMinute = 10,
                    latitude = 29.1300,
                    longitude = 118.4100,
                },
                new
                {
                    name = "B 地库",
                    dueMinute = 20,
                    latitude = 29.1309,
                    longitude = 118.4100,
                },
                new
                {
                    name = "C 泵房",
                    dueMinute = 30,
                    latitude = 29.1318,
                    longitude = 118.4100,
                },
                new
                {
                    name = "D 西门",
                    dueMinute = 40,
                    latitude = 29.1327,
                    longitude = 118.4100,
                },
            },
        };

    private async Task<(Guid Route, Dictionary<string, JsonElement> Labels)> RouteAsync(HttpClient client, Guid project, string name)
    {
        var route = (await client.PostJsonAsync("/api/v1/patrol-routes", Route(project, name)).OkAsync()).GetProperty("id").GetGuid();
        var labels = (await client.GetJsonAsync($"/api/v1/patrol-routes/{route}/labels"))
            .EnumerateArray()
            .ToDictionary(l => l.GetProperty("name").GetString()![..1]);
        return (route, labels);
    }

    private async Task<Guid> RoundAsync(HttpClient client, Guid route)
    {
        var rounds = await client.GetJsonAsync($"/api/v1/patrol-rounds?projectId={_project}&date={Day:yyyy-MM-dd}&pageSize=200");
        return rounds
            .GetProperty("items")
            .EnumerateArray()
            .Single(r => r.GetProperty("patrolRouteId").GetGuid() == route)
            .GetProperty("id")
            .GetGuid();
    }

    private static Task<HttpResponseMessage> ScanAsync(HttpClient guard, Guid round, JsonElement label, bool typed = false) =>
        guard.PostJsonAsync(
            $"/api/v1/patrol-rounds/{round}/scans",
            typed
                ? new
                {
                    code = label.GetProperty("code").GetString()!.ToLowerInvariant(),
                    latitude = (double?)null,
                    longitude = (double?)null,
                }
                : new
                {
                    payload = label.GetProperty("payload").GetString(),
                    latitude = (double?)29.1300,
                    longitude = (double?)118.4100,
                }
        );

    private Task<List<string>> AlertsAsync() =>
        _app.DbAsync(async db =>
            (
                await db.Set<OutboxMessage>()
                    .Where(m => m.Channel == NotificationChannel.InApp && m.Title.Contains("漏巡：测试夜巡"))
                    .Select(m => db.Users.Where(u => u.Id == m.RecipientUserId).Select(u => u.UserName!).First())
                    .ToListAsync()
            )
                .OrderBy(x => x)
                .ToList()
        );

    [Fact]
    public async Task A_night_patrol_with_one_point_missed_and_two_swapped_is_graded_alerted_once_and_excused()
    {
        var pm = await _app.As("pm");
        var (route, labels) = await RouteAsync(pm, _project, "测试夜巡");
        var guard = await _app.As("guard");
        var round = await RoundAsync(guard, route);

        // Before the window: refused.
        var early = await ScanAsync(guard, round, labels["A"]);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("patrol_scan.outside_round", (await early.JsonAsync()).GetProperty("code").GetString());

        At(22, 10);
        await ScanAsync(guard, round, labels["A"]).OkAsync();
        // A made-up payload and an altered one are field errors; a genuine label of another project is refused as such.
        var forged = await guard.PostJsonAsync($"/api/v1/patrol-rounds/{round}/scans", new { payload = "WYP1:not-a-label" });
        Assert.True((await forged.JsonAsync()).GetProperty("errors").TryGetProperty("payload", out _));
        var genuine = labels["B"].GetProperty("payload").GetString()!;
        var altered = await guard.PostJsonAsync($"/api/v1/patrol-rounds/{round}/scans", new { payload = genuine[..^3] + "AAA" });
        Assert.True((await altered.JsonAsync()).GetProperty("errors").TryGetProperty("payload", out _));
        var manager = await _app.As("manager");
        var (_, foreignLabels) = await RouteAsync(manager, _otherProject, "阳光水岸夜巡");
        var foreign = await ScanAsync(guard, round, foreignLabels["A"]);
        Assert.Equal(HttpStatusCode.Conflict, foreign.StatusCode);
        Assert.Equal("patrol_scan.other_project", (await foreign.JsonAsync()).GetProperty("code").GetString());
        var neither = await guard.PostJsonAsync($"/api/v1/patrol-rounds/{round}/scans", new { note = "忘了扫" });
        Assert.True((await neither.JsonAsync()).GetProperty("errors").TryGetProperty("code", out _));

        At(22, 24);
        await ScanAsync(guard, round, labels["C"], typed: true).OkAsync();
        At(22, 26);
        var open = await ScanAsync(guard, round, labels["B"]).OkAsync();
        Assert.Equal("inProgress", open.GetProperty("state").GetString());

        At(22, 52); // D was due at 22:40 ± 10 (the default tolerance)
        Assert.Equal("overdue", (await guard.GetJsonAsync($"/api/v1/patrol-rounds/{round}")).GetProperty("state").GetString());
        At(23, 0, 1);
        var late = await ScanAsync(guard, round, labels["D"]);
        Assert.Equal("patrol_scan.outside_round", (await late.JsonAsync()).GetProperty("code").GetString());

        var graded = await pm.GetJsonAsync($"/api/v1/patrol-rounds/{round}");
        Assert.Equal(
            ("missed", 3, 1, 1, "吴强"),
            (
                graded.GetProperty("state").GetString(),
                graded.GetProperty("done").GetInt32(),
                graded.GetProperty("missed").GetInt32(),
                graded.GetProperty("outOfOrder").GetInt32(),
                graded.GetProperty("walkerName").GetString()![^2..]
            )
        );
        Assert.Equal("fail", graded.GetProperty("grade").GetString());
        // C's code was typed with no position: unverified, −10.
        Assert.Equal(1, graded.GetProperty("unverified").GetInt32());
        Assert.True(
            graded
                .GetProperty("checkpoints")
                .EnumerateArray()
                .Single(p => p.GetProperty("unverified").GetBoolean())
                .GetProperty("name")
                .GetString()!
                .StartsWith('C')
        );

        // The job alerts the project manager and the monitoring center once.
        var job = _app.Services.GetRequiredService<PatrolRoundJob>();
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        Assert.Equal(["monitor", "pm"], await AlertsAsync());

        // The supervisor excuses D; a guard may not, and an open round's point cannot be.
        var d = graded.GetProperty("checkpoints").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "D 西门");
        var body = new { patrolCheckpointId = d.GetProperty("checkpointId").GetGuid(), reason = "西门施工封闭" };
        Assert.Equal(HttpStatusCode.Forbidden, (await guard.PostJsonAsync($"/api/v1/patrol-rounds/{round}/excuses", body)).StatusCode);
        var excused = await pm.PostJsonAsync($"/api/v1/patrol-rounds/{round}/excuses", body).OkAsync();
        Assert.Equal(
            ("completed", 0, 1),
            (excused.GetProperty("state").GetString(), excused.GetProperty("missed").GetInt32(), excused.GetProperty("excused").GetInt32())
        );
        var again = await pm.PostJsonAsync($"/api/v1/patrol-rounds/{round}/excuses", body);
        Assert.Equal("patrol_excuse.already", (await again.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Rounds_are_planned_once_per_start_time_and_bad_routes_are_answered_field_by_field()
    {
        var pm = await _app.As("pm");
        var bad = await pm.PostJsonAsync(
            "/api/v1/patrol-routes",
            new
            {
                projectId = _project,
                name = "",
                startTimes = new[] { "25:00" },
                durationMinutes = 60,
                checkpoints = new object[] { new { name = "", dueMinute = 5 } },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "name", "startTimes[0]", "checkpoints[0].name" })
            Assert.True(errors.TryGetProperty(field, out _), field);
        var outside = await pm.PostJsonAsync(
            "/api/v1/patrol-routes",
            new
            {
                projectId = _project,
                name = "超时路线",
                startTimes = new[] { "08:00" },
                durationMinutes = 30,
                checkpoints = new object[] { new { name = "甲", dueMinute = 45 } },
            }
        );
        Assert.True((await outside.JsonAsync()).GetProperty("errors").TryGetProperty("checkpoints[0].dueMinute", out _));
        // A project the manager does not manage is not his to add routes to.
        var foreign = await pm.PostJsonAsync("/api/v1/patrol-routes", Route(_otherProject, "越权路线"));
        Assert.NotEqual(HttpStatusCode.Created, foreign.StatusCode);

        var (route, _) = await RouteAsync(pm, _project, "计划路线");
        var job = _app.Services.GetRequiredService<PatrolRoundJob>();
        await job.RunOnceAsync();
        _clock.Advance(TimeSpan.FromDays(1));
        _app.ForgetTokens();
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        var starts = await _app.DbAsync(db =>
            db.Set<Wuye.Modules.Security.Domain.PatrolRound>().Where(r => r.PatrolRouteId == route).Select(r => r.StartsAt).ToListAsync()
        );
        // Today 22:00 (the route came at 21:00), tomorrow's and the day after's: each once.
        Assert.Equal(3, starts.Count);
        Assert.Equal(3, starts.Distinct().Count());
    }

    [Fact]
    public async Task A_hazard_found_at_a_point_becomes_a_public_area_request_with_the_scan_and_its_photo_and_bad_input_writes_nothing()
    {
        var pm = await _app.As("pm");
        var (route, labels) = await RouteAsync(pm, _project, "隐患巡查路线");
        var round = await RoundAsync(pm, route);
        At(22, 11);
        var guard = await _app.As("guard");
        var photo = await WorkOrderTestKit.UploadPhotoAsync(guard, _project);
        var foreignPhoto = await WorkOrderTestKit.UploadPhotoAsync(await _app.As("manager"), _otherProject);
        Task<int> Scans() => _app.DbAsync(db => db.Set<PatrolScan>().CountAsync(x => x.PatrolRoundId == round));
        Task<int> Requests() => _app.DbAsync(db => db.Set<ServiceRequest>().CountAsync(r => r.Description.Contains("单元门禁坏了")));
        object Scan(Guid? photoId, string? hazard, bool? urgent = null) =>
            new
            {
                payload = labels["A"].GetProperty("payload").GetString(),
                latitude = 29.1300,
                longitude = 118.4100,
                photoId,
                hazard,
                hazardUrgent = urgent,
            };

        // A photo of another project, and "urgent" with no hazard described: refused field by field, nothing written.
        var foreign = await guard.PostJsonAsync($"/api/v1/patrol-rounds/{round}/scans", Scan(foreignPhoto, "单元门禁坏了"));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.True((await foreign.JsonAsync()).GetProperty("errors").TryGetProperty("photoId", out _));
        var empty = await guard.PostJsonAsync($"/api/v1/patrol-rounds/{round}/scans", Scan(null, " ", true));
        Assert.True((await empty.JsonAsync()).GetProperty("errors").TryGetProperty("hazard", out _));
        Assert.Equal((0, 0), (await Scans(), await Requests()));

        // The scan with its photo and the hazard: one scan, one public-area request from the patrol, named on the round.
        var answered = await guard
            .PostJsonAsync($"/api/v1/patrol-rounds/{round}/scans", Scan(photo, "单元门禁坏了，门关不上", true))
            .OkAsync();
        var finding = Assert.Single(answered.GetProperty("findings").EnumerateArray());
        Assert.Equal("A 东门", finding.GetProperty("checkpoint").GetString());
        Assert.Equal($"/api/v1/files/{photo}", finding.GetProperty("photoUrl").GetString());
        var number = finding.GetProperty("hazardRequestNumber").GetString();
        var request = await _app.DbAsync(db =>
            db.Set<ServiceRequest>().SingleAsync(r => r.Id == finding.GetProperty("hazardRequestId").GetGuid())
        );
        Assert.Equal((number, _project, null), (request.Number, request.ProjectId, request.UnitId));
        Assert.Equal((RequestChannel.Patrol, Urgency.Urgent, "巡更点 A 东门"), (request.Channel, request.Urgency, request.Location));
        Assert.Contains("单元门禁坏了，门关不上", request.Description);
        Assert.Equal((1, 1), (await Scans(), await Requests()));
        // The guard's round page shows it.
        var page = await (await guard.GetAsync($"/security/patrol/{round}")).Content.ReadAsStringAsync();
        Assert.Contains(number!, page);
    }

    [Fact]
    public async Task Editing_a_routes_checkpoints_keeps_the_plan_of_rounds_already_started_and_bad_edits_are_answered_field_by_field()
    {
        var pm = await _app.As("pm");
        var (route, labels) = await RouteAsync(pm, _project, "编辑测试路线");
        var (otherRoute, _) = await RouteAsync(pm, _project, "编辑测试另一路线");
        var round = await RoundAsync(pm, route);
        var guard = await _app.As("guard");
        At(22, 10);
        await ScanAsync(guard, round, labels["A"]).OkAsync();
        At(22, 21);
        await ScanAsync(guard, round, labels["C"]).OkAsync();
        At(22, 35);
        static string Figures(JsonElement r) =>
            string.Join(
                ",",
                new[] { "state", "done", "overdue", "outOfOrder", "outOfRadius", "late", "early", "score" }.Select(f =>
                    r.GetProperty(f).ToString()
                )
            )
            + "|"
            + string.Join(
                ",",
                r.GetProperty("checkpoints").EnumerateArray().Select(p => $"{p.GetProperty("name")}:{p.GetProperty("state")}")
            );
        var before = Figures(await pm.GetJsonAsync($"/api/v1/patrol-rounds/{round}"));
        var points = (await pm.GetJsonAsync($"/api/v1/patrol-routes/{route}")).GetProperty("checkpoints").EnumerateArray().ToList();
        Guid Id(string letter) => points.Single(p => p.GetProperty("name").GetString()![..1] == letter).GetProperty("id").GetGuid();
        var url = $"/api/v1/patrol-routes/{route}/checkpoints";

        // Field by field: a point of another route, a due minute outside the round, due minutes going backwards; a scanned point stays.
        var foreignPoint = (await pm.GetJsonAsync($"/api/v1/patrol-routes/{otherRoute}"))
            .GetProperty("checkpoints")[0]
            .GetProperty("id")
            .GetGuid();
        var bad = await pm.PutJsonAsync(
            url,
            new
            {
                checkpoints = new object[]
                {
                    new
                    {
                        id = foreignPoint,
                        name = "X",
                        dueMinute = 5,
                    },
                },
            }
        );
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("checkpoints[0].id", out _));
        bad = await pm.PutJsonAsync(
            url,
            new
            {
                checkpoints = new object[]
                {
                    new
                    {
                        id = Id("A"),
                        name = "A 东门",
                        dueMinute = 90,
                    },
                },
            }
        );
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("checkpoints[0].dueMinute", out _));
        bad = await pm.PutJsonAsync(
            url,
            new
            {
                checkpoints = new object[]
                {
                    new
                    {
                        id = Id("A"),
                        name = "A 东门",
                        dueMinute = 30,
                    },
                    new
                    {
                        id = Id("C"),
                        name = "C 泵房",
                        dueMinute = 10,
                    },
                },
            }
        );
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("checkpoints[1].dueMinute", out _));
        Assert.True(
            (await (await pm.PutJsonAsync(url, new { checkpoints = Array.Empty<object>() })).JsonAsync())
                .GetProperty("errors")
                .TryGetProperty("checkpoints", out _)
        );
        var inUse = await pm.PutJsonAsync(
            url,
            new
            {
                checkpoints = new object[]
                {
                    new
                    {
                        id = Id("B"),
                        name = "B 地库",
                        dueMinute = 5,
                    },
                },
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        Assert.Equal("patrol_route.point_in_use", (await inUse.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await guard.PutJsonAsync(
                    url,
                    new
                    {
                        checkpoints = new object[]
                        {
                            new
                            {
                                id = Id("A"),
                                name = "A",
                                dueMinute = 5,
                            },
                        },
                    }
                )
            ).StatusCode
        );

        // The edit: D first at minute 5, C then A, B removed (never scanned), a new point E; A's radius and position changed.
        var edited = await pm.PutJsonAsync(
                url,
                new
                {
                    checkpoints = new object[]
                    {
                        new
                        {
                            id = Id("D"),
                            name = "D 西门",
                            dueMinute = 5,
                            latitude = 29.1327,
                            longitude = 118.4100,
                        },
                        new
                        {
                            id = Id("C"),
                            name = "C 泵房",
                            dueMinute = 15,
                            toleranceMinutes = 5,
                        },
                        new
                        {
                            id = Id("A"),
                            name = "A 东门",
                            dueMinute = 25,
                            latitude = 29.2000,
                            longitude = 118.5000,
                            radiusMeters = 5,
                        },
                        new
                        {
                            id = (Guid?)null,
                            name = "E 会所",
                            dueMinute = 50,
                        },
                    },
                }
            )
            .OkAsync();
        Assert.Equal(
            ["D 西门:5", "C 泵房:15", "A 东门:25", "E 会所:50"],
            edited.GetProperty("checkpoints").EnumerateArray().Select(c => $"{c.GetProperty("name")}:{c.GetProperty("dueMinute")}")
        );
        Assert.Equal(5, edited.GetProperty("checkpoints")[2].GetProperty("radiusMeters").GetInt32());
        // A keeps its id, so its printed label still scans.
        Assert.Equal(Id("A"), edited.GetProperty("checkpoints")[2].GetProperty("id").GetGuid());

        // The round walked before the edit is graded exactly as before: it had started, so its plan is frozen. Tomorrow's round, generated
        // but not started, follows the edited route: B, removed, is no certain miss on it (review finding: it was frozen too).
        Assert.Equal(before, Figures(await pm.GetJsonAsync($"/api/v1/patrol-rounds/{round}")));
        var now = _clock.GetUtcNow();
        Assert.Equal(
            0,
            await _app.DbAsync(db => db.Set<PatrolRound>().CountAsync(r => r.PatrolRouteId == route && r.StartsAt <= now && r.Plan == null))
        );
        var tomorrow = await _app.DbAsync(db =>
            db.Set<PatrolRound>()
                .Where(r => r.PatrolRouteId == route && r.StartsAt > now)
                .OrderBy(r => r.StartsAt)
                .Select(r => new { r.Id, r.Plan })
                .FirstAsync()
        );
        Assert.Null(tomorrow.Plan);
        Assert.Equal(
            ["D 西门", "C 泵房", "A 东门", "E 会所"],
            (await pm.GetJsonAsync($"/api/v1/patrol-rounds/{tomorrow.Id}"))
                .GetProperty("checkpoints")
                .EnumerateArray()
                .Select(c => c.GetProperty("name").GetString())
        );

        // Tomorrow's round is walked in full; a point F added while it is walked is no miss on it (its plan is frozen then), and the
        // supervisor's missed rounds (home count and page, from the frozen plan) list today's round, never tomorrow's.
        var newLabels = (await pm.GetJsonAsync($"/api/v1/patrol-routes/{route}/labels"))
            .EnumerateArray()
            .ToDictionary(l => l.GetProperty("name").GetString()![..1]);
        At(24 + 22, 1);
        _app.ForgetTokens();
        guard = await _app.As("guard");
        pm = await _app.As("pm");
        foreach (var (letter, minute) in new[] { ("D", 5), ("C", 15), ("A", 25), ("E", 50) })
        {
            At(24 + 22, minute);
            await ScanAsync(guard, tomorrow.Id, newLabels[letter], typed: true).OkAsync();
        }
        At(24 + 22, 55);
        var nowPoints = (await pm.GetJsonAsync($"/api/v1/patrol-routes/{route}")).GetProperty("checkpoints").EnumerateArray().ToList();
        await pm.PutJsonAsync(
                url,
                new
                {
                    checkpoints = nowPoints
                        .Select(p =>
                            (object)
                                new
                                {
                                    id = (Guid?)p.GetProperty("id").GetGuid(),
                                    name = p.GetProperty("name").GetString(),
                                    dueMinute = p.GetProperty("dueMinute").GetInt32(),
                                }
                        )
                        .Append(
                            new
                            {
                                id = (Guid?)null,
                                name = "F 车库",
                                dueMinute = 55,
                            }
                        )
                        .ToArray(),
                }
            )
            .OkAsync();
        At(24 + 23, 5);
        Assert.Equal("completed", (await pm.GetJsonAsync($"/api/v1/patrol-rounds/{tomorrow.Id}")).GetProperty("state").GetString());
        var missed = await pm.GetStringAsync("/security/patrol?view=missed");
        Assert.Contains($"data-round=\"{round}\"", missed);
        Assert.DoesNotContain($"data-round=\"{tomorrow.Id}\"", missed);
        var missedIds = await _app.DbAsync(db =>
            Wuye.Modules.Security.Features.SecurityHomeTasks.SecurityHomeTasks.MissedRecently(db, _clock.GetUtcNow())
                .Where(r => r.PatrolRouteId == route)
                .Select(r => r.Id)
                .ToListAsync()
        );
        Assert.Equal([round], missedIds);

        // A round generated after the edits follows the edited route.
        _clock.Advance(TimeSpan.FromDays(3));
        _app.ForgetTokens();
        await _app.Services.GetRequiredService<PatrolRoundJob>().RunOnceAsync();
        var fresh = await _app.DbAsync(db =>
            db.Set<PatrolRound>()
                .Where(r => r.PatrolRouteId == route && r.Plan == null)
                .OrderBy(r => r.StartsAt)
                .Select(r => r.Id)
                .FirstAsync()
        );
        var next = await (await _app.As("pm")).GetJsonAsync($"/api/v1/patrol-rounds/{fresh}");
        Assert.Equal(
            ["D 西门", "C 泵房", "A 东门", "E 会所", "F 车库"],
            next.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetProperty("name").GetString())
        );
    }
}
