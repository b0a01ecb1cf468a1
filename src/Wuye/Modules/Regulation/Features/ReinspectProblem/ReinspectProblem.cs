using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.ReinspectProblem;

internal sealed record ReinspectInput(bool? Passed, string? Note, DateOnly? NewDeadline) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("passed", Passed, "复查结果", "Result").MaxLength("note", Note, 500, "复查意见", "Note");
}

/// <summary>The regulator re-inspects: passed closes (销号) the entry; not passed returns it with a new deadline.</summary>
internal sealed class ReinspectProblemHandler(WuyeDb db, TimeProvider clock)
{
    public async Task ReinspectAsync(Guid id, ReinspectInput body, CancellationToken ct)
    {
        var entry = await db.Set<ProblemLedgerEntry>().FirstOrDefaultAsync(e => e.Id == id, ct)
            ?? throw new NotFoundException("problem ledger entry");
        entry.Reinspect(body.Passed!.Value, body.Note, body.NewDeadline, ChinaTime.Today(clock), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/problem-ledger/{id:guid}/reinspection",
                async (ReinspectProblemHandler handler, ProblemReads reads, Guid id, ReinspectInput body, CancellationToken ct) =>
                {
                    await handler.ReinspectAsync(id, body, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary("Re-inspect a ledger entry: passed closes it, not passed returns it with a new deadline");
    }
}
