using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Identity;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Facilities;

/// <summary>
/// Who records meter readings: the facilities roles, where they hold them. A technician of one project who is a desk clerk of
/// another reads both projects' meters but records only in his own — by hand on the API, by hand on the meters page (no form for
/// the other project's meter) and by the page's .xlsx import; a desk clerk alone gets 403 on the API and the page.
/// </summary>
[Collection(nameof(FacilitiesApiCollection))]
public sealed class MeterReadingRoleTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    [Fact]
    public async Task Readings_are_recorded_only_where_the_user_holds_a_facilities_role_on_the_api_the_page_and_the_import()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (company, own, other) = await _app.DbAsync(async db =>
        {
            var tech = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).SingleAsync();
            var grant = await db.RoleAssignments.FirstAsync(r => r.UserId == tech && r.Role == Roles.Technician && r.ProjectId != null);
            var otherProject = await db.Projects()
                .Where(p => p.CompanyId == grant.CompanyId && p.Id != grant.ProjectId)
                .OrderBy(p => p.Id)
                .Select(p => p.Id)
                .FirstAsync();
            return (grant.CompanyId!.Value, grant.ProjectId!.Value, otherProject);
        });
        string ownCode = $"RA-{tag}",
            otherCode = $"RB-{tag}";
        var (ownMeter, otherMeter) = await _app.DbAsync(async db =>
        {
            var a = new Meter
            {
                CompanyId = company,
                ProjectId = own,
                Code = ownCode,
                Name = "本项目水表",
                Kind = MeterKind.Water,
            };
            var b = new Meter
            {
                CompanyId = company,
                ProjectId = other,
                Code = otherCode,
                Name = "另一项目水表",
                Kind = MeterKind.Water,
            };
            db.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        Task<int> ReadingsAsync(Guid meter) => _app.DbAsync(db => db.Set<MeterReading>().CountAsync(r => r.MeterId == meter));
        var userName = $"mr{tag}";
        await _app.CreateUserAsync(
            userName,
            company,
            new RoleAssignment
            {
                Role = Roles.Technician,
                CompanyId = company,
                ProjectId = own,
            },
            new RoleAssignment
            {
                Role = Roles.CustomerService,
                CompanyId = company,
                ProjectId = other,
            }
        );
        var mixed = await _app.As(userName, TestUsers.Password);

        // The API: his own project's meter yes, the other's no.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await mixed.PostJsonAsync("/api/v1/meter-readings", new { meterId = otherMeter, value = 100m })).StatusCode
        );
        await mixed.PostJsonAsync("/api/v1/meter-readings", new { meterId = ownMeter, value = 100m }).OkAsync();

        // The page shows both meters, a reading form for his own only.
        var html = await mixed.GetStringAsync("/facilities/meters");
        Assert.Contains("data-testid=\"reading-form\"", MeterBlock(html, ownCode));
        Assert.DoesNotContain("data-testid=\"reading-form\"", MeterBlock(html, otherCode));
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        // A reading posted to the page for the other project's meter anyway: refused, nothing saved.
        var posted = await mixed.PostAsync(
            "/facilities/meters?handler=Reading",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["meterId"] = otherMeter.ToString(),
                    ["value"] = "100",
                }
            )
        );
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("data-testid=\"error\"", await posted.Content.ReadAsStringAsync());
        Assert.Equal(0, await ReadingsAsync(otherMeter));

        // The page's import: the other project's meter is a row error, and nothing of the file is saved.
        var file = new ByteArrayContent(MeterReadingTests.Xlsx((ownCode, 150, null), (otherCode, 100, null)));
        file.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var imported = await mixed.PostAsync(
            "/facilities/meters?handler=Import&commit=true",
            new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { file, "file", "readings.xlsx" } }
        );
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var report = await imported.Content.ReadAsStringAsync();
        Assert.Contains($"无权录入表号“{otherCode}”的读数", report);
        Assert.Contains("data-saved=\"false\"", report);
        Assert.Equal((1, 0), (await ReadingsAsync(ownMeter), await ReadingsAsync(otherMeter)));

        // A desk clerk alone may not record readings: 403 on the API, and no meters page (no form).
        var service = await _app.As("service");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await service.PostJsonAsync("/api/v1/meter-readings", new { meterId = otherMeter, value = 100m })).StatusCode
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await service.GetAsync("/facilities/meters")).StatusCode);
        Assert.Equal(0, await ReadingsAsync(otherMeter));
    }

    /// <summary>The meters list's entry of one meter (up to the next entry).</summary>
    private static string MeterBlock(string html, string code)
    {
        var list = html[html.IndexOf("data-testid=\"meters\"", StringComparison.Ordinal)..];
        var start = list.IndexOf($"data-meter=\"{code}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"meter {code} is not listed");
        var next = list.IndexOf("data-meter=\"", start + 1, StringComparison.Ordinal);
        return next < 0 ? list[start..] : list[start..next];
    }
}
