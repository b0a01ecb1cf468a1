using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>The app of <see cref="FileTests"/>: photos limited to 100 kB.</summary>
public sealed class SmallFilesApp(TestCluster cluster) : SharedApp(cluster)
{
    protected override Dictionary<string, string?>? Settings => new() { ["Wuye:Files:MaxBytes"] = "100000" };
}

public sealed class FileTests(SmallFilesApp shared) : IClassFixture<SmallFilesApp>
{
    private readonly WuyeApp _app = shared.App;

    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    );

    private Task<Guid> ProjectAsync() =>
        _app.DbAsync(db =>
            db.Projects()
                .Where(p => db.Companies().Any(c => c.Id == p.CompanyId && c.Name.StartsWith("锦华")))
                .Select(p => p.Id)
                .OrderBy(p => p)
                .FirstAsync()
        );

    private static MultipartFormDataContent Form(byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(part, "file", name);
        return form;
    }

    [Fact]
    public async Task A_photo_is_stored_and_read_back_only_by_those_who_see_its_project()
    {
        var project = await ProjectAsync();
        var pm = await _app.As("manager");
        var res = await pm.PostAsync($"/api/v1/files?projectId={project}", Form(Png, "现场.png"));
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var url = (await res.JsonAsync()).GetProperty("url").GetString()!;
        Assert.Equal(Png, await (await pm.GetAsync(url)).Content.ReadAsByteArrayAsync());

        var other = await _app.As("manager2");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Something_that_is_not_an_image_is_refused_even_when_named_png()
    {
        var project = await ProjectAsync();
        var pm = await _app.As("manager");
        var res = await pm.PostAsync($"/api/v1/files?projectId={project}", Form("%PDF-1.7 not a photo"u8.ToArray(), "fake.png"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task A_photo_over_the_limit_is_refused_and_nothing_is_kept()
    {
        var project = await ProjectAsync();
        var pm = await _app.As("manager");
        var big = new byte[150_000];
        Png.CopyTo(big, 0);
        var before = await _app.DbAsync(db => db.Set<Wuye.Platform.Files.StoredFile>().CountAsync());
        var res = await pm.PostAsync($"/api/v1/files?projectId={project}", Form(big, "big.png"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal(before, await _app.DbAsync(db => db.Set<Wuye.Platform.Files.StoredFile>().CountAsync()));
    }

    [Fact]
    public async Task A_photo_for_another_companys_project_is_refused()
    {
        var project = await ProjectAsync();
        var other = await _app.As("manager2");
        var res = await other.PostAsync($"/api/v1/files?projectId={project}", Form(Png, "x.png"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
    }

    /// <summary>
    /// A regulator adds company files only: a photo into an owner's home (which the owner would see as theirs) or into a project is
    /// refused field by field and nothing is stored; a company file still goes in.
    /// </summary>
    [Fact]
    public async Task A_regulator_cannot_store_a_file_inside_an_owners_home_or_a_project()
    {
        var owner = await _app.As("owner");
        var unit = (await owner.GetJsonAsync("/api/v1/units?pageSize=5")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var project = await ProjectAsync();
        var company = await _app.DbAsync(db => db.Projects().Where(p => p.Id == project).Select(p => p.CompanyId).FirstAsync());
        var regulator = await _app.As("regulator");
        var regulatorId = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "regulator").Select(u => u.Id).FirstAsync());
        Task<int> RegulatorsFilesAsync() =>
            _app.DbAsync(db =>
                db.Set<Wuye.Platform.Files.StoredFile>()
                    .IgnoreQueryFilters()
                    .CountAsync(f => f.UploadedBy == regulatorId && f.CompanyId == company)
            );
        var before = await RegulatorsFilesAsync();

        var intoHome = await regulator.PostAsync($"/api/v1/files?unitId={unit}", Form(Png, "入户.png"));
        Assert.Equal(HttpStatusCode.BadRequest, intoHome.StatusCode);
        Assert.True((await intoHome.JsonAsync()).GetProperty("errors").TryGetProperty("unitId", out _));
        var intoProject = await regulator.PostAsync($"/api/v1/files?projectId={project}", Form(Png, "项目.png"));
        Assert.Equal(HttpStatusCode.BadRequest, intoProject.StatusCode);
        Assert.True((await intoProject.JsonAsync()).GetProperty("errors").TryGetProperty("projectId", out _));
        Assert.Equal(before, await RegulatorsFilesAsync());
        Assert.DoesNotContain(
            "入户.png",
            await _app.DbAsync(db =>
                db.Set<Wuye.Platform.Files.StoredFile>()
                    .IgnoreQueryFilters()
                    .Where(f => f.UnitId == unit)
                    .Select(f => f.FileName)
                    .ToListAsync()
            )
        );

        var forCompany = await regulator.PostAsync($"/api/v1/files?companyId={company}", Form(Png, "企业.png"));
        Assert.Equal(HttpStatusCode.Created, forCompany.StatusCode);
        Assert.Equal(before + 1, await RegulatorsFilesAsync());
    }
}
