using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.RecordTrainingResults;

internal sealed record TraineeResult(Guid? StaffMemberId, bool? Attended, decimal? Score, int? Rating);

internal sealed record TrainingResultsInput(TraineeResult[]? Results) : IValidatable
{
    public void Validate(Validator v)
    {
        if (Results is not { Length: > 0 })
        {
            v.Add("results", "请录入至少一名学员的结果", "Enter at least one trainee's result");
            return;
        }
        for (var i = 0; i < Results.Length; i++)
        {
            v.Required($"results[{i}].staffMemberId", Results[i].StaffMemberId, "学员", "Trainee");
            v.Required($"results[{i}].attended", Results[i].Attended, "是否出勤", "Attended");
        }
    }
}

/// <summary>POST /trainings/{id}/results: attendance, scores and ratings, once the session has been held; all or nothing.</summary>
internal sealed class RecordTrainingResultsHandler(WuyeDb db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/trainings")
            .WithTags("Staff")
            .MapPost(
                "/{id:guid}/results",
                async Task<Ok<TrainingDto>> (
                    RecordTrainingResultsHandler handler,
                    Guid id,
                    TrainingResultsInput body,
                    CancellationToken ct
                ) => TypedResults.Ok(await handler.HandleAsync(id, body, ct))
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Record the trainees' attendance, scores and ratings");

    public async Task<TrainingDto> HandleAsync(Guid id, TrainingResultsInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var session = await db.Set<TrainingSession>().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("training");
        var lines = await db.Set<TrainingAttendance>().Where(a => a.SessionId == id).ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        for (var i = 0; i < input.Results!.Length; i++)
        {
            var r = input.Results[i];
            var line = lines.FirstOrDefault(a => a.StaffMemberId == r.StaffMemberId)
                ?? throw ValidationException.For($"results[{i}].staffMemberId", "此人不在本次培训名单中", "Not a trainee of this session");
            try
            {
                line.RecordResult(session, r.Attended!.Value, r.Score, r.Rating, today);
            }
            catch (ValidationException e)
            {
                // The field, named in the list: results[2].score.
                throw new ValidationException(e.Errors.ToDictionary(kv => $"results[{i}].{kv.Key}", kv => kv.Value));
            }
        }
        await db.SaveChangesAsync(ct);
        return (await TrainingViews.ToDtosAsync(db, [session], ct))[0];
    }
}
