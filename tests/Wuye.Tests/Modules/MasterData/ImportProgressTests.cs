using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.MasterData;

/// <summary>A long upload and commit say how far they have got, to the uploader only.</summary>
[Collection(nameof(MasterDataApiCollection))]
public sealed class ImportProgressTests(SharedApp shared) : IAsyncLifetime
{
    private WuyeApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(TimeProvider.System);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Polls the progress until the work is done; returns every state seen.</summary>
    private static async Task<List<JsonElement>> WatchAsync(HttpClient client, Guid token, Task work)
    {
        var seen = new List<JsonElement>();
        while (!work.IsCompleted)
        {
            var res = await client.GetAsync($"/api/v1/imports/progress/{token}");
            if (res.StatusCode == HttpStatusCode.OK)
                seen.Add(await res.JsonAsync());
            await Task.Delay(10);
        }
        await work;
        seen.Add(await client.GetJsonAsync($"/api/v1/imports/progress/{token}"));
        return seen;
    }

    [Fact]
    public async Task Checking_and_committing_a_long_file_report_rows_done_of_rows_in_the_file_to_the_uploader_only()
    {
        var manager = await _app.As("manager");
        var company = await _app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
        var project = (
            await (
                await manager.PostJsonAsync(
                    "/api/v1/projects",
                    new
                    {
                        companyId = company,
                        name = "进度花园",
                        kind = "residential",
                    }
                )
            ).JsonAsync()
        ).GetProperty("id").GetGuid();
        var rows = Workbooks.Units(10, 25, 20); // 5,000 units
        var file = Workbooks.Xlsx(new TestSheet("房屋", rows));

        var token = Guid.NewGuid();
        var upload = manager.PostAsync(
            $"/api/v1/imports?projectId={project}&progressToken={token}&rows=errors",
            Workbooks.Upload(file, "进度花园.xlsx")
        );
        var seen = await WatchAsync(manager, token, upload);
        var report = await (await upload).JsonAsync();
        var last = seen[^1];
        Assert.True(last.GetProperty("finished").GetBoolean());
        Assert.Contains(seen, s => s.GetProperty("total").GetInt32() == 5000 && s.GetProperty("done").GetInt32() > 0);
        Assert.All(seen, s => Assert.True(s.GetProperty("done").GetInt32() <= Math.Max(5000, s.GetProperty("total").GetInt32())));

        // Another user cannot read it, even with the token.
        var other = await (await _app.As("manager2")).GetAsync($"/api/v1/imports/progress/{token}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        var commitToken = Guid.NewGuid();
        var batch = report.GetProperty("batch").GetProperty("id").GetGuid();
        var commit = manager.PostAsync($"/api/v1/imports/{batch}/commit?progressToken={commitToken}", null);
        var commitSeen = await WatchAsync(manager, commitToken, commit);
        Assert.Equal(HttpStatusCode.OK, (await commit).StatusCode);
        Assert.True(commitSeen[^1].GetProperty("finished").GetBoolean());
        Assert.Equal(5000, await _app.DbAsync(db => db.Units().CountAsync(u => u.ProjectId == project)));
    }
}
