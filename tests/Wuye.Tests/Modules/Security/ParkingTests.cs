using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Security.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;
using Wuye.Tests.Platform;

namespace Wuye.Tests.Modules.Security;

/// <summary>One app with a movable clock for the parking tests (the repeat-violator test moves it forward by months).</summary>
public sealed class ParkingApp(TestCluster cluster) : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = Clocks.Now();
    public WuyeApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync() => App = await WuyeApp.StartWithClockAsync(cluster, Clock);

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// Parking through the API (万科#7, #15; 000#32, #34), on the demo car park of 锦绣花园 (40 registered spaces: 24 fixed, 10 rented,
/// 6 temporary): the board by kind follows cars in and out; owners see the free temporary spaces; a violation is numbered, tells the
/// registered car's owner, prints as a two-part PDF notice and is closed with an outcome; a third violation of a plate within 90 days
/// (moved clock) makes a repeat violator, escalated to the project manager once by the job. Bad input answered field by field.
/// </summary>
public sealed class ParkingTests(ParkingApp fixture) : IClassFixture<ParkingApp>, IAsyncLifetime
{
    private readonly WuyeApp _app = fixture.App;
    private Guid _project;

    public async ValueTask InitializeAsync()
    {
        _app.ForgetTokens();
        _project = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
    }

    public ValueTask DisposeAsync()
    {
        _app.ForgetTokens();
        return ValueTask.CompletedTask;
    }

    private static async Task<HashSet<string>> ErrorsAsync(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        return [.. (await res.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name)];
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        return (await res.JsonAsync()).GetProperty("code").GetString();
    }

