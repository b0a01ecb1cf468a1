using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Notifications;
using Wuye.Platform.Tenancy;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Gate;

/// <summary>
/// Visitors through the API with a moved clock: an owner's pass scanned in and out twice, a third entry refused, an altered pass, a
/// pass of another project and a pass past its window refused; a walk-in waiting for the owner, let in on the portal, admitted by
/// code; a visitor left inside listed the next day.
/// </summary>
[Collection(nameof(GateApiCollection))]
public sealed class VisitorPassTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTime Day = DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1);
    private readonly FakeTimeProvider _clock = Clocks.At(new DateTimeOffset(Day.AddHours(9), China));
    private readonly WuyeApp _app;

    public VisitorPassTests(SharedApp shared) => _app = shared.Use(_clock);

    private void At(int hour, int minute = 0) =>
        _clock.SetUtcNow(new DateTimeOffset(Day.AddHours(hour).AddMinutes(minute), China).ToUniversalTime());

    private Task<(Guid Unit, Guid Project, Guid OtherUnit, Guid OtherProject, Guid OtherCompany)> PlacesAsync() =>
        _app.DbAsync(async db =>
        {
            var owner = await db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).FirstAsync();
            var persons = db.PersonRefs();
            var unit = await db.OccupantRefs()
                .Where(o => persons.Any(p => p.Id == o.PersonId && p.UserId == owner))
                .OrderBy(o => o.Id)
                .Select(o => o.UnitId)
                .FirstAsync();
            var project = await db.UnitRefs().Where(u => u.Id == unit).Select(u => u.ProjectId).FirstAsync();
            var other = await db.UnitRefs()
                .Where(u => u.ProjectId == project && u.Id != unit)
                .OrderBy(u => u.Id)
                .Select(u => u.Id)
                .FirstAsync();
            var otherProject = await db.ProjectRefs().Where(p => p.Id != project).OrderBy(p => p.Name).FirstAsync();
            return (unit, project, other, otherProject.Id, otherProject.CompanyId);
        });

    private static async Task<string?> CodeAsync(Task<HttpResponseMessage> call)
    {
        var res = await call;
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        return (await res.JsonAsync()).GetProperty("code").GetString();
    }

    [Fact]
    public async Task A_visitor_goes_in_and_out_twice_then_the_pass_is_used_up_and_forged_foreign_and_expired_passes_are_refused()
    {
        var (unit, project, otherUnit, otherProject, otherCompany) = await PlacesAsync();
        var owner = await _app.As("owner");
        var guard = await _app.As("guard");
        var window = new { from = new DateTimeOffset(Day.AddHours(10), China), to = new DateTimeOffset(Day.AddHours(18), China) };
        object Body(Guid u) =>
            new
            {
                unitId = u,
                visitorName = "表哥 钱立",
                visitorPhone = "13905810000",
                validFrom = window.from,
                validTo = window.to,
                people = 2,
                maxEntries = 2,
            };

        // Not the owner's home: a field error.
        var notMine = await owner.PostJsonAsync("/api/v1/visitor-passes", Body(otherUnit));
        Assert.True((await notMine.JsonAsync()).GetProperty("errors").TryGetProperty("unitId", out _));
        var pass = await owner.PostJsonAsync("/api/v1/visitor-passes", Body(unit)).OkAsync();
        var payload = pass.GetProperty("payload").GetString()!;
        Assert.StartsWith("WYV1.", payload);
        Assert.Equal("139****0000", pass.GetProperty("visitorPhone").GetString());

        object Scan(string p) => new { projectId = project, payload = p };
        Assert.Equal("visitor_pass.not_yet", await CodeAsync(guard.PostJsonAsync("/api/v1/gate-entries", Scan(payload))));
        At(10, 30);
        var first = await guard.PostJsonAsync("/api/v1/gate-entries", Scan(payload)).OkAsync();
        Assert.Equal("in", first.GetProperty("direction").GetString());
        At(11, 45);
        var leave = await guard.PostJsonAsync("/api/v1/gate-entries", Scan(payload)).OkAsync();
        Assert.Equal(
            ("out", 1),
            (leave.GetProperty("direction").GetString(), leave.GetProperty("pass").GetProperty("entriesUsed").GetInt32())
        );
        At(14);
        _app.ForgetTokens();
        guard = await _app.As("guard");
        var typed = new { projectId = project, code = pass.GetProperty("code").GetString()!.ToLowerInvariant() };
        Assert.Equal("in", (await guard.PostJsonAsync("/api/v1/gate-entries", typed).OkAsync()).GetProperty("direction").GetString());
        Assert.Equal(
            "out",
            (await guard.PostJsonAsync("/api/v1/gate-entries", Scan(payload)).OkAsync()).GetProperty("direction").GetString()
        );
        Assert.Equal("visitor_pass.used_up", await CodeAsync(guard.PostJsonAsync("/api/v1/gate-entries", Scan(payload))));

        // Altered (one entry more written into the body): the signature fails.
        var parts = payload[5..].Split('.');
        var body = System.Text.Encoding.ASCII.GetString(
            Convert.FromBase64String(parts[0].Replace('-', '+').Replace('_', '/').PadRight((parts[0].Length + 3) / 4 * 4, '='))
        );
        var f = body.Split('|');
        f[4] = "9";
        var altered =
            "WYV1."
            + Convert
                .ToBase64String(System.Text.Encoding.ASCII.GetBytes(string.Join('|', f)))
                .TrimEnd('=')
                .Replace('+', '-')
                .Replace('/', '_')
            + "."
            + parts[1];
        Assert.Equal("visitor_pass.forged", await CodeAsync(guard.PostJsonAsync("/api/v1/gate-entries", Scan(altered))));
        var garbage = await guard.PostJsonAsync("/api/v1/gate-entries", Scan("WYV1.abc"));
        Assert.Equal("visitor_pass.forged", (await garbage.JsonAsync()).GetProperty("code").GetString());

        // A genuine pass signed by another project's key.
        string foreign;
        using (var scope = _app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
            var keys = scope.ServiceProvider.GetRequiredService<PassKeys>();
            foreign = await keys.SignAsync(
                otherCompany,
                new PassClaims(Guid.NewGuid(), otherProject, window.from, window.to, 1, 1),
                default
            );
        }
        Assert.Equal("visitor_pass.other_project", await CodeAsync(guard.PostJsonAsync("/api/v1/gate-entries", Scan(foreign))));

        // A second pass, past its window.
        var late = await owner.PostJsonAsync("/api/v1/visitor-passes", Body(unit)).OkAsync();
        At(18, 1);
        _app.ForgetTokens(); // the morning's tokens have expired
        guard = await _app.As("guard");
        owner = await _app.As("owner");
        var expired = await guard.PostJsonAsync("/api/v1/gate-entries", Scan(late.GetProperty("payload").GetString()!));
        Assert.Equal("visitor_pass.expired", (await expired.JsonAsync()).GetProperty("code").GetString());
        // Only the gate scans.
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostJsonAsync("/api/v1/gate-entries", Scan(payload))).StatusCode);
    }

    [Fact]
    public async Task A_walk_in_waits_for_the_owner_is_let_in_on_the_portal_and_one_left_inside_is_listed_the_next_day()
    {
        var (unit, project, _, _, _) = await PlacesAsync();
        var label = await _app.DbAsync(db => db.UnitRefs().Where(u => u.Id == unit).Select(u => u.Label).FirstAsync());
        var owner = await _app.As("owner");
        var guard = await _app.As("guard");
        At(15);
        var walkIn = await guard
            .PostJsonAsync(
                "/api/v1/visitor-passes/walk-ins",
                new
                {
                    projectId = project,
                    unit = label.Replace(" ", ""),
                    visitorName = "送水 小林",
                    people = 1,
                    callNote = "业主未接电话",
                }
            )
            .OkAsync();
        Assert.Equal("awaitingOwner", walkIn.GetProperty("status").GetString());
        var id = walkIn.GetProperty("id").GetGuid();
        var told = await _app.DbAsync(db =>
            db.Set<OutboxMessage>().CountAsync(m => m.Channel == NotificationChannel.InApp && m.Title.Contains("送水 小林"))
        );
        Assert.True(told >= 1);
        var code = new { projectId = project, code = walkIn.GetProperty("code").GetString() };
        Assert.Equal("visitor_pass.awaiting_owner", await CodeAsync(guard.PostJsonAsync("/api/v1/gate-entries", code)));
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await guard.PostJsonAsync($"/api/v1/visitor-passes/{id}/answers", new { accept = true })).StatusCode
        );
        var yes = await owner.PostJsonAsync($"/api/v1/visitor-passes/{id}/answers", new { accept = true }).OkAsync();
        Assert.Equal("active", yes.GetProperty("status").GetString());
        var stay = await guard.PostJsonAsync("/api/v1/gate-entries", code).OkAsync();
        Assert.Equal("in", stay.GetProperty("direction").GetString());

        // A walk-in the owner agreed to on the phone goes in at once; a home that does not exist is a field error.
        var agreed = await guard
            .PostJsonAsync(
                "/api/v1/visitor-passes/walk-ins",
                new
                {
                    projectId = project,
                    unitId = unit,
                    visitorName = "维修 老张",
                    ownerAgreed = true,
                }
            )
            .OkAsync();
        Assert.True(agreed.GetProperty("inside").GetBoolean());
        var nowhere = await guard.PostJsonAsync(
            "/api/v1/visitor-passes/walk-ins",
            new
            {
                projectId = project,
                unit = "99幢 9999",
                visitorName = "某人",
            }
        );
        Assert.True((await nowhere.JsonAsync()).GetProperty("errors").TryGetProperty("unit", out _));

        var entryId = stay.GetProperty("entry").GetProperty("id").GetGuid();
        await guard.PostJsonAsync($"/api/v1/gate-entries/{entryId}/check-out", new { }).OkAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await guard.PostJsonAsync($"/api/v1/gate-entries/{entryId}/check-out", new { })).StatusCode);

        // The next morning 维修 老张 is still inside: listed.
        At(24 + 8);
        _app.ForgetTokens();
        guard = await _app.As("guard");
        var inside = await guard.GetJsonAsync($"/api/v1/gate-entries?projectId={project}&inside=true&pageSize=100");
        Assert.Contains(inside.GetProperty("items").EnumerateArray(), e => e.GetProperty("name").GetString() == "维修 老张");
    }
}
