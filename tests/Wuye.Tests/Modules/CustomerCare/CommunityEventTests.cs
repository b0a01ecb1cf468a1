using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.CustomerCare;

/// <summary>
/// Community events and clubs on one app, the clock at 10:00 China time today: the demo steward announces an event for their zone
/// aimed at one interest — only the resident with that interest and consent is invited; the owner signs up on a phone; the
/// steward finds 今日活动待签到 on the home page and checks the owner in at the door. Bad input through the API: bad fields, a
/// second sign-up, over capacity, a check-in twice or out of hours; the year's figures equal the checked-in people; a club is
/// joined once and left.
/// </summary>
[Collection(nameof(CustomerCareBrowserCollection))]
public sealed class CommunityEventTests(SharedBrowser shared) : IAsyncLifetime
{
    // Tomorrow in China, the app's "today": its 10:00 is always ahead of the real time, so the browser keeps the sign-in cookie
    // (12 h from the app's clock). Today's 10:00 expired it from 22:00 China time on, every day.
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(1);
    private static readonly DateTimeOffset Morning = Clocks.China(Today.Year, Today.Month, Today.Day, 10);
    private readonly BrowserApp _b = shared.Use(Clocks.At(Morning));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    private sealed record Place(
        Guid Project,
        Guid Zone,
        Guid OwnerUnit,
        Guid OwnerPerson,
        Guid OwnerUser,
        Guid CommitteeUnit,
        Guid CommitteePerson,
        Guid CommitteeUser,
        List<Guid> Others
    );

    private Task<Place> ZoneAsync() =>
        _b.App.DbAsync(async db =>
        {
            async Task<(Guid Unit, Guid Person, Guid User)> HomeOf(string userName)
            {
                var user = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstAsync();
                var person = await db.PersonRefs().Where(p => p.UserId == user).Select(p => p.Id).FirstAsync();
                return (await db.OccupantRefs().Where(o => o.PersonId == person).Select(o => o.UnitId).FirstAsync(), person, user);
            }
            var owner = await HomeOf("owner");
            var committee = await HomeOf("committee");
            var unit = await db.UnitRefs().Where(u => u.Id == owner.Unit).Select(u => new { u.ProjectId, u.ZoneId }).FirstAsync();
            var others = await db.UnitRefs()
                .Where(u => u.ZoneId == unit.ZoneId && u.Id != owner.Unit && u.Id != committee.Unit)
                .OrderBy(u => u.Id)
                .Select(u => u.Id)
                .Take(3)
                .ToListAsync();
            return new Place(
                unit.ProjectId,
                unit.ZoneId!.Value,
                owner.Unit,
                owner.Person,
                owner.User,
                committee.Unit,
                committee.Person,
                committee.User,
                others
            );
        });

