using System.Net;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// 002/篇4 indicators 22 (管理层员工专业培训合格率) and 23 (特种作业员工持证上岗率) on a fixture project built through the API:
/// three team leaders and four workers, professional training passed, failed, outside twelve months or of another topic, and
/// certificates valid, lapsed, lapsed-but-replaced and partly lapsed. The endpoint and the page equal the hand-computed values.
/// </summary>
public sealed class StaffIndicatorTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly WuyeApp _app = shared.App;

    [Fact]
    public async Task The_two_002_staff_indicators_equal_the_hand_computed_values()
    {
        var manager = await _app.As("manager");
        var (_, project, team) = await StaffTestKit.ProjectWithTeamAsync(_app, "指标核算花园", "工程班");
        async Task<Guid> PersonAsync(string name, bool leader) => (
                await manager
                    .PostJsonAsync(
                        "/api/v1/staff",
                        new
                        {
                            teamId = team,
                            name,
                            isLeader = leader,
                        }
                    )
                    .OkAsync()
            ).GetProperty("id").GetGuid();
        var (l1, l2, l3) = (await PersonAsync("组长甲", true), await PersonAsync("组长乙", true), await PersonAsync("组长丙", true));
        var (w1, w2, w3, w4) = (
            await PersonAsync("电工甲", false),
            await PersonAsync("电工乙", false),
            await PersonAsync("电工丙", false),
            await PersonAsync("电工丁", false)
        );
        var today = ChinaTime.Today(TimeProvider.System);

        async Task TrainAsync(string topic, int daysAgo, params (Guid Who, int Score)[] results)
        {
            var session = await manager
                .PostJsonAsync(
                    "/api/v1/trainings",
                    new
                    {
                        projectId = project,
                        title = "配电专业技能",
                        topic,
                        heldOn = today.AddDays(-daysAgo),
                        hours = 2,
                        passMark = 60,
                        staffMemberIds = results.Select(r => r.Who).ToArray(),
                    }
                )
                .OkAsync();
            await manager
                .PostJsonAsync(
                    $"/api/v1/trainings/{session.GetProperty("id").GetGuid()}/results",
                    new
                    {
                        results = results
                            .Select(r => new
                            {
                                staffMemberId = r.Who,
                                attended = true,
                                score = r.Score,
                            })
                            .ToArray(),
                    }
                )
                .OkAsync();
        }
        // 22: l1 passed; l2 failed (and passed only a safety session); l3 passed only 400 days ago; w1 is not management.
        await TrainAsync("professional", 10, (l1, 70), (l2, 50), (w1, 90));
        await TrainAsync("safety", 5, (l2, 95));
        await TrainAsync("professional", 400, (l3, 88));

        async Task CertificateAsync(Guid who, string kind, int issuedDaysAgo, int expiresInDays) =>
            await manager
                .PostJsonAsync(
                    "/api/v1/certificates",
                    new
                    {
                        staffMemberId = who,
                        kind,
                        number = $"T{Guid.NewGuid():N}"[..12],
                        issuedOn = today.AddDays(-issuedDaysAgo),
                        expiresOn = today.AddDays(expiresInDays),
                    }
                )
                .OkAsync();
        // 23: w1 valid; w2 lapsed yesterday; w3 electrician valid but height work lapsed; w4 lapsed then a new valid one.
        await CertificateAsync(w1, "electrician", 100, 300);
        await CertificateAsync(w2, "electrician", 1000, -1);
        await CertificateAsync(w3, "electrician", 100, 300);
        await CertificateAsync(w3, "heightWork", 1000, -30);
        await CertificateAsync(w4, "electrician", 1000, -60);
        await CertificateAsync(w4, "electrician", 50, 1000);

        var row = (await manager.GetJsonAsync($"/api/v1/staff-assessments/indicators?projectId={project}")).EnumerateArray().Single();
        // Hand-computed: 22 = 1 of 3 leaders = 33.3%; 23 = 2 (w1, w4) of 4 with certificates = 50%.
        Assert.Equal(
            (3, 1, 33.3m, 4, 2, 50m),
            (
                row.GetProperty("managementStaff").GetInt32(),
                row.GetProperty("managementPassed").GetInt32(),
                row.GetProperty("managementTrainingPassRate").GetDecimal(),
                row.GetProperty("specialOperationStaff").GetInt32(),
                row.GetProperty("specialOperationCertified").GetInt32(),
                row.GetProperty("certifiedRate").GetDecimal()
            )
        );
        Assert.Equal(today, DateOnly.Parse(row.GetProperty("day").GetString()!));

        var bad = await manager.GetAsync("/api/v1/staff-assessments/indicators?month=2026-1");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["month"], (await bad.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        // A month after this one has no figures: refused on the field, not today's figures under its name.
        var future = await manager.GetAsync($"/api/v1/staff-assessments/indicators?month={today.AddMonths(1):yyyy-MM}");
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Equal(["month"], (await future.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var tech = await _app.As("tech");
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.GetAsync("/api/v1/staff-assessments/indicators")).StatusCode);
        // The technician opens the page for his own score (我的考核), without the indicators.
        var own = WebUtility.HtmlDecode(await tech.GetStringAsync("/staff/assessments"));
        Assert.Contains("data-testid=\"my-score\"", own);
        Assert.DoesNotContain("data-testid=\"indicator-22\"", own);

        var html = WebUtility.HtmlDecode(await manager.GetStringAsync("/staff/assessments"));
        // This project's card only: cut at the next card, so a value on a later card cannot pass for this one's.
        var card = html[(html.IndexOf("data-project=\"指标核算花园\"", StringComparison.Ordinal) + 1)..];
        card = card.IndexOf("data-project=", StringComparison.Ordinal) is var next and >= 0 ? card[..next] : card;
        Assert.Contains("data-testid=\"indicator-22\">33.3%<", card);
        Assert.Contains("data-testid=\"indicator-23\">50%<", card);
    }
}
