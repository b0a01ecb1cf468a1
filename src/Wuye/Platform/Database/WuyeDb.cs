using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Wuye.Platform.Audit;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Platform.Database;

/// <summary>
/// The one DbContext. Every <see cref="IScoped"/> entity gets a query filter from the current
/// <see cref="DataScope"/>; every save checks the write scope, stamps times and writes the audit log.
/// Modules add their entities through <see cref="IModelContributor"/> so this file need not know them.
/// </summary>
public sealed partial class WuyeDb(
    DbContextOptions<WuyeDb> options,
    ScopeAccessor scope,
    TimeProvider clock,
    IEnumerable<IModelContributor> contributors
) : IdentityUserContext<AppUser, Guid>(options)
{
    /// <summary>Read by the query filters on every query; never cache a query result across scopes.</summary>
    public DataScope Scope => scope.Scope;

    // The query filters read these. EF Core turns a simple value read off the context into a
    // query parameter on every execution; a longer chain (Scope.IsGlobal) would be folded into
    // the cached query once, with whichever user's scope came first. Keep them flat.
    public bool ScopeIsGlobal => scope.Scope.IsGlobal;
    public Guid? ScopeUserId => scope.Scope.UserId;
    public Guid[] ScopeReadCompanies => scope.Scope.ReadCompanies;
    public Guid[] ScopeFullCompanies => scope.Scope.FullCompanies;
    public Guid[] ScopeFullProjects => scope.Scope.FullProjects;
    public Guid[] ScopeZones => scope.Scope.Zones;
    public Guid[] ScopeUnits => scope.Scope.Units;
    public Guid[] ScopeStaffProjects => scope.Scope.StaffProjects;
    public Guid[] ScopeStaffCompanies => scope.Scope.StaffCompanies;
    public Guid[] ScopeAncestors => scope.Scope.Ancestors;
    public Guid[] ScopeRegulators => scope.Scope.Regulators;

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<ChangeLog> ChangeLogs => Set<ChangeLog>();
    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    protected override void OnModelCreating(ModelBuilder mb)
    {
        base.OnModelCreating(mb);

        mb.Entity<AppUser>(b =>
        {
            b.ToTable("user_account", "identity");
            b.Property(u => u.DisplayName).HasMaxLength(100);
            b.Property(u => u.Culture).HasMaxLength(10);
            b.HasIndex(u => u.CompanyId);
            AccountModel.OrderUserColumns(b);
        });
        mb.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("user_claim", "identity");
        mb.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("user_login", "identity");
        mb.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("user_token", "identity");
        mb.Entity<RoleAssignment>(b =>
        {
            b.ToTable("role_assignment", "identity");
            b.Property(r => r.Role).HasMaxLength(40);
            b.HasIndex(r => r.UserId);
            b.HasIndex(r => r.CompanyId);
            b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            // unit_id came later (ALTER TABLE ADD puts it last): the model keeps the database's column order.
            string[] order =
            [
                "Id",
                "UserId",
                "Role",
                "RegulatorId",
                "CompanyId",
                "ProjectId",
                "ZoneId",
                "CreatedAt",
                "UpdatedAt",
                "UnitId",
            ];
            for (var i = 0; i < order.Length; i++)
                b.Property(order[i]).HasColumnOrder(i);
        });

        mb.Entity<ChangeLog>(b =>
        {
            b.ToTable("change_log", "audit");
            b.Property(c => c.EntityType).HasMaxLength(80);
            b.Property(c => c.UserName).HasMaxLength(100);
            b.Property(c => c.Before).HasColumnType("jsonb");
            b.Property(c => c.After).HasColumnType("jsonb");
            b.HasIndex(c => new { c.EntityId, c.At });
            b.HasIndex(c => new { c.CompanyId, c.At });
        });
        mb.Entity<IdempotentRequest>(b =>
        {
            b.ToTable("idempotent_request", "platform");
            b.HasKey(r => new { r.UserId, r.Key });
            b.Property(r => r.Key).HasMaxLength(200);
            b.Property(r => r.Method).HasMaxLength(10);
            b.Property(r => r.Path).HasMaxLength(400);
            b.Property(r => r.RequestHash).HasMaxLength(64);
            b.Property(r => r.ContentType).HasMaxLength(200);
            b.Property(r => r.Location).HasMaxLength(400);
            b.HasIndex(r => r.CreatedAt);
        });

        Notifications.NotificationsModel.Configure(mb);
        AccountModel.Configure(mb);
        foreach (var c in contributors)
            c.Configure(mb);

        ApplyConventions(mb);
        ApplyScopeFilters(mb);
    }

    /// <summary>snake_case names, enums as text, and the module schemas.</summary>
    private static void ApplyConventions(ModelBuilder mb)
    {
        foreach (var et in mb.Model.GetEntityTypes())
        {
            if (et.GetTableName() is { } table)
                et.SetTableName(Naming.Snake(table));
            foreach (var p in et.GetProperties())
            {
                // Entity.Version is PostgreSQL's xmin system column: no DDL, bumped by every update.
                p.SetColumnName(p.Name == nameof(Entity.Version) && p.ClrType == typeof(uint) ? "xmin" : Naming.Snake(p.Name));
                var clr = Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType;
                if (clr.IsEnum)
                {
                    p.SetProviderClrType(typeof(string));
                    p.SetMaxLength(40);
                }
                if (clr == typeof(decimal) && p.GetColumnType() is null)
                    p.SetPrecision(14);
                if (clr == typeof(decimal) && p.GetScale() is null)
                    p.SetScale(2);
            }
            var tableName = et.GetTableName();
            foreach (var k in et.GetKeys())
                k.SetName($"pk_{tableName}");
            foreach (var fk in et.GetForeignKeys())
                fk.SetConstraintName($"fk_{tableName}_{string.Join("_", fk.Properties.Select(p => Naming.Snake(p.Name)))}");
            foreach (var ix in et.GetIndexes())
                ix.SetDatabaseName($"ix_{tableName}_{string.Join("_", ix.Properties.Select(p => Naming.Snake(p.Name)))}");
        }
    }

    private void ApplyScopeFilters(ModelBuilder mb)
    {
        var ctx = Expression.Constant(this);
        Expression[] inputs =
        [
            .. new[]
            {
                nameof(ScopeIsGlobal),
                nameof(ScopeReadCompanies),
                nameof(ScopeFullProjects),
                nameof(ScopeZones),
                nameof(ScopeUnits),
                nameof(ScopeStaffProjects),
                nameof(ScopeStaffCompanies),
            }.Select(n => Expression.Property(ctx, n)),
        ];
        foreach (var et in mb.Model.GetEntityTypes().Where(t => typeof(IScoped).IsAssignableFrom(t.ClrType)))
        {
            var e = Expression.Parameter(et.ClrType, "e");
            var (c, p, z, u) = ScopeKeys.Members(et.ClrType, e);
            Expression body = new Substitute(DataScope.ReadRule.Parameters, [.. inputs, c, p, z, u]).Visit(DataScope.ReadRule.Body);
            if (typeof(IUnitAncestor).IsAssignableFrom(et.ClrType))
            {
                // Owners see the names of the company, project, zone and building above their units.
                Expression<Func<Guid[], Guid, bool>> ancestor = (ancestors, id) => ancestors.Contains(id);
                body = Expression.OrElse(
                    body,
                    new Substitute(
                        ancestor.Parameters,
                        [Expression.Property(ctx, nameof(ScopeAncestors)), Expression.Property(e, "Id")]
                    ).Visit(ancestor.Body)
                );
            }
            if (typeof(IPersonalRecord).IsAssignableFrom(et.ClrType))
            {
                // A record linked to a sign-in account (a person) is always visible to that account.
                Expression<Func<Guid?, Guid?, bool>> self = (owner, userId) => owner != null && owner == userId;
                body = Expression.OrElse(
                    body,
                    new Substitute(
                        self.Parameters,
                        [Expression.Property(e, nameof(IPersonalRecord.UserId)), Expression.Property(ctx, nameof(ScopeUserId))]
                    ).Visit(self.Body)
                );
            }
            et.SetQueryFilter(Expression.Lambda(body, e));
        }

        // The audit log is as private as the records it describes.
        mb.Entity<ChangeLog>()
            .HasQueryFilter(l =>
                ScopeIsGlobal
                || (
                    l.CompanyId != null
                    && (
                        ScopeReadCompanies.Contains(l.CompanyId.Value)
                        || (l.ProjectId != null && ScopeFullProjects.Contains(l.ProjectId.Value))
                        || (l.ZoneId != null && ScopeZones.Contains(l.ZoneId.Value))
                        || (l.UnitId != null && ScopeUnits.Contains(l.UnitId.Value))
                    )
                )
            );
        // Role assignments: the user's own, those inside companies the user manages, and those
        // inside projects the user works for at project level (who may grant there is checked by the endpoint).
        mb.Entity<RoleAssignment>()
            .HasQueryFilter(r =>
                ScopeIsGlobal
                || r.UserId == ScopeUserId
                || (r.CompanyId != null && ScopeFullCompanies.Contains(r.CompanyId.Value))
                || (r.ProjectId != null && ScopeFullProjects.Contains(r.ProjectId.Value))
            );
        foreach (var et in mb.Model.GetEntityTypes().Where(t => typeof(IRegulatorRecord).IsAssignableFrom(t.ClrType)))
        {
            // A regulator sees its own record; everyone else reaches it only through the companies it oversees.
            var e = Expression.Parameter(et.ClrType, "e");
            Expression<Func<bool, Guid[], Guid, bool>> rule = (global, regulators, id) => global || regulators.Contains(id);
            et.SetQueryFilter(
                Expression.Lambda(
                    new Substitute(
                        rule.Parameters,
                        [
                            Expression.Property(ctx, nameof(ScopeIsGlobal)),
                            Expression.Property(ctx, nameof(ScopeRegulators)),
                            Expression.Property(e, nameof(Entity.Id)),
                        ]
                    ).Visit(rule.Body),
                    e
                )
            );
        }
        ApplyRegulatorOwnedFilters(mb, ctx);
        // Only the recipient sees a notification, whatever their role (jobs never read them back).
        mb.Entity<Notifications.Notification>().HasQueryFilter(n => n.RecipientUserId == ScopeUserId);
        mb.Entity<Notifications.MessagePreference>().HasQueryFilter(p => p.UserId == ScopeUserId);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) => SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        ChangeTracker.DetectChanges();
        foreach (var c in contributors)
            (c as ISaveContributor)?.BeforeSave(this);
        var now = clock.GetUtcNow();
        var logs = new List<ChangeLog>();
        var changed = new HashSet<Type>();
        foreach (
            var entry in ChangeTracker
                .Entries()
                .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                .ToList()
        )
        {
            changed.Add(entry.Metadata.ClrType);
            if (entry.Entity is IRegulatorOwned)
                CheckRegulatorWrite(entry);
            else if (entry.Entity is IScoped)
                CheckWriteScope(entry);
            if (entry.Entity is AppUser)
            {
                // Accounts are audited too, without their secrets (AccountAudit).
                if (AccountAudit.Describe(entry, Scope, now) is { } row)
                    logs.Add(row);
                continue;
            }
            if (entry.Entity is not Entity entity)
                continue;
            if (entry.State == EntityState.Added)
                entity.CreatedAt = entity.UpdatedAt = now;
            else if (entry.State == EntityState.Modified)
            {
                if (!entry.Properties.Any(p => p.IsModified && p.Metadata.Name is not (nameof(Entity.UpdatedAt) or nameof(Entity.Version))))
                    continue;
                entity.UpdatedAt = now;
            }
            logs.Add(Describe(entry, entity, now));
        }
        ChangeLogs.AddRange(logs);
        // Who sees what follows from role assignments and from the records marked IScopeSource (units, people, links…).
        var scopeChanged = changed.Any(t => t == typeof(RoleAssignment) || typeof(IScopeSource).IsAssignableFrom(t));
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = true;
            if (scopeChanged)
                ScopeResolver.Invalidate();
            if (changed.Contains(typeof(AppUser)) || changed.Contains(typeof(UserSession)))
                AccountStates.Invalidate();
            ReferenceCache.Changed(changed);
        }
    }

    private void CheckWriteScope(EntityEntry entry)
    {
        var type = entry.Entity.GetType();
        var now = ScopeKeys.Read(type, p => entry.Property(p.Name).CurrentValue);
        var allowed = Scope.CanWrite(now.Company, now.Project, now.Zone, now.Unit);
        if (allowed && entry.State == EntityState.Modified)
        {
            // Moving a record out of someone else's scope is as much a write to it as editing it.
            var before = ScopeKeys.Read(type, p => entry.Property(p.Name).OriginalValue);
            allowed = Scope.CanWrite(before.Company, before.Project, before.Zone, before.Unit);
        }
        // A regulator adds a photo of its own for a company it oversees — a company file, never one inside a project or a
        // home (a unit's file is the owner's to see); it changes and deletes none.
        if (
            !allowed
            && entry.State == EntityState.Added
            && entry.Entity is Files.StoredFile file
            && file.UnitId is null
            && file.ProjectId is null
            && file.UploadedBy == Scope.UserId
            && Scope.CanAddFileAsRegulator(file.CompanyId)
        )
            allowed = true;
        if (!allowed)
            throw new ForbiddenException("无权修改此范围内的数据", "You may not change records outside your scope");
    }

    private ChangeLog Describe(EntityEntry entry, Entity entity, DateTimeOffset now)
    {
        static bool Skip(PropertyEntry p) =>
            p.Metadata.Name is nameof(Entity.Version) or nameof(Entity.UpdatedAt) or nameof(Entity.CreatedAt);
        // Personal data is masked in the history as in lists: the full value is only ever shown
        // through the audited reveal, never through the change log.
        static object? Safe(PropertyEntry p, object? value) => AuditRows.Safe(p.Metadata.PropertyInfo, value);
        Dictionary<string, object?>? before = null,
            after = null;
        switch (entry.State)
        {
            case EntityState.Added:
                after = entry.Properties.Where(p => !Skip(p)).ToDictionary(p => p.Metadata.Name, p => Safe(p, p.CurrentValue));
                break;
            case EntityState.Deleted:
                before = entry.Properties.Where(p => !Skip(p)).ToDictionary(p => p.Metadata.Name, p => Safe(p, p.OriginalValue));
                break;
            default:
                var changed = entry.Properties.Where(p => p.IsModified && !Skip(p) && !Equals(p.OriginalValue, p.CurrentValue)).ToList();
                before = changed.ToDictionary(p => p.Metadata.Name, p => Safe(p, p.OriginalValue));
                after = changed.ToDictionary(p => p.Metadata.Name, p => Safe(p, p.CurrentValue));
                break;
        }
        var keys =
            entity is IScoped ? ScopeKeys.Read(entity.GetType(), p => p.GetValue(entity))
            // A grant's history is as visible as the grant: to the managers of its project, not only of its company.
            : entity is RoleAssignment ra ? (Company: ra.CompanyId ?? Guid.Empty, Project: ra.ProjectId, Zone: ra.ZoneId, Unit: ra.UnitId)
            : default;
        return AuditRows.Row(
            Scope,
            now,
            entity.GetType(),
            entity.Id,
            entry.State switch
            {
                EntityState.Added => ChangeAction.Created,
                EntityState.Deleted => ChangeAction.Deleted,
                _ => ChangeAction.Updated,
            },
            before,
            after,
            entity is IScoped ? keys.Company : (entity as RoleAssignment)?.CompanyId,
            keys.Project,
            keys.Zone,
            keys.Unit
        );
    }

    private sealed class Substitute(IReadOnlyList<ParameterExpression> from, IReadOnlyList<Expression> to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node)
        {
            for (var i = 0; i < from.Count; i++)
                if (from[i] == node)
                    return to[i];
            return node;
        }
    }
}