    private static object Event(Place z, string title, string[] interests, int hour, int capacity) =>
        new
        {
            projectId = z.Project,
            title,
            theme = "十二月·温暖冬至",
            interests,
            startsAt = new DateTimeOffset(Today.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8)),
            place = "会所活动室",
            capacity,
        };

    private static JsonElement Errors(JsonElement problem) => problem.GetProperty("errors");

    [Fact]
    public async Task An_owner_invited_by_interest_signs_up_on_a_phone_and_the_steward_checks_them_in()
    {
        var app = _b.App;
        var z = await ZoneAsync();
        var steward = await app.As("steward");
        var stewardZones = await app.DbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.UserName == "steward").Select(u => u.Id).FirstAsync();
            return await db.ZoneRefs().Where(x => x.StewardUserId == user).Select(x => x.Id).ToListAsync();
        });
        Assert.Equal([z.Zone], stewardZones);
        // The owner likes 空竹; so does the committee chair next door, who refused care messages.
        await steward
            .PutJsonAsync($"/api/v1/owner-profiles/{z.OwnerUnit}/members/{z.OwnerPerson}", new { interests = new[] { "空竹" } })
            .OkAsync();
        await steward
            .PutJsonAsync(
                $"/api/v1/owner-profiles/{z.CommitteeUnit}/members/{z.CommitteePerson}",
                new { interests = new[] { "空竹" }, consent = false }
            )
            .OkAsync();

        var bad = await steward.PostJsonAsync("/api/v1/community-events", new { projectId = z.Project, capacity = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = Errors(await bad.JsonAsync());
        foreach (var field in new[] { "title", "place", "capacity", "startsAt" })
            Assert.True(errors.TryGetProperty(field, out _), field);
        var ends = await steward.PostJsonAsync(
            "/api/v1/community-events",
            new
            {
                projectId = z.Project,
                title = "结束早于开始",
                startsAt = DateTimeOffset.UtcNow.AddDays(3),
                endsAt = DateTimeOffset.UtcNow.AddDays(2),
                place = "x",
                capacity = 5,
            }
        );
        Assert.True(Errors(await ends.JsonAsync()).TryGetProperty("endsAt", out _));
        Assert.False(await app.DbAsync(db => db.Set<CommunityEvent>().AnyAsync(e => e.Title == "结束早于开始")));

        var created = await steward.PostJsonAsync("/api/v1/community-events", Event(z, "空竹体验课", ["空竹"], 11, 3));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ev = await created.JsonAsync();
        var id = ev.GetProperty("id").GetGuid();
        Assert.Equal(z.Zone, ev.GetProperty("zoneId").GetGuid());
        Assert.Equal(1, ev.GetProperty("invited").GetInt32());
        var invites = await app.DbAsync(db =>
            db.Set<OutboxMessage>().IgnoreQueryFilters().Where(m => m.DedupeKey!.StartsWith($"event:{id:N}")).ToListAsync()
        );
        Assert.All(invites, m => Assert.Equal(z.OwnerUser, m.RecipientUserId));
        Assert.Contains(invites, m => m.Channel == NotificationChannel.InApp && m.Link == "/portal/events" && m.Kind == "message");

        // On the phone: the owner signs up two people.
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "owner");
        await page.GotoAsync("/portal/events");
        var card = page.Locator($"[data-testid=event][data-id='{id}']");
        Assert.Contains("3", await card.Locator("[data-testid=places-left]").InnerTextAsync());
        await card.Locator("[data-testid=sign-up-open]").ClickAsync();
        await card.Locator("input[name=People]").FillAsync("2");
        await card.Locator("[data-testid=sign-up]").ClickAsync();
        await page.Locator("[data-testid=done]").WaitForAsync();
        Assert.Contains("2", await page.Locator($"[data-testid=event][data-id='{id}'] [data-testid=signed-up]").InnerTextAsync());
        await page.AssertFitsPhoneAsync();

        var owner = await app.As("owner");
        var twice = await owner.PostJsonAsync($"/api/v1/community-events/{id}/sign-ups", new { unitId = z.OwnerUnit, people = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.True(Errors(await twice.JsonAsync()).TryGetProperty("unitId", out _));
        var fields = await owner.PostJsonAsync($"/api/v1/community-events/{id}/sign-ups", new { people = 9 });
        var fieldErrors = Errors(await fields.JsonAsync());
        Assert.True(fieldErrors.TryGetProperty("unitId", out _) && fieldErrors.TryGetProperty("people", out _));
        var over = await steward.PostJsonAsync($"/api/v1/community-events/{id}/sign-ups", new { unitId = z.Others[0], people = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains("1", Errors(await over.JsonAsync()).GetProperty("people")[0].GetString());
        var last = await steward.PostJsonAsync($"/api/v1/community-events/{id}/sign-ups", new { unitId = z.Others[0], people = 1 });
        Assert.Equal(HttpStatusCode.Created, last.StatusCode);
        var full = await steward.PostJsonAsync($"/api/v1/community-events/{id}/sign-ups", new { unitId = z.Others[1], people = 1 });
        Assert.True(Errors(await full.JsonAsync()).TryGetProperty("people", out _));
        Assert.Equal(2, await app.DbAsync(db => db.Set<EventSignUp>().CountAsync(s => s.EventId == id)));
        var mine = await owner.GetJsonAsync($"/api/v1/community-events/{id}/sign-ups");
        Assert.Equal(1, mine.GetProperty("total").GetInt32());

        // The steward's home says who is to check in today; the check-in is at the door, on the phone.
        var desk = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(desk, "steward");
        await desk.GotoAsync(Roles.Find(Roles.Steward)!.Home);
        await desk.ClickAsync("[data-testid=task]:has-text('今日活动待签到')");
        await desk.WaitForURLAsync("**/care/events");
        var ownerSignUp = await app.DbAsync(db =>
            db.Set<EventSignUp>().Where(s => s.EventId == id && s.UnitId == z.OwnerUnit).Select(s => s.Id).SingleAsync()
        );
        var row = desk.Locator($"[data-testid=check-in-event][data-id='{id}'] [data-testid=sign-up][data-id='{ownerSignUp}']");
        await row.Locator("[data-testid=check-in]").ClickAsync();
        await desk.Locator("[data-testid=done]").WaitForAsync();
        Assert.Contains(
            "2",
            await desk.Locator($"[data-testid=sign-up][data-id='{ownerSignUp}'] [data-testid=checked-in]").InnerTextAsync()
        );
        await desk.AssertFitsPhoneAsync();
        var again = await steward.PostJsonAsync($"/api/v1/community-events/{id}/check-ins", new { signUpId = ownerSignUp });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var one = await steward.GetJsonAsync($"/api/v1/community-events/{id}");
        Assert.Equal(3, one.GetProperty("signedUp").GetInt32());
        Assert.Equal(2, one.GetProperty("attended").GetInt32());

        await desk.ClickAsync("[data-testid=culture-switch]");
        await desk.WaitForSelectorAsync("html[lang=en]");
        await desk.GotoAsync("/care/events");
        Assert.Contains("Community events", await desk.Locator("h1").InnerTextAsync());
        await desk.AssertFitsPhoneAsync();
    }

    [Fact]
    public async Task Check_in_keeps_its_hours_the_year_counts_checked_in_people_and_a_club_is_joined_once()
    {
        var app = _b.App;
        var z = await ZoneAsync();
        var steward = await app.As("steward");
        var evening = await steward.PostJsonAsync("/api/v1/community-events", Event(z, "晚间观影会", ["无人喜欢的兴趣"], 20, 30)).OkAsync();
        var id = evening.GetProperty("id").GetGuid();
        Assert.Equal(0, evening.GetProperty("invited").GetInt32());
        var signUp = await steward
            .PostJsonAsync($"/api/v1/community-events/{id}/sign-ups", new { unitId = z.Others[2], people = 1 })
            .OkAsync();
        var early = await steward.PostJsonAsync(
            $"/api/v1/community-events/{id}/check-ins",
            new { signUpId = signUp.GetProperty("id").GetGuid() }
        );
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("event.check_in_closed", (await early.JsonAsync()).GetProperty("code").GetString());

        var year = await (await app.As("service")).GetJsonAsync($"/api/v1/community-events/yearly?year={Today.Year}");
        var mine = year.EnumerateArray().Single(y => y.GetProperty("projectId").GetGuid() == z.Project);
        var (from, to) = (
            new DateTimeOffset(Today.Year, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime(),
            new DateTimeOffset(Today.Year + 1, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime()
        );
        var now = Morning.ToUniversalTime();
        var expected = await app.DbAsync(async db =>
        {
            var held = db.Set<CommunityEvent>()
                .Where(e => e.ProjectId == z.Project && e.Status == CommunityEventStatus.Open && e.StartsAt >= from && e.StartsAt < to)
                .Where(e => e.StartsAt <= now);
            return (
                Held: await held.CountAsync(),
                People: await db.Set<EventSignUp>().Where(s => held.Select(e => e.Id).Contains(s.EventId)).SumAsync(s => s.Attended ?? 0)
            );
        });
        Assert.Equal(expected.Held, mine.GetProperty("held").GetInt32());
        Assert.Equal(expected.People, mine.GetProperty("attendance").GetInt32());
        Assert.Equal(expected.Held >= 12, mine.GetProperty("meets002Count").GetBoolean());

        var owner = await app.As("owner");
        var clubs = await owner.GetJsonAsync("/api/v1/clubs");
        var club = clubs.EnumerateArray().First(c => !c.GetProperty("mine").GetBoolean());
        var clubId = club.GetProperty("id").GetGuid();
        var members = club.GetProperty("members").GetInt32();
        Assert.Equal(
            HttpStatusCode.Created,
            (await owner.PostJsonAsync($"/api/v1/clubs/{clubId}/members", new { unitId = z.OwnerUnit })).StatusCode
        );
        var twice = await owner.PostJsonAsync($"/api/v1/clubs/{clubId}/members", new { unitId = z.OwnerUnit });
        Assert.True(Errors(await twice.JsonAsync()).TryGetProperty("unitId", out _));
        var joined = (await owner.GetJsonAsync("/api/v1/clubs")).EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == clubId);
        Assert.True(joined.GetProperty("mine").GetBoolean());
        Assert.Equal(members + 1, joined.GetProperty("members").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/clubs/{clubId}/members/{z.OwnerUnit}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.DeleteAsync($"/api/v1/clubs/{clubId}/members/{z.OwnerUnit}")).StatusCode);
        var foreign = await owner.PostJsonAsync($"/api/v1/clubs/{clubId}/members", new { unitId = z.Others[0] });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
    }

    [Fact]
    public async Task The_steward_records_a_consenting_residents_talents_on_a_phone_and_finds_them_by_skill_beside_the_birthday_proposal()
    {
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "steward");
        await page.GotoAsync("/care/talents");
        await page.Locator("[data-testid=talent-form]").WaitForAsync();
        await page.AssertFitsPhoneAsync();
        var resident = await page.Locator("[data-testid=resident] option").First.GetAttributeAsync("value");
        var person = resident!.Split(':')[1];

        // Without consent nothing is recorded: the field says why.
        await page.SelectOptionAsync("[data-testid=resident]", resident);
        await page.FillAsync("[data-testid=skills]", "书法，二胡");
        await page.ClickAsync("[data-testid=save-talent]");
        await page.Locator("[data-testid=talent-form]").WaitForAsync();
        var refused = await page.Locator($"[data-testid=talent][data-person='{person}']").CountAsync();

        await page.SelectOptionAsync("[data-testid=resident]", resident);
        await page.FillAsync("[data-testid=skills]", "书法，二胡");
        await page.CheckAsync("[data-testid=consent]");
        await page.ClickAsync("[data-testid=save-talent]");
        Assert.Equal("已录入人才库", (await page.InnerTextAsync("[data-testid=done]")).Trim());
        await page.FillAsync("[data-testid=skill-search]", "二胡");
        await page.ClickAsync("[data-testid=search]");
        var found = page.Locator($"[data-testid=talent][data-person='{person}']");
        await found.WaitForAsync();
        Assert.Contains("二胡", await found.InnerTextAsync());
        Assert.Equal(0, refused);
        await page.AssertFitsPhoneAsync();

        // The events page proposes this month's birthday party for the steward's project.
        await page.GotoAsync("/care/events");
        await page.Locator("[data-testid=birthday-proposal]").WaitForAsync();
        await page.AssertFitsPhoneAsync();
    }
}
