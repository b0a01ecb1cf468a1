using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.Shared;

internal sealed record OverseenProject(Guid Id, Guid CompanyId);

/// <summary>A project in use whose company this regulator oversees: what a ledger entry or a campaign inspection is recorded
/// against.</summary>
internal static class OverseenProjects
{
    /// <summary>The project, or a field error on <c>projectId</c> when it is archived, unknown or another regulator's.</summary>
    public static async Task<OverseenProject> GetAsync(WuyeDb db, Guid? projectId, Guid regulatorId, CancellationToken ct)
    {
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == projectId && p.ArchivedAt == null)
            .Join(
                db.CompanyRefs(),
                p => p.CompanyId,
                c => c.Id,
                (p, c) =>
                    new
                    {
                        p.Id,
                        p.CompanyId,
                        c.RegulatorId,
                    }
            )
            .FirstOrDefaultAsync(ct);
        if (project is null || project.RegulatorId != regulatorId)
            throw ValidationException.For("projectId", "该项目不在本部门监管范围内", "The project is not overseen by this regulator");
        return new(project.Id, project.CompanyId);
    }
}
