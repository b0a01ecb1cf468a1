using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.ListSiteSurveys;

/// <summary>The survey form's topics, the surveys of pre-handover sites, and the surveys due per site and period.</summary>
internal static class ListSiteSurveysEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/site-surveys").WithTags("Inspections");

        g.MapGet("/topics", () =>
                TypedResults.Ok(SiteSurvey.Topics.Select((t, i) => new { position = i + 1, topic = Loc.T(t.Zh, t.En) }).ToList())
            )
            .WithSummary("The survey form's topics, each scored 1–5");

        g.MapGet("/", async (WuyeDb db, Guid? projectId, CancellationToken ct) =>
                TypedResults.Ok(await SiteSurveys.ListAsync(db, projectId, ct))
            )
            .WithSummary("Surveys of the sales office (monthly) and developer (quarterly) of pre-handover sites, newest first");

        g.MapGet("/schedule", async (WuyeDb db, TimeProvider clock, Guid? projectId, CancellationToken ct) =>
                TypedResults.Ok(await SiteSurveys.ScheduleAsync(db, clock, projectId, ct))
            )
            .WithSummary("Surveys due per supervised site and period: submitted, late, due or overdue, with the average score's change");
    }
}
