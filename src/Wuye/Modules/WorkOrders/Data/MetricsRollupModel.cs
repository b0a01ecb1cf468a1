using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.WorkOrders.Data;

internal sealed class MetricsRollupModel : IModelContributor, ISaveContributor
{
    public void Configure(ModelBuilder mb)
    {
        mb.Entity<MetricsRollup>(b =>
        {
            b.ToTable("metrics_rollup", WorkOrdersModel.Schema);
            b.HasIndex(x => new { x.CompanyId, x.Month });
        });
        mb.Entity<MetricsRollupStale>(b => b.ToTable("metrics_rollup_stale", WorkOrdersModel.Schema));
        // The metrics check whether a period's partial first or last month holds any request: a range probe.
        mb.Entity<ServiceRequest>().HasIndex(x => x.OpenedAt);
        // The request list by project and status, newest first, and its count: one index range, not the project's every request.
        // It carries the other scope columns so the count (scope predicate included) is answered from the index alone.
        mb.Entity<ServiceRequest>()
            .HasIndex(x => new
            {
                x.ProjectId,
                x.Status,
                x.OpenedAt,
            })
            .IncludeProperties(x => new
            {
                x.CompanyId,
                x.ZoneId,
                x.UnitId,
            });
    }

    public void BeforeSave(WuyeDb db)
    {
        HashSet<(Guid, int)>? stale = null;
        foreach (var e in db.ChangeTracker.Entries<ServiceRequest>())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            stale ??= [];
            stale.Add((e.Entity.CompanyId, e.Entity.OpenedMonth));
            if (e.State == EntityState.Modified)
                stale.Add(
                    (
                        (Guid)e.Property(nameof(ServiceRequest.CompanyId)).OriginalValue!,
                        (int)e.Property(nameof(ServiceRequest.OpenedMonth)).OriginalValue!
                    )
                );
        }
        foreach (var (company, month) in stale ?? [])
            db.Add(
                new MetricsRollupStale
                {
                    Id = Guid.CreateVersion7(),
                    CompanyId = company,
                    Month = month,
                }
            );
    }
}
