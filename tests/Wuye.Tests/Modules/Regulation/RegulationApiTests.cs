using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Regulation;

/// <summary>
/// The regulator keeps scoring tables and conduct records; a company reads and objects to its own records, never another
/// company's, and can never change a regulator's record, through the API or through the database write check.
/// </summary>
[Collection(nameof(RegulationApiCollection))]
public sealed class RegulationApiTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private Task<Guid> CompanyAsync(string prefix) =>
        _app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith(prefix)).Select(c => c.Id).FirstAsync());

    private static string Today =>
        DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).ToString("yyyy-MM-dd");

    private async Task<Guid> RecordAsync(HttpClient regulator, Guid company, string item = "rectify_late")
    {
        var created = await regulator
            .PostJsonAsync(
                "/api/v1/conduct-records",
                new
                {
                    companyId = company,
                    itemCode = item,
                    occurredOn = Today,
                    evidence = "台账 #7 逾期未整改",
                }
            )
            .OkAsync();
        Assert.Equal("inObjectionWindow", created.GetProperty("status").GetString());
        return created.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_company_reads_and_objects_to_its_own_records_and_the_regulator_decides()
    {
        var regulator = await _app.As("regulator");
        var manager = await _app.As("manager");
        var other = await _app.As("manager2");
        var jinhua = await CompanyAsync("锦华");
        var id = await RecordAsync(regulator, jinhua);

        Assert.Equal(jinhua, (await manager.GetJsonAsync($"/api/v1/conduct-records/{id}")).GetProperty("companyId").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/conduct-records/{id}")).StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await other.PostJsonAsync($"/api/v1/conduct-records/{id}/objection", new { reason = "x" })).StatusCode
        );
        var companyRecord = await manager.PostJsonAsync(
            "/api/v1/conduct-records",
            new
            {
                companyId = jinhua,
                itemCode = "award",
                occurredOn = Today,
                evidence = "自己给自己加分",
            }
        );
        Assert.Equal(HttpStatusCode.Forbidden, companyRecord.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/credit-rating-tables")).StatusCode);

        var objected = await manager
            .PostJsonAsync($"/api/v1/conduct-records/{id}/objection", new { reason = "已于当日整改，附照片" })
            .OkAsync();
        Assert.Equal("objected", objected.GetProperty("status").GetString());
        var twice = await manager.PostJsonAsync($"/api/v1/conduct-records/{id}/objection", new { reason = "再次" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await manager.PostJsonAsync($"/api/v1/conduct-records/{id}/objection/decision", new { accepted = true })).StatusCode
        );
        var decided = await regulator
            .PostJsonAsync($"/api/v1/conduct-records/{id}/objection/decision", new { accepted = false, note = "照片拍摄于期限之后" })
            .OkAsync();
        Assert.Equal("counts", decided.GetProperty("status").GetString());

        var own = await manager.GetJsonAsync("/api/v1/conduct-records?pageSize=200");
        Assert.All(own.GetProperty("items").EnumerateArray(), r => Assert.Equal(jinhua, r.GetProperty("companyId").GetGuid()));
    }

    [Fact]
    public async Task The_database_lets_only_the_keeping_regulator_change_its_record()
    {
        var regulator = await _app.As("regulator");
        var id = await RecordAsync(regulator, await CompanyAsync("锦华"));
        async Task ChangeAs(string user)
        {
            using var scope = _app.Services.CreateScope();
            var userId = await _app.DbAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Id).FirstAsync());
            var accessor = scope.ServiceProvider.GetRequiredService<ScopeAccessor>();
            accessor.Scope = await scope.ServiceProvider.GetRequiredService<ScopeResolver>().ResolveAsync(userId, user, default);
            var db = scope.ServiceProvider.GetRequiredService<WuyeDb>();
            var record = await db.Set<ConductRecord>().FirstAsync(r => r.Id == id);
            record.Evidence = $"changed by {user}";
            await db.SaveChangesAsync();
        }
        await Assert.ThrowsAsync<ForbiddenException>(() => ChangeAs("manager"));
        await ChangeAs("regulator");
        Assert.Equal(
            "changed by regulator",
            await _app.DbAsync(db => db.Set<ConductRecord>().Where(r => r.Id == id).Select(r => r.Evidence).FirstAsync())
        );
    }

    [Fact]
    public Task A_regulator_adopts_a_preset_and_edits_its_table_as_a_new_version() =>
        RegulatorTableKit.KeepingTableAsync(_app, _ => AdoptsAndEditsAsync());

    private async Task AdoptsAndEditsAsync()
    {
        var regulator = await _app.As("regulator");
        var presets = await regulator.GetJsonAsync("/api/v1/credit-rating-tables/presets");
        Assert.Equal(["yantai", "shandong", "shangqiu", "kaihua"], presets.EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        var adopted = await regulator.PostJsonAsync("/api/v1/credit-rating-tables", new { preset = "kaihua" }).OkAsync();
        var revised = await regulator
            .PostJsonAsync(
                $"/api/v1/credit-rating-tables/{adopted.GetProperty("id")}/versions",
                new { appealDays = 5, name = "开化县评分标准（修订）" }
            )
            .OkAsync();
        Assert.Equal(adopted.GetProperty("versionNo").GetInt32() + 1, revised.GetProperty("versionNo").GetInt32());
        Assert.Equal(5, revised.GetProperty("appealDays").GetInt32());
        Assert.Equal("custom", revised.GetProperty("preset").GetString());
        Assert.Equal(4, revised.GetProperty("bands").GetArrayLength());
        var old = await regulator.PostJsonAsync(
            $"/api/v1/credit-rating-tables/{adopted.GetProperty("id")}/versions",
            new { appealDays = 7 }
        );
        Assert.Equal(HttpStatusCode.Conflict, old.StatusCode);
        var badBands = await regulator.PostJsonAsync(
            $"/api/v1/credit-rating-tables/{revised.GetProperty("id")}/versions",
            new { bands = new object[] { new { grade = "B", minScore = 60 }, new { grade = "A", minScore = 80 } } }
        );
        Assert.Equal(HttpStatusCode.Conflict, badBands.StatusCode);
        var noPreset = await regulator.PostJsonAsync("/api/v1/credit-rating-tables", new { preset = "beijing" });
        Assert.Equal(HttpStatusCode.BadRequest, noPreset.StatusCode);
    }

    [Fact]
    public Task The_close_ranks_grades_and_publishes_once_and_the_public_page_shows_only_what_the_table_allows() =>
        RegulatorTableKit.KeepingTableAsync(_app, ClosesAsync);

    private async Task ClosesAsync(JsonElement current)
    {
        // The demo scored the last period's figures the day after it ended: the close is offered once their objection window passed.
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var last = RatingPeriod.LastEnded(RatingPeriodKind.HalfYear, today).Code;
        var offered = await _app.DbAsync(db =>
            db.Set<ConductRecord>().Where(r => r.FigurePeriod == last).MaxAsync(r => (DateOnly?)r.AppealUntil)
        );
        if (offered is { } until && until >= today)
            shared.Use(Clocks.At(new DateTimeOffset(until.AddDays(1).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8))));
        var regulator = await _app.As("regulator");
        await regulator
            .PostJsonAsync($"/api/v1/credit-rating-tables/{current.GetProperty("id")}/versions", new { publicScores = false })
            .OkAsync();
        var closed = await regulator.PostJsonAsync("/api/v1/credit-ratings/close", new { }).OkAsync();
        var ratings = closed.GetProperty("ratings").EnumerateArray().ToList();
        Assert.True(ratings.Count >= 2);
        Assert.Equal(1, ratings[0].GetProperty("rank").GetInt32());
        Assert.True(ratings[0].GetProperty("score").GetDecimal() >= ratings[^1].GetProperty("score").GetDecimal());
        Assert.True(ratings[^1].GetProperty("flagged").GetBoolean());
        var period = closed.GetProperty("period").GetString();
        var again = await regulator.PostJsonAsync("/api/v1/credit-ratings/close", new { period });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var open = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var notOver = await regulator.PostJsonAsync(
            "/api/v1/credit-ratings/close",
            new { period = $"{open.Year}H{(open.Month <= 6 ? 1 : 2)}" }
        );
        Assert.Equal(HttpStatusCode.Conflict, notOver.StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await (await _app.As("manager")).PostJsonAsync("/api/v1/credit-ratings/close", new { period })).StatusCode
        );

        var jinhua = await CompanyAsync("锦华");
        var history = await (await _app.As("manager")).GetJsonAsync("/api/v1/credit-ratings");
        Assert.True(history.GetProperty("total").GetInt32() >= 2, "the seeded period and this one");
        Assert.All(history.GetProperty("items").EnumerateArray(), r => Assert.Equal(jinhua, r.GetProperty("companyId").GetGuid()));

        using var anonymous = _app.CreateClient();
        var page = await anonymous.GetStringAsync("/public/credit-ratings");
        Assert.Contains(period!, page);
        Assert.Contains("锦华物业服务有限公司", page);
        Assert.DoesNotContain("得分", page);
        Assert.DoesNotContain(ratings[0].GetProperty("id").GetGuid().ToString(), page);
    }

    /// <summary>
    /// #19's photos on the regulator's own records: the regulator adds (never changes nor deletes) a photo for a company it oversees
    /// and attaches it to its record; the company and the regulator see it, another company, an owner and another regulator never.
    /// </summary>
    [Fact]
    public async Task A_regulator_adds_photos_to_its_own_record_which_only_the_company_and_the_regulator_see()
    {
        var regulator = await _app.As("regulator");
        var manager = await _app.As("manager");
        var jinhua = await CompanyAsync("锦华");
        async Task<HttpResponseMessage> UploadAsync(HttpClient client, string place)
        {
            var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(Wuye.Tests.Platform.FileTests.Png);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            form.Add(part, "file", "现场检查.png");
            return await client.PostAsync($"/api/v1/files?{place}", form);
        }
        var upload = await UploadAsync(regulator, $"companyId={jinhua}");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var photo = (await upload.JsonAsync()).GetProperty("id").GetGuid();
        var managers = (await (await UploadAsync(manager, $"companyId={jinhua}")).JsonAsync()).GetProperty("id").GetGuid();
        var outsider = await UploadAsync(await _app.As("manager2"), $"companyId={jinhua}");
        Assert.True((await outsider.JsonAsync()).GetProperty("errors").TryGetProperty("companyId", out _));

        object Record(params Guid[] fileIds) =>
            new
            {
                companyId = jinhua,
                itemCode = "rectify_late",
                occurredOn = Today,
                evidence = "现场检查：消防通道堆物（附照片）",
                fileIds,
            };
        var notOwn = await regulator.PostJsonAsync("/api/v1/conduct-records", Record(managers));
        Assert.True((await notOwn.JsonAsync()).GetProperty("errors").TryGetProperty("fileIds", out _));
        var created = await regulator.PostJsonAsync("/api/v1/conduct-records", Record(photo)).OkAsync();
        Assert.Equal([photo], created.GetProperty("fileIds").EnumerateArray().Select(f => f.GetGuid()));
        var id = created.GetProperty("id").GetGuid();

        var seen = await manager.GetJsonAsync($"/api/v1/conduct-records/{id}");
        Assert.Equal([photo], seen.GetProperty("fileIds").EnumerateArray().Select(f => f.GetGuid()));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/files/{photo}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await regulator.GetAsync($"/api/v1/files/{photo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.As("manager2")).GetAsync($"/api/v1/files/{photo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.As("owner")).GetAsync($"/api/v1/files/{photo}")).StatusCode);
        var page = await manager.GetStringAsync("/regulation/credit");
        Assert.Contains($"/api/v1/files/{photo}", page);

        // In the database: another regulator neither reads nor adds; the regulator itself adds but never changes or deletes.
        var regulatorUser = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "regulator").Select(u => u.Id).FirstAsync());
        async Task<T> AsAsync<T>(DataScope? scope, Func<WuyeDb, Task<T>> work)
        {
            using var s = _app.Services.CreateScope();
            s.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = scope
                ?? await s.ServiceProvider.GetRequiredService<ScopeResolver>().ResolveAsync(regulatorUser, "regulator", default);
            return await work(s.ServiceProvider.GetRequiredService<WuyeDb>());
        }
        var stranger = new DataScope
        {
            UserId = Guid.NewGuid(),
            Roles = [Roles.Regulator],
            Regulators = [Guid.NewGuid()],
        };
        Assert.False(await AsAsync(stranger, db => db.Set<StoredFile>().AnyAsync(f => f.Id == photo)));
        StoredFile Fake(Guid? by) =>
            new()
            {
                CompanyId = jinhua,
                FileName = "x.png",
                ContentType = "image/png",
                Sha256 = new string('0', 64),
                StoragePath = "none",
                UploadedBy = by,
            };
        await Assert.ThrowsAsync<ForbiddenException>(() => AsAsync(stranger, db =>
            {
                db.Add(Fake(stranger.UserId));
                return db.SaveChangesAsync();
            }));
        await Assert.ThrowsAsync<ForbiddenException>(() => AsAsync(null, async db =>
            {
                (await db.Set<StoredFile>().FirstAsync(f => f.Id == photo)).FileName = "改名.png";
                return await db.SaveChangesAsync();
            }));
        await Assert.ThrowsAsync<ForbiddenException>(() => AsAsync(null, async db =>
            {
                db.Remove(await db.Set<StoredFile>().FirstAsync(f => f.Id == photo));
                return await db.SaveChangesAsync();
            }));
        await Assert.ThrowsAsync<ForbiddenException>(() => AsAsync(null, db =>
            {
                db.Add(Fake(Guid.NewGuid())); // added in someone else's name
                return db.SaveChangesAsync();
            }));
        // Its own file, but inside an owner's home (or a project): never — the owner would see it as theirs.
        var home = await _app.DbAsync(db =>
            db.Units().Where(u => u.CompanyId == jinhua).Select(u => new { u.Id, u.ProjectId }).FirstAsync()
        );
        await Assert.ThrowsAsync<ForbiddenException>(() => AsAsync(null, db =>
            {
                var f = Fake(regulatorUser);
                (f.ProjectId, f.UnitId) = (home.ProjectId, home.Id);
                db.Add(f);
                return db.SaveChangesAsync();
            }));
        await Assert.ThrowsAsync<ForbiddenException>(() => AsAsync(null, db =>
            {
                var f = Fake(regulatorUser);
                f.ProjectId = home.ProjectId;
                db.Add(f);
                return db.SaveChangesAsync();
            }));
    }

    /// <summary>
    /// The credit page's record form uploads photos with the record: a record refused (a date in the future) or a form with a photo
    /// that is not one stores none of its photos — a regulator may not delete a file once stored — and a good form stores them.
    /// </summary>
    [Fact]
    public async Task A_refused_record_form_leaves_no_photos_behind()
    {
        // A client that does not follow the page's redirect: a saved form answers 302, a refused one the page with its error.
        var regulator = _app.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        regulator.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer",
            await _app.TokenAsync("regulator")
        );
        var jinhua = await CompanyAsync("锦华");
        var regulatorUser = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "regulator").Select(u => u.Id).FirstAsync());
        Task<int> FilesAsync() =>
            _app.DbAsync(db => db.Set<StoredFile>().CountAsync(f => f.UploadedBy == regulatorUser && f.CompanyId == jinhua));
        var page = await regulator.GetStringAsync("/regulation/credit");
        var token = System
            .Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")
            .Groups[1]
            .Value;
        Assert.NotEmpty(token);
        async Task<HttpResponseMessage> PostAsync(DateOnly occurredOn, string evidence, params byte[][] photos)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(jinhua.ToString()), "companyId" },
                { new StringContent("rectify_late"), "itemCode" },
                { new StringContent(occurredOn.ToString("yyyy-MM-dd")), "occurredOn" },
                { new StringContent(evidence), "evidence" },
            };
            for (var i = 0; i < photos.Length; i++)
            {
                var part = new ByteArrayContent(photos[i]);
                part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
                form.Add(part, "photos", $"现场{i}.png");
            }
            return await regulator.PostAsync("/regulation/credit?handler=Record", form);
        }
        var today = ChinaTime.Today(TimeProvider.System);
        var before = await FilesAsync();

        var future = await PostAsync(today.AddDays(1), "复查：消防栓被遮挡（明日）", Wuye.Tests.Platform.FileTests.Png);
        Assert.Equal(HttpStatusCode.OK, future.StatusCode);
        Assert.Contains("发生日期不能晚于今天", await future.Content.ReadAsStringAsync());
        var notAPhoto = await PostAsync(today, "复查：消防栓被遮挡（假照片）", Wuye.Tests.Platform.FileTests.Png, "%PDF-1.7"u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, notAPhoto.StatusCode);
        Assert.Equal(before, await FilesAsync());
        Assert.False(await _app.DbAsync(db => db.Set<ConductRecord>().AnyAsync(r => r.Evidence.StartsWith("复查：消防栓被遮挡"))));

        var good = await PostAsync(
            today,
            "复查：消防栓被遮挡（两张照片）",
            Wuye.Tests.Platform.FileTests.Png,
            Wuye.Tests.Platform.FileTests.Png
        );
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(before + 2, await FilesAsync());
        var record = await _app.DbAsync(db => db.Set<ConductRecord>().SingleAsync(r => r.Evidence == "复查：消防栓被遮挡（两张照片）"));
        Assert.Equal(2, record.FileIds.Length);
    }
}
