using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.Shared;

/// <summary>The regulator the caller acts for, and its current scoring table.</summary>
internal static class RegulatorTables
{
    /// <summary>The caller's regulator: its own when it has one; the platform admin names one.</summary>
    public static Guid RegulatorOf(WuyeDb db, Guid? asked)
    {
        var own = db.Scope.Regulators;
        if (asked is { } a && (db.Scope.IsGlobal || own.Contains(a)))
            return a;
        if (asked is null && own.Length == 1)
            return own[0];
        throw ValidationException.For("regulatorId", "请选择主管部门", "Choose a regulator");
    }

    public static Task<CreditRatingTable?> CurrentAsync(WuyeDb db, Guid regulatorId, CancellationToken ct) =>
        db.Set<CreditRatingTable>()
            .Where(t => t.RegulatorId == regulatorId && t.RetiredAt == null)
            .OrderByDescending(t => t.VersionNo)
            .FirstOrDefaultAsync(ct);

    public static async Task<CreditRatingTable> RequireCurrentAsync(WuyeDb db, Guid regulatorId, CancellationToken ct) =>
        await CurrentAsync(db, regulatorId, ct)
        ?? throw new RuleException(
            "credit_table.none",
            "主管部门还没有评分标准，请先选用一个预设",
            "The regulator has no scoring table yet; adopt a preset first"
        );

    /// <summary>The companies the regulator oversees (not archived), by name.</summary>
    public static Task<List<CompanyRef>> CompaniesAsync(WuyeDb db, Guid regulatorId, CancellationToken ct) =>
        db.CompanyRefs()
            .AsNoTracking()
            .Where(c => c.RegulatorId == regulatorId && c.ArchivedAt == null)
            .OrderBy(c => c.Name)
            .ThenBy(c => c.Id)
            .ToListAsync(ct);

    /// <summary>The users who act for a regulator (read past the caller's scope: a company's answer must reach them).</summary>
    public static Task<List<Guid>> UsersAsync(WuyeDb db, Guid regulatorId, CancellationToken ct) =>
        db
            .RoleAssignments.IgnoreQueryFilters()
            .AsNoTracking()
            .Where(r => r.Role == Roles.Regulator && r.RegulatorId == regulatorId)
            .Select(r => r.UserId)
            .Distinct()
            .ToListAsync(ct);
}