    private async Task<JsonElement> CarParkAsync(HttpClient client) =>
        (await client.GetJsonAsync($"/api/v1/car-parks?projectId={_project}"))
            .EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "地下车库");

    private static JsonElement Kind(JsonElement park, string kind) =>
        park.GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == kind);

    [Fact]
    public async Task The_board_counts_spaces_by_kind_follows_cars_in_and_out_and_owners_see_the_free_temporary_spaces()
    {
        var pm = await _app.As("pm");
        var guard = await _app.As("guard");
        var park = await CarParkAsync(pm);
        Assert.Equal(
            (40, 24, 10, 6),
            (
                park.GetProperty("total").GetInt32(),
                Kind(park, "fixed").GetProperty("total").GetInt32(),
                Kind(park, "rented").GetProperty("total").GetInt32(),
                Kind(park, "visitor").GetProperty("total").GetInt32()
            )
        );
        var freeBefore = Kind(park, "visitor").GetProperty("free").GetInt32();

        // Setting up a car park: field by field, then the rules.
        Assert.Equal(["name", "projectId"], (await ErrorsAsync(await pm.PostJsonAsync("/api/v1/car-parks", new { rules = "x" }))).Order());
        var foreign = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "阳光水岸").Select(p => p.Id).FirstAsync());
        Assert.Contains(
            "projectId",
            await ErrorsAsync(await pm.PostJsonAsync("/api/v1/car-parks", new { projectId = foreign, name = "x" }))
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await guard.PostJsonAsync("/api/v1/car-parks", new { projectId = _project, name = "地面车场" })).StatusCode
        );
        Assert.Equal(
            "car_park.duplicate_name",
            await CodeAsync(await pm.PostJsonAsync("/api/v1/car-parks", new { projectId = _project, name = "地下车库" }))
        );
        Assert.Equal(
            "car_park.no_spaces",
            await CodeAsync(
                await pm.PostJsonAsync(
                    "/api/v1/car-parks",
                    new
                    {
                        projectId = _project,
                        name = "地下二层",
                        location = "地下二层",
                    }
                )
            )
        );

        // A visitor's car enters a free temporary space and leaves it.
        var id = park.GetProperty("id").GetGuid();
        var board = await guard.GetJsonAsync($"/api/v1/car-parks/{id}");
        var space = board
            .GetProperty("spaces")
            .EnumerateArray()
            .First(s => s.GetProperty("kind").GetString() == "visitor" && !s.GetProperty("taken").GetBoolean());
        var spaceId = space.GetProperty("id").GetGuid();
        var entries = $"/api/v1/car-parks/{id}/entries";
        Assert.Equal(["carParkSpaceId", "plate"], (await ErrorsAsync(await guard.PostJsonAsync(entries, new { plate = "ABC" }))).Order());
        Assert.Contains("carParkSpaceId", await ErrorsAsync(await guard.PostJsonAsync(entries, new { carParkSpaceId = Guid.NewGuid() })));
        var entered = await guard.PostJsonAsync(entries, new { carParkSpaceId = spaceId, plate = "浙a 12345" }).OkAsync();
        Assert.Equal(("浙A12345", true), (entered.GetProperty("plate").GetString(), entered.GetProperty("taken").GetBoolean()));
        Assert.Equal("car_park_space.taken", await CodeAsync(await guard.PostJsonAsync(entries, new { carParkSpaceId = spaceId })));
        Assert.Equal(freeBefore - 1, Kind(await CarParkAsync(guard), "visitor").GetProperty("free").GetInt32());

        // Owners see the free temporary spaces of their home's car park, never the API's board.
        var owner = await _app.As("owner");
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync($"/api/v1/car-parks?projectId={_project}")).StatusCode);
        var portal = await owner.GetStringAsync("/portal/parking");
        Assert.Contains($"data-car-park=\"地下车库\" data-free=\"{freeBefore - 1}\"", portal);
        Assert.DoesNotContain($"data-free-space=\"{space.GetProperty("code").GetString()}\"", portal);

        var exits = $"/api/v1/car-parks/{id}/exits";
        await guard.PostJsonAsync(exits, new { carParkSpaceId = spaceId }).OkAsync();
        Assert.Equal("car_park_space.free", await CodeAsync(await guard.PostJsonAsync(exits, new { carParkSpaceId = spaceId })));
        Assert.Equal(freeBefore, Kind(await CarParkAsync(guard), "visitor").GetProperty("free").GetInt32());
        Assert.Contains(
            $"data-free-space=\"{space.GetProperty("code").GetString()}\"",
            await (await _app.As("owner")).GetStringAsync("/portal/parking")
        );
        // Each move is in the space's history.
        var history = await pm.GetJsonAsync($"/api/v1/change-logs?entityId={spaceId}");
        Assert.True(history.GetProperty("total").GetInt32() >= 2, history.GetRawText());
    }

    [Fact]
    public async Task A_violation_is_numbered_tells_the_registered_owner_prints_a_two_part_notice_and_is_closed_with_an_outcome()
    {
        var pm = await _app.As("pm");
        var guard = await _app.As("guard");
        var owner = await _app.As("owner");
        var unit = (await owner.GetJsonAsync("/api/v1/units?pageSize=5")).GetProperty("items")[0].GetProperty("id").GetGuid();
        await pm.PostJsonAsync(
                "/api/v1/vehicles",
                new
                {
                    unitId = unit,
                    plate = "浙HT7701",
                    model = "比亚迪秦",
                }
            )
            .OkAsync();

        var url = "/api/v1/parking-violations";
        Assert.Equal(
            ["kind", "place", "plate", "projectId"],
            (await ErrorsAsync(await guard.PostJsonAsync(url, new { note = "x" }))).Order()
        );
        Assert.Contains(
            "plate",
            await ErrorsAsync(
                await guard.PostJsonAsync(
                    url,
                    new
                    {
                        projectId = _project,
                        plate = "12345",
                        place = "x",
                        kind = "fireLane",
                    }
                )
            )
        );
        var body = new
        {
            projectId = _project,
            plate = "浙HT7701",
            place = "3 幢北侧消防通道",
            kind = "fireLane",
            photoIds = new[] { Guid.NewGuid() },
        };
        Assert.Contains("photoIds", await ErrorsAsync(await guard.PostJsonAsync(url, body)));
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostJsonAsync(url, body)).StatusCode);

        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(FileTests.Png);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(part, "file", "违停.png");
        var photo = (await (await guard.PostAsync($"/api/v1/files?projectId={_project}", form)).JsonAsync()).GetProperty("id").GetGuid();
        var v = await guard.PostJsonAsync(url, body with { photoIds = new[] { photo } }).OkAsync();
        var id = v.GetProperty("id").GetGuid();
        var number = v.GetProperty("number").GetString()!;
        Assert.StartsWith("WZ", number);
        Assert.Equal(
            (true, true, 1, false, "open"),
            (
                v.GetProperty("registeredVehicle").GetBoolean(),
                v.GetProperty("ownerNotified").GetBoolean(),
                v.GetProperty("countInWindow").GetInt32(),
                v.GetProperty("repeat").GetBoolean(),
                v.GetProperty("state").GetString()
            )
        );
        var ownerId = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).FirstAsync());
        Assert.Equal(
            1,
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .CountAsync(m =>
                        m.RecipientUserId == ownerId && m.Channel == NotificationChannel.InApp && m.Title == "车辆违章停车提醒：浙HT7701"
                    )
            )
        );
        Assert.Contains(number, await owner.GetStringAsync("/portal/parking"));

        var pdf = await guard.GetAsync($"{url}/{id}/notice");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync(), 0, 5));

        Assert.Contains("note", await ErrorsAsync(await guard.PostJsonAsync($"{url}/{id}/close", new { outcome = "other" })));
        Assert.Contains("outcome", await ErrorsAsync(await guard.PostJsonAsync($"{url}/{id}/close", new { note = "x" })));
        var closed = await pm.PostJsonAsync($"{url}/{id}/close", new { outcome = "moved" }).OkAsync();
        Assert.Equal(("closed", "moved"), (closed.GetProperty("state").GetString(), closed.GetProperty("outcome").GetString()));
        Assert.Equal(
            "parking_violation.closed",
            await CodeAsync(await guard.PostJsonAsync($"{url}/{id}/close", new { outcome = "warned" }))
        );
        var history = await pm.GetJsonAsync($"/api/v1/change-logs?entityId={id}");
        Assert.True(history.GetProperty("total").GetInt32() >= 2, history.GetRawText());
        var listed = await pm.GetJsonAsync($"{url}?projectId={_project}&plate=ht7701");
        Assert.Equal(number, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("number").GetString());
        Assert.Contains("state", await ErrorsAsync(await pm.GetAsync($"{url}?state=lost")));
    }

    [Fact]
    public async Task A_third_violation_within_90_days_makes_a_repeat_violator_escalated_once_by_the_job()
    {
        const string Plate = "浙HR9901";
        var job = _app.Services.GetRequiredService<ParkingViolationJob>();
        async Task<JsonElement> RecordAsync()
        {
            _app.ForgetTokens();
            var guard = await _app.As("guard");
            return await guard
                .PostJsonAsync(
                    "/api/v1/parking-violations",
                    new
                    {
                        projectId = _project,
                        plate = Plate,
                        place = "南门车行道出口",
                        kind = "blocking",
                    }
                )
                .OkAsync();
        }
        Task<int> AlertsAsync() =>
            _app.DbAsync(db =>
                db.Set<OutboxMessage>().CountAsync(m => m.Channel == NotificationChannel.InApp && m.Title == $"违停累犯：{Plate}")
            );

        Assert.False((await RecordAsync()).GetProperty("registeredVehicle").GetBoolean());
        fixture.Clock.Advance(TimeSpan.FromDays(50));
        Assert.Equal(2, (await RecordAsync()).GetProperty("countInWindow").GetInt32());
        // 95 days after the first, it has left the window: two in 90 days, no repeat violator yet.
        fixture.Clock.Advance(TimeSpan.FromDays(45));
        var third = await RecordAsync();
        Assert.Equal((2, false), (third.GetProperty("countInWindow").GetInt32(), third.GetProperty("repeat").GetBoolean()));
        await job.RunOnceAsync();
        Assert.Equal(0, await AlertsAsync());

        fixture.Clock.Advance(TimeSpan.FromDays(10));
        var fourth = await RecordAsync();
        Assert.Equal((3, true), (fourth.GetProperty("countInWindow").GetInt32(), fourth.GetProperty("repeat").GetBoolean()));
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        Assert.Equal(1, await AlertsAsync());
        var pm = await _app.As("pm");
        var repeater = (await pm.GetJsonAsync($"/api/v1/parking-violations/repeaters?projectId={_project}"))
            .EnumerateArray()
            .Single(r => r.GetProperty("plate").GetString() == Plate);
        Assert.Equal((3, true), (repeater.GetProperty("count").GetInt32(), repeater.GetProperty("escalated").GetBoolean()));
        var escalated = await pm.GetJsonAsync($"/api/v1/parking-violations?projectId={_project}&state=escalated&plate={Plate}");
        Assert.Equal(
            fourth.GetProperty("id").GetGuid(),
            Assert.Single(escalated.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid()
        );
    }

    [Fact]
    public async Task A_repeat_violator_is_taken_through_notice_SMS_and_pass_suspension_in_order_and_owner_messages_wait_out_quiet_hours()
    {
        const string Plate = "浙HS5501";
        // 23:00 China time: quiet hours (signed in after the move: tokens expire).
        var eleven = ChinaTime.StartOf(ChinaTime.Today(fixture.Clock)).AddHours(23);
        fixture.Clock.Advance((eleven > fixture.Clock.GetUtcNow() ? eleven : eleven.AddDays(1)) - fixture.Clock.GetUtcNow());
        _app.ForgetTokens();
        var pm = await _app.As("pm");
        var owner = await _app.As("owner");
        var unit = (await owner.GetJsonAsync("/api/v1/units?pageSize=5")).GetProperty("items")[0].GetProperty("id").GetGuid();
        await pm.PostJsonAsync("/api/v1/vehicles", new { unitId = unit, plate = Plate }).OkAsync();
        var ownerId = await _app.DbAsync(async db =>
        {
            // A mobile number on the owner's account, so the SMS step has somewhere to go.
            var user = await db.Users.SingleAsync(u => u.UserName == "owner");
            user.PhoneNumber ??= "13800138001";
            await db.SaveChangesAsync();
            return user.Id;
        });

        var steps = "/api/v1/parking-violations/steps";
        Assert.Equal(["plate", "projectId", "step"], (await ErrorsAsync(await pm.PostJsonAsync(steps, new { note = "x" }))).Order());
        async Task<JsonElement> RecordAsync()
        {
            _app.ForgetTokens();
            return await (await _app.As("guard"))
                .PostJsonAsync(
                    "/api/v1/parking-violations",
                    new
                    {
                        projectId = _project,
                        plate = Plate,
                        place = "2 幢西侧消防通道",
                        kind = "fireLane",
                    }
                )
                .OkAsync();
        }
        await RecordAsync();
        pm = await _app.As("pm");
        Assert.Equal(
            "parking_step.not_repeater",
            await CodeAsync(
                await pm.PostJsonAsync(
                    steps,
                    new
                    {
                        projectId = _project,
                        plate = Plate,
                        step = "notice",
                    }
                )
            )
        );
        await RecordAsync();
        Assert.True((await RecordAsync()).GetProperty("repeat").GetBoolean());

        // The owner's messages are templated: in the app at once, the SMS held until 08:00 (review finding: they ignored quiet hours).
        var dispatch = _app.Services.GetRequiredService<OutboxDispatchJob>();
        Task<List<OutboxMessage>> ToOwnerAsync(string title) =>
            _app.DbAsync(db =>
                db.Set<OutboxMessage>().AsNoTracking().Where(m => m.RecipientUserId == ownerId && m.Title == title).ToListAsync()
            );
        for (
            var i = 0;
            i < 30 && (await ToOwnerAsync($"车辆违章停车提醒：{Plate}")).Any(m => m.Status == OutboxStatus.Pending && m.HeldUntil == null);
            i++
        )
            await dispatch.RunOnceAsync();
        var told = await ToOwnerAsync($"车辆违章停车提醒：{Plate}");
        Assert.Equal(3, told.Count(m => m.Channel == NotificationChannel.Sms));
        Assert.All(told, m => Assert.Equal("message", m.Kind));
        Assert.All(told.Where(m => m.Channel == NotificationChannel.Sms), m => Assert.Equal(OutboxStatus.Pending, m.Status));
        var morning = fixture.Clock.GetUtcNow().AddHours(9);
        Assert.All(told.Where(m => m.Channel == NotificationChannel.Sms), m => Assert.Equal(morning, m.HeldUntil));
        Assert.All(told.Where(m => m.Channel == NotificationChannel.InApp), m => Assert.Equal(OutboxStatus.Sent, m.Status));

        // Steps go in order, by the supervisor only.
        var body = new
        {
            projectId = _project,
            plate = Plate,
            step = "sms",
        };
        Assert.Equal("parking_step.out_of_order", await CodeAsync(await pm.PostJsonAsync(steps, body)));
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await (await _app.As("guard")).PostJsonAsync(steps, body with { step = "notice" })).StatusCode
        );
        var notice = await pm.PostJsonAsync(
                steps,
                new
                {
                    projectId = _project,
                    plate = Plate,
                    step = "notice",
                    note = "先书面告知",
                }
            )
            .OkAsync();
        Assert.Equal(
            ("notice", 3, 1),
            (
                notice.GetProperty("step").GetString(),
                notice.GetProperty("violationCount").GetInt32(),
                notice.GetProperty("ownersTold").GetInt32()
            )
        );
        Assert.False(string.IsNullOrEmpty(notice.GetProperty("takenByName").GetString()));
        var noticed = await ToOwnerAsync($"违停书面告知：{Plate}");
        Assert.Contains(noticed, m => m.Channel == NotificationChannel.InApp);
        Assert.DoesNotContain(noticed, m => m.Channel == NotificationChannel.Sms);
        var sms = await pm.PostJsonAsync(steps, body).OkAsync();
        Assert.Equal("sms", sms.GetProperty("step").GetString());
        Assert.Contains(await ToOwnerAsync($"违停提醒：{Plate}"), m => m.Channel == NotificationChannel.Sms);

        // The pass suspension stops the car at the board and shows to the owner; no further step until it is lifted.
        var suspension = await pm.PostJsonAsync(steps, body with { step = "passSuspension" }).OkAsync();
        Assert.True(suspension.GetProperty("suspends").GetBoolean());
        var repeater = (await pm.GetJsonAsync($"/api/v1/parking-violations/repeaters?projectId={_project}"))
            .EnumerateArray()
            .Single(r => r.GetProperty("plate").GetString() == Plate);
        Assert.Equal(
            ("passSuspension", true),
            (repeater.GetProperty("step").GetString(), repeater.GetProperty("passSuspended").GetBoolean())
        );
        var pass = await pm.GetJsonAsync($"/api/v1/parking-passes?projectId={_project}&plate={Uri.EscapeDataString(Plate)}");
        Assert.Equal((true, true), (pass.GetProperty("registered").GetBoolean(), pass.GetProperty("suspended").GetBoolean()));
        Assert.Contains("plate", await ErrorsAsync(await pm.GetAsync($"/api/v1/parking-passes?projectId={_project}&plate=x")));
        var park = await CarParkAsync(pm);
        var free = (await pm.GetJsonAsync($"/api/v1/car-parks/{park.GetProperty("id").GetGuid()}"))
            .GetProperty("spaces")
            .EnumerateArray()
            .First(x => !x.GetProperty("taken").GetBoolean())
            .GetProperty("id")
            .GetGuid();
        var entries = $"/api/v1/car-parks/{park.GetProperty("id").GetGuid()}/entries";
        Assert.Equal(
            "parking_pass.suspended",
            await CodeAsync(await pm.PostJsonAsync(entries, new { carParkSpaceId = free, plate = Plate }))
        );
        Assert.Contains(
            $"data-testid=\"my-pass-suspended\" data-plate=\"{Plate}\"",
            await (await _app.As("owner")).GetStringAsync("/portal/parking")
        );
        Assert.Equal("parking_step.suspended", await CodeAsync(await pm.PostJsonAsync(steps, body with { step = "passSuspension" })));
        var stepId = suspension.GetProperty("id").GetGuid();
        Assert.Equal(
            "parking_step.not_suspension",
            await CodeAsync(await pm.PostAsync($"{steps}/{notice.GetProperty("id").GetGuid()}/lift", null))
        );
        var lifted = await pm.PostAsync($"{steps}/{stepId}/lift", null).OkAsync();
        Assert.False(lifted.GetProperty("suspends").GetBoolean());
        Assert.Equal("parking_step.lifted", await CodeAsync(await pm.PostAsync($"{steps}/{stepId}/lift", null)));
        Assert.False(
            (await pm.GetJsonAsync($"/api/v1/parking-passes?projectId={_project}&plate={Uri.EscapeDataString(Plate)}"))
                .GetProperty("suspended")
                .GetBoolean()
        );
        await pm.PostJsonAsync(entries, new { carParkSpaceId = free, plate = Plate }).OkAsync();
        await pm.PostJsonAsync($"/api/v1/car-parks/{park.GetProperty("id").GetGuid()}/exits", new { carParkSpaceId = free }).OkAsync();

        // Each step is a record: who took it and when, in the history too.
        var list = await pm.GetJsonAsync($"{steps}?projectId={_project}&plate={Uri.EscapeDataString(Plate)}");
        Assert.Equal(["passSuspension", "sms", "notice"], list.EnumerateArray().Select(x => x.GetProperty("step").GetString()));
        Assert.True((await pm.GetJsonAsync($"/api/v1/change-logs?entityId={stepId}")).GetProperty("total").GetInt32() >= 2);
    }
}
