using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.Shared;

internal sealed record TeamDto(Guid Id, Guid ProjectId, string Name, Guid? LeaderUserId, string? LeaderName);

internal sealed record MutualCheckDto(
    Guid Id,
    Guid ProjectId,
    Guid CheckingTeamId,
    string CheckingTeam,
    Guid CheckedTeamId,
    string CheckedTeam,
    DateOnly CheckedOn,
    DateOnly WeekStart,
    string Method,
    string? Problems,
    decimal DeductedPoints,
    DateOnly? FixDeadline,
    string? Measures,
    DateOnly? MeasuresOn,
    bool Verified,
    bool Late
);

internal static class MutualCheckViews
{
    public static async Task<List<MutualCheckDto>> ToDtosAsync(
        WuyeDb db,
        TimeProvider clock,
        IReadOnlyList<TeamMutualCheck> checks,
        CancellationToken ct
    )
    {
        var today = ChinaTime.Today(clock);
        var ids = checks.SelectMany(c => new[] { c.CheckingTeamId, c.CheckedTeamId }).Distinct().ToList();
        var names = await db.Set<InspectionTeam>().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return
        [
            .. checks.Select(c => new MutualCheckDto(
                c.Id,
                c.ProjectId,
                c.CheckingTeamId,
                names.GetValueOrDefault(c.CheckingTeamId) ?? "",
                c.CheckedTeamId,
                names.GetValueOrDefault(c.CheckedTeamId) ?? "",
                c.CheckedOn,
                c.WeekStart,
                c.Method,
                c.Problems,
                c.DeductedPoints,
                c.FixDeadline,
                c.Measures,
                c.MeasuresOn,
                c.VerifiedAt != null,
                c.IsLate(today)
            )),
        ];
    }
}
