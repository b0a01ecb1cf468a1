using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;
using Wuye.Tests.Modules.WorkOrders;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// Fixtures the Staff tests share: a project of their own with one engineering team, made through the API; people of its team,
/// with an account at the project when they need one; a clock at an hour of today, China time; the home to-do counts and the
/// fields of a 400 answer.
/// </summary>
internal static class StaffTestKit
{
    /// <summary>A roster shift of the project, through the API; its id.</summary>
    public static async Task<Guid> RosterShiftAsync(
        HttpClient manager,
        Guid project,
        string name,
        string kind,
        string starts,
        string ends
    ) => (
            await manager
                .PostJsonAsync(
                    "/api/v1/rosters/shifts",
                    new
                    {
                        projectId = project,
                        name,
                        kind,
                        starts,
                        ends,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();

    /// <summary>
    /// A roster post of the team that staffs a Security post, and one person rostered on it for a shift of a day; the entry's id.
    /// </summary>
    public static async Task<Guid> RosterOnSecurityPostAsync(
        HttpClient manager,
        Guid project,
        Guid team,
        string postName,
        Guid securityPostId,
        Guid shift,
        DateOnly day,
        Guid staffMemberId
    )
    {
        var post = (
            await manager
                .PostJsonAsync(
                    "/api/v1/rosters/posts",
                    new
                    {
                        projectId = project,
                        name = postName,
                        teamId = team,
                        securityPostId,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var entry = new
        {
            postId = post,
            shiftId = shift,
            day,
            staffMemberId,
        };
        return (await manager.PostJsonAsync("/api/v1/rosters", entry).OkAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>A new project of the demo company 锦华 (by its manager) with an engineering team in it.</summary>
    public static async Task<(Guid Company, Guid Project, Guid Team)> ProjectWithTeamAsync(WuyeApp app, string project, string team)
    {
        var company = await app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
        var projectId = await WorkOrderTestKit.NewProjectAsync(app, project);
        var teamId = (
            await (await app.As("manager"))
                .PostJsonAsync(
                    "/api/v1/teams",
                    new
                    {
                        projectId,
                        name = team,
                        kind = "engineering",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        return (company, projectId, teamId);
    }

    /// <summary>A clock at <paramref name="hour"/>:00 of today, China time (a test moves it on from there).</summary>
    public static FakeTimeProvider TodayAt(int hour) =>
        Clocks.At(new DateTimeOffset(ChinaTime.Today(TimeProvider.System).ToDateTime(new TimeOnly(hour, 0)), ChinaTime.Offset));

    /// <summary>A person of <paramref name="team"/> in the staff register (by the company manager).</summary>
    public static async Task<Guid> PersonAsync(WuyeApp app, Guid team, string name) =>
        (await (await app.As("manager")).PostJsonAsync("/api/v1/staff", new { teamId = team, name }).OkAsync()).GetProperty("id").GetGuid();

    /// <summary>
    /// An account <paramref name="userName"/> (password <see cref="TestUsers.Password"/>) holding <paramref name="role"/> at the
    /// project, linked to the register's <paramref name="staffMemberId"/> when given: its user id.
    /// </summary>
    public static async Task<Guid> ProjectUserAsync(
        WuyeApp app,
        string userName,
        Guid company,
        Guid project,
        string role,
        Guid? staffMemberId = null
    )
    {
        var user = await app.CreateUserAsync(
            userName,
            company,
            new RoleAssignment
            {
                Role = role,
                CompanyId = company,
                ProjectId = project,
            }
        );
        if (staffMemberId is { } staff)
            await app.DbAsync(db =>
                db.Set<Wuye.Modules.MasterData.Domain.StaffMember>()
                    .Where(s => s.Id == staff)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.UserId, user))
            );
        return user;
    }

    /// <summary>The count of the home to-do line starting <paramref name="titleStart"/> on <paramref name="home"/> (0 if absent).</summary>
    public static async Task<int> TaskCountAsync(HttpClient client, string home, string titleStart)
    {
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(home));
        var m = Regex.Match(
            html,
            $@"<span>{Regex.Escape(titleStart)}[^<]*</span>.*?data-testid=""task-count""[^>]*>(\d+)<",
            RegexOptions.Singleline
        );
        return m.Success ? int.Parse(m.Groups[1].Value) : 0;
    }

    /// <summary>The fields a 400 answer names, in order.</summary>
    public static string[] Fields(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()];
}
