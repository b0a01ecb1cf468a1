using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Security;

/// <summary>
/// Repeat violators seen from the owner's side and taken by supervisors (review findings of session 17): a suspension follows the car
/// of the household living at the home now, never a home's previous occupant; an escalation step is taken once however many
/// supervisors press at the same moment; a violation's photos are the guard's own uploads for its project.
/// </summary>
public sealed class ParkingOwnerTests(ParkingApp fixture) : IClassFixture<ParkingApp>, IAsyncLifetime
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

    private async Task<JsonElement> RecordAsync(string plate)
    {
        _app.ForgetTokens();
        return await (await _app.As("guard"))
            .PostJsonAsync(
                "/api/v1/parking-violations",
                new
                {
                    projectId = _project,
                    plate,
                    place = "3 幢北侧消防通道",
                    kind = "fireLane",
                }
            )
            .OkAsync();
    }

    /// <summary>A home of the project nobody lives in and no car is registered at (each test takes its own).</summary>
    private Task<Guid> EmptyHomeAsync(int skip) =>
        _app.DbAsync(db =>
            db.Units()
                .Where(u => u.ProjectId == _project && u.ArchivedAt == null && !db.UnitOccupants().Any(o => o.UnitId == u.Id))
                .Where(u => !db.Set<Wuye.Modules.MasterData.Domain.Vehicle>().Any(v => v.UnitId == u.Id))
                .OrderBy(u => u.Id)
                .Select(u => u.Id)
                .Skip(skip)
                .FirstAsync()
        );

    /// <summary>A person with an account of their own, linked to <paramref name="unit"/> as its owner from
    /// <paramref name="since"/>.</summary>
    private async Task<(Guid Person, Guid Link)> OwnerAsync(string userName, string name, string phone, Guid unit, DateOnly since)
    {
        var pm = await _app.As("pm");
        var company = await _app.DbAsync(db => db.Projects().Where(p => p.Id == _project).Select(p => p.CompanyId).FirstAsync());
        var user = await _app.CreateUserAsync(userName, company);
        await _app.DbAsync(async db =>
        {
            // A mobile number on the account, so the SMS step has somewhere to go.
            (await db.Users.SingleAsync(u => u.Id == user)).PhoneNumber = phone;
            return await db.SaveChangesAsync();
        });
        var person = (
            await pm.PostJsonAsync(
                    "/api/v1/people",
                    new
                    {
                        projectId = _project,
                        name,
                        phone,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        await _app.DbAsync(async db =>
        {
            var p = await db.People().SingleAsync(x => x.Id == person);
            p.UserId = user;
            return await db.SaveChangesAsync();
        });
        var link = (
            await pm.PostJsonAsync(
                    $"/api/v1/people/{person}/units",
                    new
                    {
                        unitId = unit,
                        relation = "owner",
                        since,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        return (person, link);
    }

    [Fact]
    public async Task A_new_owner_does_not_see_the_previous_occupants_violations_nor_pass_suspension()
    {
        const string Plate = "浙HQ3301";
        var today = ChinaTime.Today(fixture.Clock);
        var home = await EmptyHomeAsync(0);
        var (oldPerson, oldLink) = await OwnerAsync("parking-old-owner", "钱旧业主", "13911113301", home, today.AddDays(-30));
        var pm = await _app.As("pm");
        await pm.PostJsonAsync("/api/v1/vehicles", new { unitId = home, plate = Plate }).OkAsync();
        var number = (await RecordAsync(Plate)).GetProperty("number").GetString()!;
        await RecordAsync(Plate);
        await RecordAsync(Plate);
        var steps = "/api/v1/parking-violations/steps";
        pm = await _app.As("pm");
        foreach (var step in new[] { "notice", "sms", "passSuspension" })
            await pm.PostJsonAsync(
                    steps,
                    new
                    {
                        projectId = _project,
                        plate = Plate,
                        step,
                    }
                )
                .OkAsync();
        var suspended = $"data-testid=\"my-pass-suspended\" data-plate=\"{Plate}\"";
        var oldPage = await (await _app.As("parking-old-owner", TestUsers.Password)).GetStringAsync("/portal/parking");
        Assert.Contains(suspended, oldPage);
        Assert.Contains(number, oldPage);

        // The home changes hands: the old owner's link ends yesterday, the new owner's starts today. The car stays registered there
        // to the old owner (nobody archived it).
        await pm.PostJsonAsync($"/api/v1/people/{oldPerson}/units/{oldLink}/end", new { until = today.AddDays(-1) }).OkAsync();
        await OwnerAsync("parking-new-owner", "孙新业主", "13911113302", home, today);
        _app.ForgetTokens();
        var newPage = await (await _app.As("parking-new-owner", TestUsers.Password)).GetStringAsync("/portal/parking");
        Assert.DoesNotContain(suspended, newPage);
        Assert.DoesNotContain(number, newPage);

        // The old owner's record is unchanged: the suspension is in force, for the supervisor and at the gate.
        Assert.Equal(1, await _app.DbAsync(db => db.Set<ViolationStep>().Where(ViolationStep.InForce).CountAsync(s => s.Plate == Plate)));
        var pass = await pm.GetJsonAsync($"/api/v1/parking-passes?projectId={_project}&plate={Uri.EscapeDataString(Plate)}");
        Assert.True(pass.GetProperty("suspended").GetBoolean());

        // A car the new owner registers is theirs: its violations show on their page.
        const string Theirs = "浙HQ3302";
        await pm.PostJsonAsync("/api/v1/vehicles", new { unitId = home, plate = Theirs }).OkAsync();
        var theirNumber = (await RecordAsync(Theirs)).GetProperty("number").GetString()!;
        _app.ForgetTokens();
        Assert.Contains(theirNumber, await (await _app.As("parking-new-owner", TestUsers.Password)).GetStringAsync("/portal/parking"));
    }

    [Fact]
    public async Task Two_supervisors_pressing_the_same_step_at_once_take_it_once()
    {
        const string Plate = "浙HQ3311";
        await RecordAsync(Plate);
        await RecordAsync(Plate);
        await RecordAsync(Plate);
        var body = new
        {
            projectId = _project,
            plate = Plate,
            step = "notice",
        };
        var token = await _app.TokenAsync("pm");
        var clients = Enumerable
            .Range(0, 4)
            .Select(_ =>
            {
                var c = _app.CreateClient();
                c.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                return c;
            })
            .ToList();
        var answers = await Task.WhenAll(clients.Select(c => c.PostJsonAsync("/api/v1/parking-violations/steps", body)));
        Assert.Single(answers, a => a.IsSuccessStatusCode);
        foreach (var refused in answers.Where(a => !a.IsSuccessStatusCode))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("parking_step.out_of_order", (await refused.JsonAsync()).GetProperty("code").GetString());
        }
        Assert.Equal(1, await _app.DbAsync(db => db.Set<ViolationStep>().CountAsync(s => s.Plate == Plate && s.ProjectId == _project)));
    }

    [Fact]
    public async Task A_violation_takes_only_the_guards_own_photos_of_its_project()
    {
        async Task<Guid> UploadAsync(HttpClient client, Guid project)
        {
            var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(Wuye.Tests.Platform.FileTests.Png);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            form.Add(part, "file", "违停.png");
            return (await client.PostAsync($"/api/v1/files?projectId={project}", form).OkAsync()).GetProperty("id").GetGuid();
        }
        var guard = await _app.As("guard");
        var pm = await _app.As("pm");
        var others = await UploadAsync(pm, _project);
        var own = await UploadAsync(guard, _project);
        object Body(params Guid[] photoIds) =>
            new
            {
                projectId = _project,
                plate = "浙HQ3321",
                place = "5 幢门口",
                kind = "blocking",
                photoIds,
            };
        var refused = await guard.PostJsonAsync("/api/v1/parking-violations", Body(own, others));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["photoIds"], (await refused.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.False(await _app.DbAsync(db => db.Set<ParkingViolation>().AnyAsync(v => v.Plate == "浙HQ3321")));

        var recorded = await guard.PostJsonAsync("/api/v1/parking-violations", Body(own)).OkAsync();
        Assert.Equal([own], recorded.GetProperty("photoIds").EnumerateArray().Select(p => p.GetGuid()));
    }
}
