using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Jobs;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Regulation;

/// <summary>
/// Owners' committees with a moved clock: the regulator files one for a project that lacked one (which leaves the list of
/// projects without a committee); the company reads it, another company does not, neither files one; 30 days before the term
/// ends the job alerts the regulator and the company's manager once; the next term (换届) arms the alert again.
/// </summary>
[Collection(nameof(RegulationJobsCollection))]
public sealed class CommitteeTermJobTests(SharedApp shared) : MovedClockApp(shared)
{
    private Task<int> AlertsAsync(Guid committee, string user) => InAppAsync(user, $"committee-term:{committee:N}");

    [Fact]
    public async Task A_filed_committee_is_alerted_once_30_days_before_its_term_ends_and_again_after_renewal_only_when_due()
    {
        var company = await App.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.CompanyId).FirstAsync());
        var regulator = await App.As("regulator");
        var manager = await App.As("manager");
        var uncovered = (await regulator.GetJsonAsync("/api/v1/owners-committees/uncovered-projects")).EnumerateArray().ToList();
        var project = uncovered.First(p => p.GetProperty("companyId").GetGuid() == company).GetProperty("id").GetGuid();
        object Body(params (string Name, string Position)[] members) =>
            new
            {
                projectId = project,
                name = "测试业主委员会",
                termStart = On(40 - 5 * 365),
                termEnd = On(40),
                members = members.Select(m => new
                {
                    name = m.Name,
                    position = m.Position,
                    unit = "1幢101室",
                }),
            };

        var byCompany = await manager.PostJsonAsync("/api/v1/owners-committees", Body(("冯建国", "director")));
        Assert.Equal(HttpStatusCode.Forbidden, byCompany.StatusCode);
        var noMembers = await regulator.PostJsonAsync("/api/v1/owners-committees", Body());
        Assert.True((await noMembers.JsonAsync()).GetProperty("errors").TryGetProperty("members", out _));
        var twoDirectors = await regulator.PostJsonAsync("/api/v1/owners-committees", Body(("甲", "director"), ("乙", "director")));
        Assert.Equal("committee.director", (await twoDirectors.JsonAsync()).GetProperty("code").GetString());
        var filed = await regulator
            .PostJsonAsync("/api/v1/owners-committees", Body(("冯建国", "director"), ("赵丽华", "deputyDirector"), ("钱志强", "member")))
            .OkAsync();
        var id = filed.GetProperty("id").GetGuid();
        Assert.Equal(
            (40, false, 3),
            (filed.GetProperty("daysLeft").GetInt32(), filed.GetProperty("endingSoon").GetBoolean(), Count(filed))
        );
        var after = await regulator.GetJsonAsync("/api/v1/owners-committees/uncovered-projects");
        Assert.DoesNotContain(after.EnumerateArray(), p => p.GetProperty("id").GetGuid() == project);
        var taken = await regulator.PostJsonAsync("/api/v1/owners-committees", Body(("周海涛", "director")));
        Assert.Equal("committee.project_taken", (await taken.JsonAsync()).GetProperty("code").GetString());

        Assert.Equal("测试业主委员会", (await manager.GetJsonAsync($"/api/v1/owners-committees/{id}")).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.As("manager2")).GetAsync($"/api/v1/owners-committees/{id}")).StatusCode);
        var renewByCompany = await manager.PostJsonAsync(
            $"/api/v1/owners-committees/{id}/terms",
            new { termStart = On(41), termEnd = On(1800) }
        );
        Assert.Equal(HttpStatusCode.Forbidden, renewByCompany.StatusCode);

        var job = App.Services.GetRequiredService<CommitteeTermJob>();
        await job.RunOnceAsync();
        Assert.Equal(0, await AlertsAsync(id, "manager"));

        Clock.Advance(TimeSpan.FromDays(10)); // 30 days left
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        Assert.Equal((1, 1), (await AlertsAsync(id, "manager"), await AlertsAsync(id, "regulator")));
        App.ForgetTokens();
        regulator = await App.As("regulator");
        var home = WebUtility.HtmlDecode(await (await App.As("manager")).GetStringAsync("/home/company"));
        Assert.Contains("任期即将届满的业主委员会", home);
        Assert.Contains("/regulation/committees", home);

        var renewed = await regulator
            .PostJsonAsync($"/api/v1/owners-committees/{id}/terms", new { termStart = On(41), termEnd = On(41 + 5 * 365 - 2) })
            .OkAsync();
        Assert.Equal((2, false), (renewed.GetProperty("termNo").GetInt32(), renewed.GetProperty("endingSoon").GetBoolean()));
        await job.RunOnceAsync();
        Assert.Equal(1, await AlertsAsync(id, "manager"));
        Assert.Null(await App.DbAsync(db => db.Set<OwnersCommittee>().Where(c => c.Id == id).Select(c => c.TermAlertedFor).FirstAsync()));
    }

    private static int Count(JsonElement committee) => committee.GetProperty("members").GetArrayLength();
}
