using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.MasterData;

/// <summary>
/// A steward invites an owner of a unit in their zone, who signs up with the code; the invitation
/// waits on the steward's home to-do list until it is accepted, and an expired one asks to be sent again.
/// </summary>
public sealed class InvitationTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clocks.Now();
    private WuyeApp _app = null!;

    public async ValueTask InitializeAsync() => _app = new WuyeApp(cluster, await cluster.CloneAsync()) { Clock = _clock };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The count of a line of the steward's home to-do list.</summary>
    private async Task<int> HomeTaskAsync(HttpClient steward, string title)
    {
        var html = await steward.GetStringAsync(Roles.Find(Roles.Steward)!.Home);
        var m = Regex.Match(html, "<span>" + Regex.Escape(title) + "</span>\\s*<span[^>]*data-testid=\"task-count\">(\\d+)</span>");
        Assert.True(m.Success, $"no home task '{title}'");
        return int.Parse(m.Groups[1].Value);
    }

    private async Task<string> CodeSentToAsync(string mobile)
    {
        await _app.Services.GetRequiredService<OutboxDispatchJob>().RunOnceAsync();
        var body = await _app.DbAsync(db =>
            db.Set<DeliveredMessage>()
                .Where(m => m.Address == mobile)
                .OrderByDescending(m => m.DeliveredAt)
                .ThenByDescending(m => m.Id)
                .Select(m => m.Body)
                .FirstAsync()
        );
        return Regex.Match(body, @"邀请码 (\w+)").Groups[1].Value;
    }

    [Fact]
    public async Task A_steward_invites_an_owner_who_signs_up_and_the_invitation_waits_on_the_stewards_home_meanwhile()
    {
        var stewardId = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "steward").Select(u => u.Id).SingleAsync());
        var zone = await _app.DbAsync(db =>
            db.RoleAssignments.Where(r => r.UserId == stewardId && r.Role == Roles.Steward).Select(r => r.ZoneId!.Value).FirstAsync()
        );
        var unitId = await _app.DbAsync(db => db.Units().Where(u => u.ZoneId == zone).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync());
        var steward = await _app.As("steward");
        const string Waiting = "我发出的邀请待对方接受";
        const string Expired = "我发出的邀请已过期，需重新发送";
        Assert.Equal(0, await HomeTaskAsync(steward, Waiting));

        // A steward invites only owners.
        var technician = await steward.PostJsonAsync(
            "/api/v1/invitations",
            new
            {
                displayName = "冒充师傅",
                mobile = "13700006666",
                role = Roles.Technician,
                zoneId = zone,
            }
        );
        Assert.Equal(HttpStatusCode.Forbidden, technician.StatusCode);
        var invited = await steward
            .PostJsonAsync(
                "/api/v1/invitations",
                new
                {
                    displayName = "周业主",
                    mobile = "13700007777",
                    role = Roles.Owner,
                    unitId,
                }
            )
            .OkAsync();
        Assert.Equal(1, await HomeTaskAsync(steward, Waiting));

        // Unanswered for four days: the invitation expired and asks to be sent again; sent again, it waits once more.
        var firstCode = await CodeSentToAsync("13700007777");
        _clock.Advance(TimeSpan.FromDays(4));
        _app.ForgetTokens();
        steward = await _app.As("steward");
        Assert.Equal(0, await HomeTaskAsync(steward, Waiting));
        Assert.Equal(1, await HomeTaskAsync(steward, Expired));
        await steward.PostAsync($"/api/v1/invitations/{invited.GetProperty("id").GetGuid()}/resend", null).OkAsync();
        Assert.Equal(0, await HomeTaskAsync(steward, Expired));
        Assert.Equal(1, await HomeTaskAsync(steward, Waiting));

        // The owner signs up with the new code (the first no longer works) and sees their unit.
        var code = await CodeSentToAsync("13700007777");
        Assert.NotEqual(firstCode, code);
        var stale = await _app.CreateClient()
            .PostJsonAsync("/api/v1/invitations/accept", new { code = firstCode, password = "Garden-55gate" });
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        await _app.CreateClient().PostJsonAsync("/api/v1/invitations/accept", new { code, password = "Garden-55gate" }).OkAsync();
        var owner = await _app.As("13700007777", "Garden-55gate");
        var units = await owner.GetJsonAsync("/api/v1/units");
        Assert.Equal([unitId], units.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetGuid()));
        Assert.Equal(0, await HomeTaskAsync(steward, Waiting));
        Assert.Equal(0, await HomeTaskAsync(steward, Expired));

        // The same person takes a job with another company: the steward's list names only the role given here.
        var invitedId = invited.GetProperty("userId").GetGuid();
        await _app.DbAsync(async db =>
        {
            var elsewhere = await db.Units().Where(u => u.ZoneId != zone).Select(u => new { u.CompanyId, u.ProjectId }).ToListAsync();
            var mine = await db.Units().Where(u => u.Id == unitId).Select(u => u.CompanyId).FirstAsync();
            var other = elsewhere.First(u => u.CompanyId != mine);
            db.RoleAssignments.Add(
                new RoleAssignment
                {
                    UserId = invitedId,
                    Role = Roles.Technician,
                    CompanyId = other.CompanyId,
                    ProjectId = other.ProjectId,
                }
            );
            return await db.SaveChangesAsync();
        });
        var listed = (await steward.GetJsonAsync("/api/v1/invitations")).GetProperty("items").EnumerateArray();
        // Sent twice (the resend above): each line names the same one role.
        var lines = listed.Where(i => i.GetProperty("userId").GetGuid() == invitedId).ToList();
        Assert.Equal(2, lines.Count);
        foreach (var line in lines)
            Assert.Equal([Roles.Owner], line.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }
}
