using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.RecordProblem;

internal sealed record RecordProblemInput(
    Guid? ProjectId,
    ProblemKind? Kind,
    ProblemSource? Source,
    string? Title,
    string? Description,
    string? Departments,
    DateOnly? FoundOn,
    DateOnly? Deadline
) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("title", Title, "问题", "Problem")
            .MaxLength("title", Title, 200, "问题", "Problem")
            .MaxLength("description", Description, 2000, "描述", "Description")
            .MaxLength("departments", Departments, 200, "涉及部门", "Departments")
            .Required("deadline", Deadline, "整改期限", "Deadline");
}

/// <summary>The regulator records a problem found at a project into the ledger; the company's managers are told and see it on their
/// home page until they answer.</summary>
internal sealed class RecordProblemHandler(WuyeDb db, TimeProvider clock, Notifier notifier)
{
    public async Task<ProblemLedgerEntry> RecordAsync(Guid regulatorId, RecordProblemInput body, CancellationToken ct)
    {
        var project = await OverseenProjects.GetAsync(db, body.ProjectId, regulatorId, ct);
        var today = ChinaTime.Today(clock);
        var entry = ProblemLedgerEntry.Create(
            regulatorId,
            project.CompanyId,
            project.Id,
            body.Kind ?? ProblemKind.Problem,
            body.Source ?? ProblemSource.Inspection,
            body.Title!,
            body.Description ?? "",
            body.Departments,
            body.FoundOn ?? today,
            body.Deadline!.Value,
            today,
            db.Scope.UserName ?? ""
        );
        db.Add(entry);
        var managers = await notifier.UsersWithRoleAsync(Roles.CompanyManager, project.CompanyId, null, ct);
        await notifier.NotifyAsync(
            managers,
            project.CompanyId,
            Loc.T("主管部门交办问题", "A problem to rectify from the regulator"),
            Loc.T($"{entry.Title}，整改期限 {entry.Deadline:yyyy-MM-dd}", $"{entry.Title}, due {entry.Deadline:yyyy-MM-dd}"),
            "/regulation/ledger",
            $"problem:{entry.Id:N}",
            ct
        );
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/problem-ledger",
                async Task<Created<ProblemDto>> (
                    WuyeDb db,
                    RecordProblemHandler handler,
                    ProblemReads reads,
                    RecordProblemInput body,
                    Guid? regulatorId,
                    CancellationToken ct
                ) =>
                {
                    var entry = await handler.RecordAsync(RegulatorTables.RegulatorOf(db, regulatorId), body, ct);
                    return TypedResults.Created($"/api/v1/problem-ledger/{entry.Id}", await reads.OneAsync(entry.Id, ct));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary("Record a problem, joint enforcement case or dispute at a project, with a deadline for the company");
    }
}
