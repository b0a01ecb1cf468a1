using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.MasterData;

public sealed class MasterDataApiTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly WuyeApp _app = shared.App;

    private Task<Project> JinxiuAsync() => _app.DbAsync(db => db.Projects().FirstAsync(p => p.Name == "锦绣花园"));

    [Fact]
    public async Task Phone_search_takes_the_last_four_digits_only_so_a_masked_number_cannot_be_recovered()
    {
        var service = await _app.As("service");
        var project = await JinxiuAsync();
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await service.PostJsonAsync(
                    "/api/v1/people",
                    new
                    {
                        projectId = project.Id,
                        name = "尾号测试",
                        phone = "13955557788",
                    }
                )
            ).StatusCode
        );
        Assert.Contains("尾号测试", (await service.GetJsonAsync($"/api/v1/people?projectId={project.Id}&q=7788")).GetRawText());
        // Five or more digits would reveal the hidden ones one by one.
        Assert.DoesNotContain("尾号测试", (await service.GetJsonAsync($"/api/v1/people?projectId={project.Id}&q=57788")).GetRawText());
        Assert.DoesNotContain("尾号测试", (await service.GetJsonAsync($"/api/v1/people?projectId={project.Id}&q=5557788")).GetRawText());
    }

    [Fact]
    public async Task A_manager_builds_a_zone_building_and_unit_and_edits_and_archives_them()
    {
        var manager = await _app.As("manager");
        var project = await JinxiuAsync();
        var zone = await (await manager.PostJsonAsync("/api/v1/zones", new { projectId = project.Id, name = "新区" })).JsonAsync();
        var building = await manager.PostJsonAsync(
            "/api/v1/buildings",
            new
            {
                projectId = project.Id,
                zoneId = zone.GetProperty("id").GetGuid(),
                name = "99幢",
                floors = 6,
            }
        );
        Assert.Equal(HttpStatusCode.Created, building.StatusCode);
        var buildingId = (await building.JsonAsync()).GetProperty("id").GetGuid();
        var unitRes = await manager.PostJsonAsync(
            "/api/v1/units",
            new
            {
                buildingId,
                number = "601",
                floor = 6,
                area = 120.456,
                unitType = "四室两厅",
                handoverDate = "2024-01-01",
                warrantyEnd = "2026-01-01",
            }
        );
        Assert.Equal(HttpStatusCode.Created, unitRes.StatusCode);
        var unit = await unitRes.JsonAsync();
        Assert.Equal(120.46m, unit.GetProperty("area").GetDecimal());
        Assert.Equal(zone.GetProperty("id").GetGuid(), unit.GetProperty("zoneId").GetGuid());

        var duplicate = await manager.PostJsonAsync("/api/v1/units", new { buildingId, number = "601" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("unit.duplicate_number", (await duplicate.JsonAsync()).GetProperty("code").GetString());

        var bad = await manager.PostJsonAsync(
            "/api/v1/units",
            new
            {
                buildingId,
                number = "",
                area = -1,
                handoverDate = "2024-01-01",
                warrantyEnd = "2023-01-01",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(
            errors.TryGetProperty("number", out _) && errors.TryGetProperty("area", out _) && errors.TryGetProperty("warrantyEnd", out _)
        );

        var id = unit.GetProperty("id").GetGuid();
        var edit = await manager.PutAsJsonAsync(
            $"/api/v1/units/{id}",
            new
            {
                number = "601",
                floor = 6,
                area = 118,
                version = unit.GetProperty("version").GetUInt32(),
            }
        );
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var stale = await manager.PutAsJsonAsync(
            $"/api/v1/units/{id}",
            new
            {
                number = "601",
                area = 117,
                version = unit.GetProperty("version").GetUInt32(),
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsync($"/api/v1/units/{id}/archive", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsync($"/api/v1/units/{id}/archive", null)).StatusCode);
        var active = await manager.GetJsonAsync($"/api/v1/units?buildingId={buildingId}");
        Assert.Equal(0, active.GetProperty("total").GetInt32());
        var archived = await manager.GetJsonAsync($"/api/v1/units?buildingId={buildingId}&archived=true");
        Assert.Equal(1, archived.GetProperty("total").GetInt32());
        var history = await manager.GetJsonAsync($"/api/v1/change-logs?entityId={id}");
        Assert.Equal(3, history.GetProperty("total").GetInt32()); // created, edited, archived

        var tech = await _app.As("tech");
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PostJsonAsync("/api/v1/units", new { buildingId, number = "602" })).StatusCode);
    }

    [Fact]
    public async Task Phones_and_ID_numbers_are_masked_and_each_reveal_is_recorded()
    {
        var service = await _app.As("service");
        var project = await JinxiuAsync();
        var created = await service.PostJsonAsync(
            "/api/v1/people",
            new
            {
                projectId = project.Id,
                name = "测试业主",
                phone = "13812341234",
                idNumber = "330824198001011236",
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var person = await created.JsonAsync();
        Assert.Equal("138****1234", person.GetProperty("phone").GetString());
        Assert.Equal("330824********1236", person.GetProperty("idNumber").GetString());
        Assert.Equal("1980-01-01", person.GetProperty("birthday").GetString());
        var id = person.GetProperty("id").GetGuid();

        var list = await service.GetJsonAsync($"/api/v1/people?projectId={project.Id}&q=1234");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), p =>
            p.GetProperty("id").GetGuid() == id && p.GetProperty("phone").GetString() == "138****1234"
        );
        Assert.DoesNotContain("13812341234", list.ToString());

        var noReason = await service.PostJsonAsync($"/api/v1/people/{id}/reveal", new { purpose = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var revealed = await (await service.PostJsonAsync($"/api/v1/people/{id}/reveal", new { purpose = "回电确认报修时间" })).JsonAsync();
        Assert.Equal("13812341234", revealed.GetProperty("phone").GetString());
        Assert.Equal("330824198001011236", revealed.GetProperty("idNumber").GetString());

        var guard = await _app.As("guard");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await guard.PostJsonAsync($"/api/v1/people/{id}/reveal", new { purpose = "看看" })).StatusCode
        );

        var pm = await _app.As("pm");
        var reveals = await pm.GetJsonAsync($"/api/v1/people/{id}/reveals");
        var entry = Assert.Single(reveals.EnumerateArray());
        Assert.Equal("service", entry.GetProperty("userName").GetString());
        Assert.Equal("回电确认报修时间", entry.GetProperty("purpose").GetString());
    }

    [Fact]
    public async Task A_steward_may_reveal_residents_of_their_own_zone_only()
    {
        var (inZone, elsewhere) = await _app.DbAsync(async db =>
        {
            var zone = await db.Zones().FirstAsync(z => z.StewardUserId != null);
            var mine = await db.UnitOccupants().Where(o => o.ZoneId == zone.Id).Select(o => o.PersonId).FirstAsync();
            var other = await db.UnitOccupants()
                .Where(o => o.ProjectId == zone.ProjectId && o.ZoneId != zone.Id)
                .Select(o => o.PersonId)
                .FirstAsync();
            return (mine, other);
        });
        var steward = await _app.As("steward");
        Assert.Equal(
            HttpStatusCode.OK,
            (await steward.PostJsonAsync($"/api/v1/people/{inZone}/reveal", new { purpose = "上门拜访" })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await steward.PostJsonAsync($"/api/v1/people/{elsewhere}/reveal", new { purpose = "上门拜访" })).StatusCode
        );
        // The allowed reveal is recorded, the refused one is not (the class's other tests reveal people too: count only these).
        Assert.Equal(
            1,
            await _app.DbAsync(db =>
                db.Set<PersonalDataAccess>().CountAsync(a => a.UserName == "steward" && (a.PersonId == inZone || a.PersonId == elsewhere))
            )
        );
    }

    public static TheoryData<string> Lists() =>
        [
            "companies",
            "projects",
            "zones",
            "buildings",
            "units",
            "people",
            "parking-spaces",
            "assets",
            "vendors",
            "vehicles",
            "teams",
            "staff",
        ];

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Every_list_exports_as_xlsx_and_csv_with_the_same_rows_as_the_API(string resource)
    {
        var manager = await _app.As("manager");
        var project = await JinxiuAsync();
        var filter = resource is "companies" or "vendors" or "projects" ? "" : $"projectId={project.Id}";
        var total = (await manager.GetJsonAsync($"/api/v1/{resource}?{filter}&pageSize=1")).GetProperty("total").GetInt32();
        Assert.True(total > 0 || resource == "vehicles", $"{resource} has no demo data");

        var xlsx = await manager.GetAsync($"/api/v1/{resource}/export?format=xlsx&{filter}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using (var doc = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
            Assert.Equal(total + 1, sheet.Descendants<Row>().Count());
        }

        var csv = await manager.GetAsync($"/api/v1/{resource}/export?format=csv&{filter}");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // Excel needs the BOM to read Chinese CSV
        var lines = Encoding.UTF8.GetString(bytes).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(total + 1, lines.Length);

        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync($"/api/v1/{resource}/export?format=pdf")).StatusCode);
    }

    [Fact]
    public async Task The_people_export_keeps_phones_and_ID_numbers_masked()
    {
        var manager = await _app.As("manager");
        var project = await JinxiuAsync();
        var real = await _app.DbAsync(db =>
            db.People()
                .Where(p => p.ProjectId == project.Id && p.Phone != null && p.IdNumber != null)
                .OrderBy(p => p.Id)
                .Select(p => new { p.Phone, p.IdNumber })
                .Take(50)
                .ToListAsync()
        );
        var csv = Encoding.UTF8.GetString(
            await (await manager.GetAsync($"/api/v1/people/export?format=csv&projectId={project.Id}")).Content.ReadAsByteArrayAsync()
        );
        foreach (var p in real)
        {
            Assert.DoesNotContain(p.Phone!, csv);
            Assert.DoesNotContain(p.IdNumber!, csv);
            Assert.Contains(p.Phone![..3] + "****" + p.Phone[^4..], csv);
        }
        Assert.Contains("幢", csv); // each person's home is named
    }

    [Fact]
    public async Task Parking_spaces_assets_vendors_and_vehicles_are_registered_with_their_rules()
    {
        var manager = await _app.As("manager");
        var project = await JinxiuAsync();
        var unit = await _app.DbAsync(db =>
            db.Units()
                .Where(u =>
                    u.ProjectId == project.Id && db.UnitOccupants().Any(o => o.UnitId == u.Id && o.Relation == OccupantRelation.Owner)
                )
                .OrderBy(u => u.Number)
                .FirstAsync()
        );

        var space = await manager.PostJsonAsync(
            "/api/v1/parking-spaces",
            new
            {
                projectId = project.Id,
                code = "T-001",
                kind = "fixed",
                hasLock = true,
                unitId = unit.Id,
            }
        );
        Assert.Equal(HttpStatusCode.Created, space.StatusCode);
        Assert.NotNull((await space.JsonAsync()).GetProperty("holderName").GetString());
        var publicWithUnit = await manager.PostJsonAsync(
            "/api/v1/parking-spaces",
            new
            {
                projectId = project.Id,
                code = "T-002",
                kind = "public",
                unitId = unit.Id,
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, publicWithUnit.StatusCode);
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await manager.PostJsonAsync(
                    "/api/v1/parking-spaces",
                    new
                    {
                        projectId = project.Id,
                        code = "T-001",
                        kind = "rented",
                    }
                )
            ).StatusCode
        );

        var vendor = await (
            await manager.PostJsonAsync(
                "/api/v1/vendors",
                new
                {
                    companyId = project.CompanyId,
                    name = "测试保洁公司",
                    service = "cleaning",
                    contactPhone = "0570-6012345",
                }
            )
        ).JsonAsync();
        var badPhone = await manager.PostJsonAsync(
            "/api/v1/vendors",
            new
            {
                companyId = project.CompanyId,
                name = "另一家",
                service = "cleaning",
                contactPhone = "123",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        var asset = await manager.PostJsonAsync(
            "/api/v1/assets",
            new
            {
                projectId = project.Id,
                code = "T-DT-01",
                name = "测试电梯",
                category = "elevator",
                vendorId = vendor.GetProperty("id").GetGuid(),
                nextInspection = "2026-06-01",
            }
        );
        Assert.Equal(HttpStatusCode.Created, asset.StatusCode);
        Assert.Equal("测试保洁公司", (await asset.JsonAsync()).GetProperty("vendorName").GetString());
        var due = await manager.GetJsonAsync($"/api/v1/assets?projectId={project.Id}&inspectionBefore=2026-06-30&q=T-DT");
        Assert.Equal(1, due.GetProperty("total").GetInt32());

        var vehicle = await manager.PostJsonAsync(
            "/api/v1/vehicles",
            new
            {
                unitId = unit.Id,
                plate = "浙H12345",
                model = "比亚迪",
            }
        );
        Assert.Equal(HttpStatusCode.Created, vehicle.StatusCode);
        var badPlate = await manager.PostJsonAsync("/api/v1/vehicles", new { unitId = unit.Id, plate = "ABC" });
        Assert.Equal(HttpStatusCode.BadRequest, badPlate.StatusCode);
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await manager.PostJsonAsync("/api/v1/vehicles", new { unitId = unit.Id, plate = "浙h12345" })).StatusCode
        );
    }

    [Fact]
    public async Task Teams_and_their_staff_are_registered_and_staff_phones_are_masked()
    {
        var manager = await _app.As("manager");
        var project = await JinxiuAsync();
        var vendor = await _app.DbAsync(db =>
            db.Set<Vendor>()
                .Where(v => v.CompanyId == project.CompanyId && v.Service == VendorService.Cleaning)
                .Select(v => v.Id)
                .FirstAsync()
        );
        var team = await manager.PostJsonAsync(
            "/api/v1/teams",
            new
            {
                projectId = project.Id,
                name = "夜班保洁",
                kind = "cleaning",
                vendorId = vendor,
            }
        );
        Assert.Equal(HttpStatusCode.Created, team.StatusCode);
        var teamId = (await team.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await manager.PostJsonAsync(
                    "/api/v1/teams",
                    new
                    {
                        projectId = project.Id,
                        name = "夜班保洁",
                        kind = "cleaning",
                    }
                )
            ).StatusCode
        );
        var staff = await manager.PostJsonAsync(
            "/api/v1/staff",
            new
            {
                teamId,
                name = "保洁员甲",
                phone = "13700001111",
                position = "保洁员",
                isLeader = true,
            }
        );
        Assert.Equal(HttpStatusCode.Created, staff.StatusCode);
        var body = await staff.JsonAsync();
        Assert.Equal("137****1111", body.GetProperty("phone").GetString());
        Assert.Equal(vendor, body.GetProperty("vendorId").GetGuid()); // a vendor's team: its staff are the vendor's
        var listed = await manager.GetJsonAsync($"/api/v1/teams/{teamId}");
        Assert.Equal(1, listed.GetProperty("members").GetInt32());
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await manager.PostJsonAsync(
                    "/api/v1/staff",
                    new
                    {
                        teamId,
                        name = "乙",
                        phone = "110",
                    }
                )
            ).StatusCode
        );
        var outsider = await _app.As("manager2");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/teams/{teamId}")).StatusCode);
    }

    [Fact]
    public async Task A_person_is_linked_to_a_unit_as_family_and_shows_among_its_occupants()
    {
        var service = await _app.As("service");
        var project = await JinxiuAsync();
        var unit = await _app.DbAsync(db => db.Units().Where(u => u.ProjectId == project.Id).OrderBy(u => u.Number).FirstAsync());
        var person = await (
            await service.PostJsonAsync(
                "/api/v1/people",
                new
                {
                    projectId = project.Id,
                    name = "小明",
                    birthday = "2015-06-01",
                }
            )
        ).JsonAsync();
        var id = person.GetProperty("id").GetGuid();
        var link = await service.PostJsonAsync(
            $"/api/v1/people/{id}/units",
            new
            {
                unitId = unit.Id,
                relation = "family",
                kinship = "子女",
            }
        );
        Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await service.PostJsonAsync($"/api/v1/people/{id}/units", new { unitId = unit.Id, relation = "family" })).StatusCode
        );
        var occupants = await service.GetJsonAsync($"/api/v1/units/{unit.Id}/occupants");
        Assert.Contains(occupants.EnumerateArray(), o =>
            o.GetProperty("personName").GetString() == "小明" && o.GetProperty("kinship").GetString() == "子女"
        );
        var again = await service.GetJsonAsync($"/api/v1/people/{id}");
        Assert.Contains("家庭成员", again.GetProperty("homes").GetString());
    }
}
