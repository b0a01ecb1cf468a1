using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;

namespace Wuye.Platform.Identity;

/// <summary>A user holding a role at a place, with their display name.</summary>
public sealed record RoleHolder(Guid UserId, string Name, string Role, Guid? CompanyId, Guid? ProjectId, Guid? ZoneId);

/// <summary>
/// "Who holds role X here": the grants at a project (project-level or at the project's company) or a
/// company. The caller has already been shown the place, so who works there is theirs to know even
/// when the role-assignment filter (own grants, or a managed company's) hides the rows: the filter is
/// lifted for these one-table queries only, never inside a larger one.
/// </summary>
public sealed class RoleHolders(WuyeDb db)
{
    /// <summary>Grants at the project, or company-wide grants of its company (zone grants of the project included).</summary>
    public IQueryable<RoleAssignment> AtProject(Guid companyId, Guid projectId) =>
        db
            .RoleAssignments.IgnoreQueryFilters()
            .AsNoTracking()
            .Where(r => r.ProjectId == projectId || (r.ProjectId == null && r.CompanyId == companyId));

    /// <summary>Grants anywhere in the company.</summary>
    public IQueryable<RoleAssignment> InCompany(Guid companyId) =>
        db.RoleAssignments.IgnoreQueryFilters().AsNoTracking().Where(r => r.CompanyId == companyId);

    /// <summary>The holders of <paramref name="roles"/> at the project, with names, ordered by name.</summary>
    public async Task<List<RoleHolder>> AtProjectAsync(
        Guid companyId,
        Guid projectId,
        IReadOnlyCollection<string> roles,
        CancellationToken ct
    ) => await WithNamesAsync(AtProject(companyId, projectId).Where(r => roles.Contains(r.Role)), ct);

    /// <summary>The holders of <paramref name="roles"/> anywhere in the company, with names, ordered by name.</summary>
    public async Task<List<RoleHolder>> InCompanyAsync(Guid companyId, IReadOnlyCollection<string> roles, CancellationToken ct) =>
        await WithNamesAsync(InCompany(companyId).Where(r => roles.Contains(r.Role)), ct);

    private async Task<List<RoleHolder>> WithNamesAsync(IQueryable<RoleAssignment> grants, CancellationToken ct)
    {
        var rows = await grants
            .Select(r => new
            {
                r.UserId,
                r.Role,
                r.CompanyId,
                r.ProjectId,
                r.ZoneId,
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.UserId).Distinct().ToList();
        var names = await db
            .Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.UserName ?? "", ct);
        return
        [
            .. rows.Where(r => names.ContainsKey(r.UserId))
                .Select(r => new RoleHolder(r.UserId, names[r.UserId], r.Role, r.CompanyId, r.ProjectId, r.ZoneId))
                .OrderBy(r => r.Name, StringComparer.Ordinal)
                .ThenBy(r => r.UserId),
        ];
    }
}
