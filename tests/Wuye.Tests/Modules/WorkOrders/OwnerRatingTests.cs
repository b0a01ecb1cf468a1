using System.Text.RegularExpressions;
using Wuye.Tests.Kit;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.WorkOrders;

/// <summary>The owner's home count 待我评价 and the list it leads to read one query, so they always agree.</summary>
[Collection(nameof(WorkOrdersApiCollection))]
public sealed partial class OwnerRatingTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    [GeneratedRegex("""href="(?<url>[^"]*)" data-testid="task">\s*<span>待我评价</span>\s*<span[^>]*data-testid="task-count">(?<n>\d+)<""")]
    private static partial Regex RatingTask();

    [GeneratedRegex("""data-testid="to-rate-request" data-id="(?<id>[0-9a-f-]{36})""")]
    private static partial Regex ToRate();

    private async Task<(int Count, string Url, List<string> Listed)> ReadAsync(HttpClient owner)
    {
        var task = RatingTask().Match(await owner.GetStringAsync("/home/owner"));
        Assert.True(task.Success, "no 待我评价 line on the owner's home");
        var url = task.Groups["url"].Value;
        var list = await owner.GetStringAsync(url);
        return (int.Parse(task.Groups["n"].Value), url, [.. ToRate().Matches(list).Select(m => m.Groups["id"].Value)]);
    }

    [Fact]
    public async Task A_job_the_desk_reported_for_the_owners_home_counts_once_finished_and_leaves_both_once_rated()
    {
        var owner = await _app.As("owner");
        var desk = await _app.As("service");
        var unit = await OwnUnitAsync(owner);
        var project = await ProjectOfAsync(_app, unit);
        var before = await ReadAsync(owner);
        Assert.Equal(before.Count, before.Listed.Count);
        Assert.StartsWith("/portal/requests", before.Url);

        // Reported by the desk on the owner's behalf (the owner is not the reporter), then finished by the technician.
        var id = (
            await desk.PostJsonAsync(
                    "/api/v1/service-requests",
                    new
                    {
                        unitId = unit,
                        category = "plumbing",
                        description = "厨房下水慢",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var wo = (await desk.GetJsonAsync($"/api/v1/service-requests/{id}")).GetProperty("workOrders")[0].GetProperty("id").GetGuid();
        await desk.PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = await UserIdAsync(_app, "tech") }).OkAsync();
        var tech = await _app.As("tech");
        await tech.PostAsync($"/api/v1/work-orders/{wo}/accept", null).OkAsync();
        await tech.PostAsync($"/api/v1/work-orders/{wo}/arrive", null).OkAsync();
        var after = await UploadPhotoAsync(tech, project);
        await tech.PostJsonAsync(
                $"/api/v1/work-orders/{wo}/complete",
                new
                {
                    workDone = "疏通厨房下水",
                    afterPhotoIds = new[] { after },
                    ownerConfirmedBy = "钱先生",
                }
            )
            .OkAsync();

        var finished = await ReadAsync(owner);
        Assert.Equal(before.Count + 1, finished.Count);
        Assert.Equal(finished.Count, finished.Listed.Count);
        Assert.Contains(id.ToString(), finished.Listed);

        await owner.PostJsonAsync($"/api/v1/service-requests/{id}/rating", new { satisfied = true, score = 5 }).OkAsync();
        var rated = await ReadAsync(owner);
        Assert.Equal((before.Count, rated.Listed.Count), (rated.Count, rated.Count));
        Assert.DoesNotContain(id.ToString(), rated.Listed);
    }
}
