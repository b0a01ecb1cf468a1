using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.Surveys;

/// <summary><c>/api/v1/surveys</c>: the builder for the desk and managers, phone answers and results for stewards too, the
/// owner's own questionnaires and answers.</summary>
internal static class SurveyEndpoints
{
    private static readonly string[] Answerers = [.. CareRoles.Stewards, Roles.Owner];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/surveys").WithTags("Customer care");
        g.MapGet("/", async (SurveyBuilder b, Guid? projectId, SurveyStatus? status, int? page, int? pageSize, CancellationToken ct) =>
            {
                var paged = await b.List(projectId, status).ToPagedAsync(page, pageSize, ct);
                return TypedResults.Ok(paged with { Items = [.. paged.Items.Select(SurveyBuilder.Named)] });
            })
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("Satisfaction surveys (满意度调查) of the reader's projects, open first");
        g.MapGet("/mine", async (SurveyBuilder b, CancellationToken ct) => TypedResults.Ok(await b.MineAsync(ct)))
            .RequireRoles(Roles.Owner)
            .WithSummary("The owner's questionnaires: open ones their homes were sampled for, and those answered");
        g.MapGet("/results", async (SurveyResults r, DateOnly? from, DateOnly? to, TimeProvider clock, CancellationToken ct) =>
            {
                var end = to ?? ChinaTime.Today(clock);
                var start = from ?? end.AddYears(-1);
                if (start > end)
                    throw ValidationException.For("from", "开始日期不能晚于结束日期", "The start must not be after the end");
                return TypedResults.Ok(
                    await r.ByProjectAsync(
                        ChinaTime.StartOf(start).ToUniversalTime(),
                        ChinaTime.StartOf(end.AddDays(1)).ToUniversalTime(),
                        ct
                    )
                );
            })
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("Satisfaction rate, NPS and dimensions by project over the surveys opened from–to (default: a year)");
        g.MapGet("/{id:guid}", async (SurveyBuilder b, Guid id, CancellationToken ct) => TypedResults.Ok(await b.DetailAsync(id, ct)))
            .RequireRoles(Answerers)
            .WithSummary("A survey with its questions (staff of its project, or an owner whose home was sampled)");
        g.MapPost("/", async (SurveyBuilder b, NewSurvey body, CancellationToken ct) =>
            {
                var id = await b.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/surveys/{id}", await b.DetailAsync(id, ct));
            })
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Start a draft survey: project, title, introduction, sample share (1–100%)");
        g.MapPost("/{id:guid}/questions", async (SurveyQuestions qs, SurveyBuilder b, Guid id, NewQuestion body, CancellationToken ct) =>
            {
                await qs.AddAsync(id, body, ct);
                return TypedResults.Ok(await b.DetailAsync(id, ct));
            })
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Add a question to a draft: single, multiple (with options), scale 1–5, NPS 0–10 or text, with its dimension");
        g.MapPut(
                "/{id:guid}/questions/{questionId:guid}",
                async (SurveyQuestions qs, SurveyBuilder b, Guid id, Guid questionId, NewQuestion body, CancellationToken ct) =>
                {
                    await qs.EditAsync(id, questionId, body, ct);
                    return TypedResults.Ok(await b.DetailAsync(id, ct));
                }
            )
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Edit a draft's question (kind, text, dimension, options); refused once the survey has gone out");
        g.MapDelete(
                "/{id:guid}/questions/{questionId:guid}",
                async (SurveyQuestions qs, SurveyBuilder b, Guid id, Guid questionId, CancellationToken ct) =>
                {
                    await qs.RemoveAsync(id, questionId, ct);
                    return TypedResults.Ok(await b.DetailAsync(id, ct));
                }
            )
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Remove a draft's question (the later ones move up); refused once the survey has gone out");
        g.MapPut(
                "/{id:guid}/questions/order",
                async (SurveyQuestions qs, SurveyBuilder b, Guid id, QuestionOrder body, CancellationToken ct) =>
                {
                    await qs.ReorderAsync(id, body, ct);
                    return TypedResults.Ok(await b.DetailAsync(id, ct));
                }
            )
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Reorder a draft's questions: every question id, each once, in the new order");
        g.MapPost("/{id:guid}/open", async (SurveyBuilder b, Guid id, CancellationToken ct) =>
            {
                await b.OpenAsync(id, ct);
                return TypedResults.Ok(await b.DetailAsync(id, ct));
            })
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Sample the households and ask them (portal message; phone for the others)");
        g.MapPost("/{id:guid}/close", async (SurveyBuilder b, Guid id, CancellationToken ct) =>
            {
                await b.CloseAsync(id, ct);
                return TypedResults.Ok(await b.DetailAsync(id, ct));
            })
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Close the survey: no more answers");
        g.MapGet(
                "/{id:guid}/households",
                async (SurveyBuilder b, Guid id, bool? answered, int? page, int? pageSize, CancellationToken ct) =>
                {
                    await b.DetailAsync(id, ct); // 404 unless the survey is the reader's
                    return TypedResults.Ok(await b.Households(id, answered).ToPagedAsync(page, pageSize, ct));
                }
            )
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("The sampled households the reader may see, unanswered first (for phone interviews)");
        g.MapPost("/{id:guid}/responses", async (SurveyAnswering a, SurveyBuilder b, Guid id, SurveyAnswers body, CancellationToken ct) =>
            {
                var responseId = await a.AnswerAsync(id, body, ct);
                var row = await b.Households(id, null, responseId).FirstOrDefaultAsync(ct);
                return TypedResults.Created($"/api/v1/surveys/{id}/responses/{responseId}", row);
            })
            .RequireRoles(Answerers)
            .WithSummary("Answer for a sampled household, once: its owner on the portal, or staff from a phone interview");
        g.MapGet("/{id:guid}/results", async (SurveyResults r, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await r.ForSurveyAsync(id, ct))
            )
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("Response rate, satisfaction rate (4–5 of 5), NPS (% 9–10 − % 0–6), dimensions and each question");
    }
}
