using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.MasterData;

/// <summary>Findings of the master-data review, each proved by the behaviour it broke.</summary>
[Collection(nameof(MasterDataApiCollection))]
public sealed class ReviewFixTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private Task<Guid> JinxiuAsync() => _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());

    private async Task<(System.Net.HttpStatusCode Status, System.Text.Json.JsonElement Body)> UploadAsync(
        byte[] content,
        string fileName,
        string user,
        Guid project
    )
    {
        var client = await _app.As(user);
        var res = await client.PostAsync($"/api/v1/imports?projectId={project}", Workbooks.Upload(content, fileName));
        return (res.StatusCode, await res.JsonAsync());
    }

    [Fact]
    public async Task Moving_a_building_to_another_zone_moves_its_units_residents_parking_and_vehicles_out_of_the_old_stewards_sight()
    {
        var project = await JinxiuAsync();
        var stewardZone = await _app.DbAsync(db =>
            db.Zones().Where(z => z.ProjectId == project && z.StewardUserId != null).Select(z => z.Id).FirstAsync()
        );
        var (building, otherZone) = await _app.DbAsync(async db =>
            (
                await db.Buildings()
                    .Where(b =>
                        b.ZoneId == stewardZone
                        && db.Set<ParkingSpace>().Any(s => db.Units().Any(u => u.Id == s.UnitId && u.BuildingId == b.Id))
                    )
                    .FirstAsync(),
                await db.Zones().Where(z => z.ProjectId == project && z.Id != stewardZone).Select(z => z.Id).FirstAsync()
            )
        );
        var steward = await _app.As("steward");
        Assert.True((await steward.GetJsonAsync($"/api/v1/units?buildingId={building.Id}")).GetProperty("total").GetInt32() > 0);

        var manager = await _app.As("manager");
        var res = await manager.PutAsync(
            $"/api/v1/buildings/{building.Id}",
            System.Net.Http.Json.JsonContent.Create(
                new
                {
                    name = building.Name,
                    zoneId = otherZone,
                    floors = building.Floors,
                }
            )
        );
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);

        Assert.Equal(0, (await steward.GetJsonAsync($"/api/v1/units?buildingId={building.Id}")).GetProperty("total").GetInt32());
        var stale = await _app.DbAsync(async db =>
        {
            var units = await db.Units().Where(u => u.BuildingId == building.Id).Select(u => u.Id).ToListAsync();
            return (
                Units: await db.Units().CountAsync(u => u.BuildingId == building.Id && u.ZoneId != otherZone),
                Occupants: await db.UnitOccupants().CountAsync(o => units.Contains(o.UnitId) && o.ZoneId != otherZone),
                Parking: await db.Set<ParkingSpace>()
                    .CountAsync(s => s.UnitId != null && units.Contains(s.UnitId.Value) && s.ZoneId != otherZone),
                Vehicles: await db.Set<Vehicle>()
                    .CountAsync(v => v.UnitId != null && units.Contains(v.UnitId.Value) && v.ZoneId != otherZone),
                Moved: await db.UnitOccupants().CountAsync(o => units.Contains(o.UnitId))
            );
        });
        Assert.True(stale.Moved > 0);
        Assert.Equal((0, 0, 0, 0), (stale.Units, stale.Occupants, stale.Parking, stale.Vehicles));
    }

    [Fact]
    public async Task A_project_manager_cannot_create_a_company_wide_vendor_through_an_import()
    {
        var project = await JinxiuAsync();
        var file = Workbooks.Xlsx(
            new TestSheet(
                "设施设备",
                [Workbooks.AssetHeaders, ["ZZ-001", "新水泵", "水泵", null, "泵房", "从未登记过的维保公司", null, null]]
            )
        );
        var (status, body) = await UploadAsync(file, "assets.xlsx", "pm", project);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, body.GetRawText());
        Assert.Equal(1, body.GetProperty("batch").GetProperty("errors").GetInt32());
        Assert.Contains("只能由公司管理层登记", body.GetRawText());
        Assert.False(await _app.DbAsync(db => db.Set<Vendor>().AnyAsync(v => v.Name == "从未登记过的维保公司")));

        var (managerStatus, managerBody) = await UploadAsync(file, "assets.xlsx", "manager", project);
        Assert.Equal(0, managerBody.GetProperty("batch").GetProperty("errors").GetInt32());
        Assert.Contains("新建外包单位", managerBody.GetRawText());
    }

    [Theory]
    [InlineData("XFD1048576")]
    [InlineData("ZZZZZZZZZZ1")]
    public async Task A_value_in_a_far_away_column_is_a_clear_400(string reference)
    {
        var file = Workbooks.Xlsx(new TestSheet("房屋", [Workbooks.UnitHeaders, ["1幢", "101"]]));
        file = Rewrite(file, xml => System.Text.RegularExpressions.Regex.Replace(xml, @"</(\w+:)?sheetData>", m =>
            {
                var x = m.Groups[1].Value;
                return $"<{x}row r=\"3\"><{x}c r=\"{reference}\" t=\"inlineStr\"><{x}is><{x}t>x</{x}t></{x}is></{x}c></{x}row>{m.Value}";
            }));
        var (status, body) = await UploadAsync(file, "far.xlsx", "manager", await JinxiuAsync());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("超出范围", body.GetRawText());
    }

    [Fact]
    public async Task Duplicate_header_names_are_reported_never_a_500()
    {
        var file = Workbooks.Xlsx(
            new TestSheet(
                "房屋",
                [
                    ["楼栋", "房号", "房号"],
                    ["1幢", "101", "102"],
                ]
            )
        );
        var (status, body) = await UploadAsync(file, "dup.xlsx", "manager", await JinxiuAsync());
        Assert.True((int)status < 500, body.GetRawText());
        Assert.Contains("重复的列", body.GetRawText());
    }

    [Fact]
    public async Task A_zip_bomb_sheet_is_refused_with_a_400_before_it_is_unpacked()
    {
        var file = Workbooks.Xlsx(new TestSheet("房屋", [Workbooks.UnitHeaders, ["1幢", "101"]]));
        using var ms = new MemoryStream();
        ms.Write(file);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
            var name = entry.FullName;
            string xml;
            using (var r = new StreamReader(entry.Open()))
                xml = r.ReadToEnd();
            entry.Delete();
            using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            var cut = System.Text.RegularExpressions.Regex.Match(xml, @"<(\w+:)?sheetData").Index;
            w.Write(xml[..cut]);
            var padding = new string(' ', 1 << 20);
            for (var i = 0; i < 120; i++)
                w.Write(padding); // 120 MB of nothing, a few hundred KB packed
            w.Write(xml[cut..]);
        }
        var (status, body) = await UploadAsync(ms.ToArray(), "bomb.xlsx", "manager", await JinxiuAsync());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("压缩炸弹", body.GetRawText());
    }

    [Fact]
    public async Task Zone_names_are_unique_within_a_project_even_past_the_endpoint_check()
    {
        var project = await JinxiuAsync();
        var existing = await _app.DbAsync(db =>
            db.Zones().Where(z => z.ProjectId == project).Select(z => new { z.Name, z.CompanyId }).FirstAsync()
        );
        var manager = await _app.As("manager");
        var res = await manager.PostJsonAsync("/api/v1/zones", new { projectId = project, name = existing.Name });
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        Assert.Equal("zone.duplicate_name", (await res.JsonAsync()).GetProperty("code").GetString());
        // A racing second insert that passed the check meets the unique index.
        await Assert.ThrowsAsync<DbUpdateException>(() =>
            _app.DbAsync(async db =>
            {
                db.Zones()
                    .Add(
                        new Zone
                        {
                            CompanyId = existing.CompanyId,
                            ProjectId = project,
                            Name = existing.Name,
                        }
                    );
                return await db.SaveChangesAsync();
            })
        );
    }

    [Fact]
    public async Task The_master_data_migration_gives_people_without_a_project_the_project_of_their_home()
    {
        var project = await JinxiuAsync();
        var person = await _app.DbAsync(db => db.UnitOccupants().Where(o => o.ProjectId == project).Select(o => o.PersonId).FirstAsync());
        await using var conn = new Npgsql.NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await new Npgsql.NpgsqlCommand(
            $"update master_data.person set project_id = null where id = '{person}'",
            conn
        ).ExecuteNonQueryAsync();
        var sql = MigrationRunner.All.Single(m => m.Name == "master_data_more").Sql;
        await new Npgsql.NpgsqlCommand(sql, conn).ExecuteNonQueryAsync();
        Assert.Equal(project, await _app.DbAsync(db => db.People().Where(p => p.Id == person).Select(p => p.ProjectId).FirstAsync()));
    }

    private static byte[] Rewrite(byte[] xlsx, Func<string, string> edit)
    {
        using var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
            var part = entry.FullName;
            string xml;
            using (var r = new StreamReader(entry.Open()))
                xml = r.ReadToEnd();
            entry.Delete();
            using var w = new StreamWriter(zip.CreateEntry(part).Open(), new UTF8Encoding(false));
            w.Write(edit(xml));
        }
        return ms.ToArray();
    }
}
