using System.Net;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Inspections;

/// <summary>The inspection area's own pages check the role themselves (InspectionRoles), not only the menu that leads there.</summary>
[Collection(nameof(InspectionsApiCollection))]
public sealed class InspectionPageAccessTests(SharedApp shared) : IAsyncLifetime
{
    private WuyeApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(TimeProvider.System);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static readonly string[] InspectorPages =
    [
        "/inspections/plans",
        "/inspections/check-items",
        "/inspections/metrics",
        "/inspections/waves",
        "/inspections/supervision",
        $"/inspections/perform?projectId={Guid.Empty}",
    ];

    [Fact]
    public async Task Plans_standards_metrics_and_the_other_inspector_pages_answer_403_to_a_role_that_may_not_open_them()
    {
        var failures = new List<string>();
        foreach (var user in new[] { "guard", "tech", "owner", "committee" })
        {
            var client = await _app.As(user);
            foreach (var page in InspectorPages)
            {
                var status = (await client.GetAsync(page)).StatusCode;
                if (status != HttpStatusCode.Forbidden)
                    failures.Add($"{user} {page}: {(int)status}");
            }
        }
        // The guard answers notices and takes part in team checks: those pages stay open to him.
        var guard = await _app.As("guard");
        foreach (var page in new[] { "/inspections/notices", "/inspections/teams" })
            if ((await guard.GetAsync(page)).StatusCode != HttpStatusCode.OK)
                failures.Add($"guard {page} should open");
        // The owner has no part in the inspection area at all.
        if ((await (await _app.As("owner")).GetAsync("/inspections/teams")).StatusCode != HttpStatusCode.Forbidden)
            failures.Add("owner /inspections/teams should be 403");
        var inspector = await _app.As("inspector");
        foreach (var page in InspectorPages.SkipLast(1))
        {
            var status = (await inspector.GetAsync(page)).StatusCode;
            if (status != HttpStatusCode.OK)
                failures.Add($"inspector {page}: {(int)status}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
