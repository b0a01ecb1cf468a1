using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.MasterData;

/// <summary>
/// Issue 22 item 3, in bulk: the import's staff sheet (员工) brings a project's people in, gives those
/// marked for it an account — always an invitation by SMS, never a password in a report — and the
/// project or zone role the importer may grant.
/// </summary>
[Collection(nameof(MasterDataApiCollection))]
public sealed class StaffImportTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private static readonly string?[] StaffHeaders = ["姓名", "手机", "岗位", "班组", "开通账号", "角色", "片区"];

    private async Task<Guid> NewProjectAsync(string name)
    {
        var manager = await _app.As("manager");
        var company = await _app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
        var res = await manager
            .PostJsonAsync(
                "/api/v1/projects",
                new
                {
                    companyId = company,
                    name,
                    kind = "residential",
                }
            )
            .OkAsync();
        return res.GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> UploadAsync(string user, Guid project, byte[] file)
    {
        var client = await _app.As(user);
        var res = await client.PostAsync($"/api/v1/imports?projectId={project}", Workbooks.Upload(file, "员工.xlsx"));
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return await res.JsonAsync();
    }

    private static IEnumerable<JsonElement> Rows(JsonElement report, string sheet = "员工") =>
        report.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("sheet").GetString() == sheet);

    private static string Errors(JsonElement row) =>
        string.Join(" | ", row.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()));

    [Fact]
    public async Task A_staff_sheet_creates_the_people_invites_those_marked_and_grants_their_roles_once()
    {
        var project = await NewProjectAsync("员工导入花园");
        var file = Workbooks.Xlsx(
            new TestSheet("房屋", Workbooks.Units(1, 1, 1)),
            new TestSheet(
                "员工",
                [
                    StaffHeaders,
                    ["李强", "13700001234", "水电工", null, "是", "维修工", null],
                    ["王芳", "137 0000 5678", "管家", null, "是", "片区管家", "东区"],
                    ["赵师傅", null, "保洁", null, null, null, null],
                ]
            )
        );
        var report = await UploadAsync("manager", project, file);
        var rows = Rows(report).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal("create", r.GetProperty("action").GetString()));
        Assert.Contains("邀请短信", rows[0].GetProperty("changes").GetString());
        Assert.Contains("片区管家", rows[1].GetProperty("changes").GetString());
        // A bulk account is an invitation: no password anywhere in the report.
        Assert.DoesNotContain("密码", report.ToString());
        Assert.DoesNotContain("password", report.ToString(), StringComparison.OrdinalIgnoreCase);

        var manager = await _app.As("manager");
        var batch = report.GetProperty("batch").GetProperty("id").GetGuid();
        await manager.PostAsync($"/api/v1/imports/{batch}/commit", null).OkAsync();

        var staff = await _app.DbAsync(db =>
            db.Set<Wuye.Modules.MasterData.Domain.StaffMember>().Where(s => s.ProjectId == project).OrderBy(s => s.Name).ToListAsync()
        );
        Assert.Equal(["李强", "王芳", "赵师傅"], staff.Select(s => s.Name).Order());
        Assert.Null(staff.Single(s => s.Name == "赵师傅").UserId);
        var tech = staff.Single(s => s.Name == "李强");
        var steward = staff.Single(s => s.Name == "王芳");
        Assert.Equal("13700005678", steward.Phone);
        var grants = await _app.DbAsync(db =>
            db.RoleAssignments.Where(r => r.UserId == tech.UserId || r.UserId == steward.UserId)
                .Select(r => new
                {
                    r.UserId,
                    r.Role,
                    r.ProjectId,
                    r.ZoneId,
                })
                .ToListAsync()
        );
        Assert.Contains(grants, g => g.UserId == tech.UserId && g.Role == Roles.Technician && g.ProjectId == project && g.ZoneId == null);
        Assert.Contains(grants, g => g.UserId == steward.UserId && g.Role == Roles.Steward && g.ZoneId != null);
        Assert.Equal(2, grants.Count);

        // The invitation reaches the technician's phone; he chooses a password and signs in to his project.
        await _app.Services.GetRequiredService<OutboxDispatchJob>().RunOnceAsync();
        var sms = await _app.DbAsync(db =>
            db.Set<DeliveredMessage>().Where(m => m.Address == "13700001234").Select(m => m.Body).ToListAsync()
        );
        var code = Regex.Match(Assert.Single(sms), @"邀请码 (\w+)").Groups[1].Value;
        await _app.CreateClient().PostJsonAsync("/api/v1/invitations/accept", new { code, password = "Harbor-88lamp" }).OkAsync();
        var signedIn = await _app.As("13700001234", "Harbor-88lamp");
        var projects = await signedIn.GetJsonAsync("/api/v1/projects");
        Assert.Equal(project, Assert.Single(projects.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        // The same file again changes nothing and sends nobody a second invitation.
        var again = await UploadAsync("manager", project, file);
        Assert.All(Rows(again), r => Assert.Equal("unchanged", r.GetProperty("action").GetString()));
        await manager.PostAsync($"/api/v1/imports/{again.GetProperty("batch").GetProperty("id").GetGuid()}/commit", null).OkAsync();
        await _app.Services.GetRequiredService<OutboxDispatchJob>().RunOnceAsync();
        Assert.Equal(1, await _app.DbAsync(db => db.Set<DeliveredMessage>().CountAsync(m => m.Address == "13700001234")));

        // Another project's sheet cannot take a mobile number that is already someone's user name.
        var other = await NewProjectAsync("员工导入二期");
        var taken = await UploadAsync(
            "manager",
            other,
            Workbooks.Xlsx(new TestSheet("员工", [StaffHeaders, ["李强", "13700001234", null, null, "是", null, null]]))
        );
        Assert.Contains("已是另一个账号的用户名", Errors(Assert.Single(Rows(taken))));
    }

    [Fact]
    public async Task A_project_manager_cannot_grant_above_himself_and_bad_rows_are_answered_cell_by_cell()
    {
        var project = await _app.DbAsync(db =>
            (
                from r in db.RoleAssignments
                join u in db.Users on r.UserId equals u.Id
                where u.UserName == "pm" && r.Role == Roles.ProjectManager
                select r.ProjectId!.Value
            ).FirstAsync()
        );
        var report = await UploadAsync(
            "pm",
            project,
            Workbooks.Xlsx(
                new TestSheet(
                    "员工",
                    [
                        StaffHeaders,
                        ["钱副经理", "13600000001", null, null, "是", "项目经理", null],
                        ["孙会计", "13600000002", null, null, "是", "公司管理层", null],
                        ["周新人", null, null, null, "是", null, null],
                        ["吴管家", "13600000003", null, null, "是", "管家", null],
                        ["郑保安", "13600000004", null, null, "也许", null, null],
                        ["冯电工", "13600000005", null, null, null, "维修工", null],
                        ["陈班长", "13600000006", null, "不存在的班组", null, null, null],
                    ]
                )
            )
        );
        var rows = Rows(report).ToList();
        Assert.All(rows, r => Assert.Equal("error", r.GetProperty("action").GetString()));
        Assert.Contains("你不能授予“项目经理”", Errors(rows[0]));
        Assert.Contains("公司级角色请在账号页面授予", Errors(rows[1]));
        Assert.Contains("开通账号需要手机号", Errors(rows[2]));
        Assert.Contains("需要填写负责的片区", Errors(rows[3]));
        Assert.Contains("开通账号应填“是”或“否”", Errors(rows[4]));
        Assert.Contains("要授予角色，请在“开通账号”填“是”", Errors(rows[5]));
        Assert.Contains("班组“不存在的班组”不存在", Errors(rows[6]));
        var pm = await _app.As("pm");
        var commit = await pm.PostAsync($"/api/v1/imports/{report.GetProperty("batch").GetProperty("id").GetGuid()}/commit", null);
        Assert.Equal(HttpStatusCode.Conflict, commit.StatusCode);
        Assert.False(await _app.DbAsync(db => db.Users.AnyAsync(u => u.UserName!.StartsWith("136000000"))));
    }
}
