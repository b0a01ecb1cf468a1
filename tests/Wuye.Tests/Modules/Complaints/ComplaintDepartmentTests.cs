using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Identity;
using Wuye.Tests.Kit;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.Complaints;

/// <summary>
/// The departments a complaint concerns are each company's own list, kept by its company managers
/// (锦华物业: "manager"; 恒安物业: "manager2"), starting from the default list; intake checks them.
/// </summary>
[Collection(nameof(ComplaintsApiCollection))]
public sealed class ComplaintDepartmentTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private static List<string> Codes(JsonElement list) => [.. list.EnumerateArray().Select(d => d.GetProperty("code").GetString()!)];

    private async Task<HttpResponseMessage> ReceiveAsync(Guid unit, params string[] departments) =>
        await (await _app.As("service")).PostJsonAsync(
            "/api/v1/complaints",
            new
            {
                unitId = unit,
                complainantName = "郑先生",
                category = "facilities",
                description = "单元门禁失灵",
                departments,
            }
        );

    private static async Task<JsonElement> Expect(HttpResponseMessage res, HttpStatusCode status)
    {
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == status, $"expected {(int)status}, got {(int)res.StatusCode}: {text}");
        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_company_manager_keeps_the_companys_department_list_and_intake_accepts_only_its_departments_in_use()
    {
        var manager = await _app.As("manager");
        var defaults = await manager.GetJsonAsync("/api/v1/complaint-departments");
        Assert.Contains("engineering", Codes(defaults));
        Assert.All(defaults.EnumerateArray(), d => Assert.True(d.GetProperty("isDefault").GetBoolean()));

        var added = await Expect(
            await manager.PostJsonAsync("/api/v1/complaint-departments", new { name = "电梯维保组", nameEn = "Lift maintenance" }),
            HttpStatusCode.Created
        );
        var lift = added.GetProperty("code").GetString()!;
        await manager.PutJsonAsync("/api/v1/complaint-departments/engineering", new { name = "工程维修部" }).OkAsync();
        await manager.PostJsonAsync("/api/v1/complaint-departments/greening/archive", new { }).OkAsync();

        var list = await manager.GetJsonAsync("/api/v1/complaint-departments");
        Assert.Contains(lift, Codes(list));
        Assert.DoesNotContain("greening", Codes(list));
        Assert.All(list.EnumerateArray(), d => Assert.False(d.GetProperty("isDefault").GetBoolean()));
        Assert.Equal(
            "工程维修部",
            list.EnumerateArray().Single(d => d.GetProperty("code").GetString() == "engineering").GetProperty("name").GetString()
        );
        Assert.Contains("greening", Codes(await manager.GetJsonAsync("/api/v1/complaint-departments?includeArchived=true")));

        // Intake in 锦华物业: the new department is accepted, the retired and unknown ones are refused field by field.
        var unit = await OwnUnitAsync(await _app.As("owner"));
        var created = await Expect(await ReceiveAsync(unit, lift, "engineering"), HttpStatusCode.Created);
        Assert.Equal([lift, "engineering"], created.GetProperty("departments").EnumerateArray().Select(d => d.GetString()!).ToArray());
        foreach (var bad in new[] { "greening", "nowhere" })
        {
            var problem = await Expect(await ReceiveAsync(unit, bad), HttpStatusCode.BadRequest);
            Assert.Contains(bad, problem.GetProperty("errors").GetProperty("departments")[0].GetString());
        }

        // The metrics name departments as the company does.
        var project = await ProjectOfAsync(_app, unit);
        var byDepartment = await manager.GetJsonAsync($"/api/v1/complaint-metrics?projectId={project}&groupBy=department");
        Assert.Contains(byDepartment.GetProperty("rows").EnumerateArray(), r =>
            r.GetProperty("key").GetString() == lift && r.GetProperty("label").GetString() == "电梯维保组"
        );
        Assert.Contains(byDepartment.GetProperty("rows").EnumerateArray(), r =>
            r.GetProperty("key").GetString() == "engineering" && r.GetProperty("label").GetString() == "工程维修部"
        );

        // The other company is untouched and cannot see or change this list.
        var company = await _app.DbAsync(db => db.Projects().Where(p => p.Id == project).Select(p => p.CompanyId).FirstAsync());
        var manager2 = await _app.As("manager2");
        var theirs = await manager2.GetJsonAsync("/api/v1/complaint-departments");
        Assert.Contains("greening", Codes(theirs));
        Assert.DoesNotContain(lift, Codes(theirs));
        await Expect(await manager2.GetAsync($"/api/v1/complaint-departments?companyId={company}"), HttpStatusCode.NotFound);
        await Expect(
            await manager2.PutJsonAsync("/api/v1/complaint-departments/engineering", new { companyId = company, name = "改名" }),
            HttpStatusCode.NotFound
        );
        await Expect(
            await manager2.PostJsonAsync($"/api/v1/complaint-departments/engineering/archive?companyId={company}", new { }),
            HttpStatusCode.NotFound
        );
        await Expect(
            await manager2.PostJsonAsync("/api/v1/complaint-departments", new { companyId = company, name = "外来部门" }),
            HttpStatusCode.NotFound
        );
    }

    [Fact]
    public async Task Only_a_company_manager_changes_the_list_and_bad_input_gets_clear_errors()
    {
        var pm = await _app.As("pm");
        Assert.Contains("engineering", Codes(await pm.GetJsonAsync("/api/v1/complaint-departments")));
        await Expect(await pm.PostJsonAsync("/api/v1/complaint-departments", new { name = "项目部" }), HttpStatusCode.Forbidden);

        var manager = await _app.As("manager");
        Task<int> Rows() => _app.DbAsync(db => db.Set<Wuye.Modules.Complaints.Domain.ComplaintDepartment>().CountAsync());
        var before = await Rows();
        var errors = (
            await Expect(
                await manager.PostJsonAsync("/api/v1/complaint-departments", new { name = "", code = "Bad Code" }),
                HttpStatusCode.BadRequest
            )
        ).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("code", out _));
        var dup = await Expect(
            await manager.PostJsonAsync("/api/v1/complaint-departments", new { name = "另一个工程部", code = "engineering" }),
            HttpStatusCode.Conflict
        );
        Assert.Equal("complaint_department.duplicate", dup.GetProperty("code").GetString());
        await Expect(await manager.PutJsonAsync("/api/v1/complaint-departments/nowhere", new { name = "无" }), HttpStatusCode.NotFound);
        // Nothing was half-written: the list is as it was.
        Assert.Equal(before, await Rows());
    }

    [Fact]
    public async Task A_project_manager_who_owns_a_home_in_another_companys_project_gets_no_rules_departments_or_buildings_of_it()
    {
        var pmId = await UserIdAsync(_app, "pm");
        var (company, project, otherCompany, otherProject, otherName, home, building) = await _app.DbAsync(async db =>
        {
            var grant = await db
                .RoleAssignments.Where(r => r.UserId == pmId && r.ProjectId != null)
                .OrderBy(r => r.Id)
                .Select(r => new { Company = r.CompanyId!.Value, Project = r.ProjectId!.Value })
                .FirstAsync();
            var other = await db.Units()
                .Where(u => u.CompanyId != grant.Company && u.ArchivedAt == null)
                .OrderBy(u => u.Id)
                .Select(u => new
                {
                    u.Id,
                    u.CompanyId,
                    u.ProjectId,
                    u.BuildingId,
                })
                .FirstAsync();
            var name = await db.ProjectRefs().Where(p => p.Id == other.ProjectId).Select(p => p.Name).FirstAsync();
            var building = await db.BuildingRefs().Where(b => b.Id == other.BuildingId).Select(b => b.Name).FirstAsync();
            return (grant.Company, grant.Project, other.CompanyId, other.ProjectId, name, other.Id, building);
        });
        var twoHatsId = await _app.CreateUserAsync(
            "cmp-twohats",
            company,
            new RoleAssignment
            {
                Role = Roles.ProjectManager,
                CompanyId = company,
                ProjectId = project,
            },
            new RoleAssignment
            {
                Role = Roles.Owner,
                CompanyId = otherCompany,
                ProjectId = otherProject,
                UnitId = home,
            }
        );
        var twoHats = await _app.As("cmp-twohats", TestUsers.Password);
        // Their own project's rules: read and set.
        await Expect(await twoHats.GetAsync($"/api/v1/complaint-settings/{project}"), HttpStatusCode.OK);
        // The project they live in is not theirs to read or set rules for.
        await Expect(await twoHats.GetAsync($"/api/v1/complaint-settings/{otherProject}"), HttpStatusCode.NotFound);
        var rules = new
        {
            replyDays = 2,
            reviewTime = "17:00",
            projectManagerAfterHours = 24,
            companyAfterHours = 48,
        };
        await Expect(await twoHats.PutJsonAsync($"/api/v1/complaint-settings/{otherProject}", rules), HttpStatusCode.NotFound);
        Assert.False(await _app.DbAsync(db => db.Set<ComplaintSettings>().AnyAsync(s => s.ProjectId == otherProject && s.ReplyDays == 2)));
        // The settings page neither lists nor opens it; the new-complaint page offers none of its buildings.
        var settings = await twoHats.GetAsync("/complaints/settings");
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.DoesNotContain(otherName, await settings.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await twoHats.GetAsync($"/complaints/settings?projectId={otherProject}")).StatusCode);
        var intake = await twoHats.GetAsync("/complaints/new");
        Assert.Equal(HttpStatusCode.OK, intake.StatusCode);
        Assert.DoesNotContain($"{otherName} {building}", await intake.Content.ReadAsStringAsync());
        // Complaining about the home they own there, they complain as its owner: the other company's desk owns the complaint.
        var desk = await _app.CreateUserAsync(
            "cmp-desk",
            otherCompany,
            new RoleAssignment
            {
                Role = Roles.CustomerService,
                CompanyId = otherCompany,
                ProjectId = otherProject,
            }
        );
        var filed = await Expect(
            await twoHats.PostJsonAsync(
                "/api/v1/complaints",
                new
                {
                    unitId = home,
                    complainantName = "两岗业主",
                    category = "facilities",
                    description = "楼道灯不亮",
                    departments = new[] { "engineering" },
                }
            ),
            HttpStatusCode.Created
        );
        var complaint = await _app.DbAsync(db => db.Set<Complaint>().SingleAsync(c => c.Id == filed.GetProperty("id").GetGuid()));
        Assert.NotEqual(twoHatsId, complaint.OwnerStaffId);
        Assert.Equal(desk, complaint.OwnerStaffId);
        Assert.Equal((ComplaintChannel.Portal, otherCompany), (complaint.Channel, complaint.CompanyId));
    }
}
