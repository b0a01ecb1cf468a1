using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Platform.Database;

/// <summary>
/// Records a regulator keeps (<see cref="IRegulatorOwned"/>): a regulator writes only its own, company staff never do; the ones
/// that are not also <see cref="IScoped"/> are read only by the regulator's staff and the platform.
/// </summary>
public sealed partial class WuyeDb
{
    private void ApplyRegulatorOwnedFilters(ModelBuilder mb, Expression ctx)
    {
        foreach (
            var et in mb
                .Model.GetEntityTypes()
                .Where(t => typeof(IRegulatorOwned).IsAssignableFrom(t.ClrType) && !typeof(IScoped).IsAssignableFrom(t.ClrType))
        )
        {
            var e = Expression.Parameter(et.ClrType, "e");
            Expression<Func<bool, Guid[], Guid, bool>> rule = (global, regulators, owner) => global || regulators.Contains(owner);
            et.SetQueryFilter(
                Expression.Lambda(
                    new Substitute(
                        rule.Parameters,
                        [
                            Expression.Property(ctx, nameof(ScopeIsGlobal)),
                            Expression.Property(ctx, nameof(ScopeRegulators)),
                            Expression.Property(e, nameof(IRegulatorOwned.RegulatorId)),
                        ]
                    ).Visit(rule.Body),
                    e
                )
            );
        }
    }

    private void CheckRegulatorWrite(EntityEntry entry)
    {
        var scoped = entry.Entity is IScoped;
        bool Allowed(Func<string, object?> value) =>
            Scope.CanWriteAsRegulator(
                (Guid)value(nameof(IRegulatorOwned.RegulatorId))!,
                scoped ? (Guid?)value(nameof(IScoped.CompanyId)) : null
            );
        var allowed = Allowed(p => entry.Property(p).CurrentValue);
        if (allowed && entry.State == EntityState.Modified)
            allowed = Allowed(p => entry.Property(p).OriginalValue);
        if (!allowed)
            throw new ForbiddenException("只有主管部门本部门可以修改此记录", "Only the regulator that keeps this record may change it");
    }
}
