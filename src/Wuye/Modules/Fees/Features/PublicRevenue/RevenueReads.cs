using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.PublicRevenue;

/// <summary>Who keeps the public-revenue ledger and publishes its statements.</summary>
internal static class RevenueRoles
{
    /// <summary>Enter ledger entries: the fee desk's roles (those who record payments).</summary>
    public static readonly string[] Recorders = FeeRoles.Cashiers;

    /// <summary>Set the owners' share, publish and correct statements.</summary>
    public static readonly string[] Publishers = FeeRoles.Managers;

    /// <summary>Read the ledger, the statements with their read counts.</summary>
    public static readonly string[] StaffReaders = FeeRoles.Readers;

    /// <summary>Read the published statements of their projects and leave a read receipt.</summary>
    public static readonly string[] OwnerReaders = [Roles.Owner, Roles.OwnersCommittee];
}

internal static class PublicRevenueApi
{
    public static RouteGroupBuilder Group(RouteGroupBuilder api) => api.MapGroup("/public-revenue").WithTags("Fees");
}

internal sealed record RevenueEntryDto(
    Guid Id,
    Guid ProjectId,
    RevenueKind Kind,
    RevenueCategory Category,
    DateOnly Date,
    decimal Amount,
    string Counterparty,
    string? Note,
    Guid[] AttachmentIds,
    string RecordedByName,
    DateTimeOffset RecordedAt,
    DateTimeOffset? VoidedAt
);

internal sealed record OwnerShareDto(
    Guid Id,
    Guid ProjectId,
    decimal Percent,
    DateOnly EffectiveFrom,
    string? Note,
    string SetByName,
    DateTimeOffset SetAt
);

internal sealed record StatementDto(
    Guid Id,
    Guid ProjectId,
    string ProjectName,
    int Year,
    int Half,
    string Period,
    int Version,
    StatementStatus Status,
    decimal Income,
    decimal Expense,
    decimal Net,
    decimal SharePercent,
    decimal OwnersShare,
    int EntryCount,
    List<StatementLine> Lines,
    string? CorrectionReason,
    string PublishedByName,
    DateTimeOffset PublishedAt,
    Guid? SupersededById,
    DateTimeOffset? SupersededAt,
    bool ReadByMe,
    int? ReadCount
);

/// <summary>
/// What a caller may read of the statements. Staff read them under their scope's filters. An owner's grant is their unit and the
/// owners' committee has no grant on the company's records (ScopeResolver), so for them the published statements of their
/// projects (by their owned units and their committee role assignments) are read by id past the filters, one table at a time.
/// </summary>
internal sealed class RevenueReads(WuyeDb db)
{
    public bool IsStaff => FeeRoles.MayRead(db.Scope);

    /// <summary>The projects an owner or committee member reads statements of.</summary>
    public async Task<List<Guid>> OwnerProjectsAsync(CancellationToken ct)
    {
        if (db.Scope.UserId is not { } me)
            return [];
        var units = db.Scope.Units;
        var owned =
            units.Length == 0
                ? []
                : await db.UnitRefs().AsNoTracking().Where(u => units.Contains(u.Id)).Select(u => u.ProjectId).ToListAsync(ct);
        var committee = db.Scope.Roles.Contains(Roles.OwnersCommittee)
            ? await db
                .RoleAssignments.IgnoreQueryFilters()
                .AsNoTracking()
                .Where(r => r.UserId == me && r.Role == Roles.OwnersCommittee && r.ProjectId != null)
                .Select(r => r.ProjectId!.Value)
                .ToListAsync(ct)
            : [];
        return [.. owned.Concat(committee).Distinct()];
    }

    /// <summary>The statements the caller may read: staff every version under their scope, owners the published ones (current
    /// and superseded) of their projects.</summary>
    public async Task<IQueryable<RevenueStatement>> VisibleAsync(CancellationToken ct)
    {
        if (IsStaff)
            return db.Set<RevenueStatement>().AsNoTracking();
        var projects = await OwnerProjectsAsync(ct);
        return db.Set<RevenueStatement>().IgnoreQueryFilters().AsNoTracking().Where(s => projects.Contains(s.ProjectId));
    }

    public async Task<List<StatementDto>> DtosAsync(IQueryable<RevenueStatement> q, CancellationToken ct)
    {
        var rows = await q.OrderByDescending(s => s.Year)
            .ThenByDescending(s => s.Half)
            .ThenByDescending(s => s.Edition)
            .ThenBy(s => s.ProjectId)
            .Take(200)
            .ToListAsync(ct);
        var ids = rows.Select(s => s.Id).ToList();
        var projectIds = rows.Select(s => s.ProjectId).Distinct().ToList();
        var names = await db.ProjectRefs()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(p => projectIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var me = db.Scope.UserId ?? Guid.Empty;
        var mine = await db.Set<StatementRead>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(r => r.UserId == me && ids.Contains(r.StatementId))
            .Select(r => r.StatementId)
            .ToListAsync(ct);
        var counts = IsStaff
            ? await db.Set<StatementRead>()
                .AsNoTracking()
                .Where(r => ids.Contains(r.StatementId))
                .GroupBy(r => r.StatementId)
                .Select(g => new { g.Key, N = g.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.N, ct)
            : null;
        return
        [
            .. rows.Select(s => new StatementDto(
                s.Id,
                s.ProjectId,
                names.GetValueOrDefault(s.ProjectId, ""),
                s.Year,
                s.Half,
                s.Period.Text,
                s.Edition,
                s.Status,
                s.Income,
                s.Expense,
                s.Net,
                s.SharePercent,
                s.OwnersShare,
                s.EntryCount,
                s.Lines,
                s.CorrectionReason,
                s.PublishedByName,
                s.PublishedAt,
                s.SupersededById,
                s.SupersededAt,
                mine.Contains(s.Id),
                counts is null ? null : counts.GetValueOrDefault(s.Id)
            )),
        ];
    }

    public static IQueryable<RevenueEntryDto> EntryDtos(IQueryable<RevenueEntry> q) =>
        q.Select(e => new RevenueEntryDto(
            e.Id,
            e.ProjectId,
            e.Kind,
            e.Category,
            e.Date,
            e.Amount,
            e.Counterparty,
            e.Note,
            e.AttachmentIds,
            e.RecordedByName,
            e.CreatedAt,
            e.VoidedAt
        ));

    /// <summary>The share in force on a day: the latest setting effective by then, or null (none set yet).</summary>
    public Task<decimal?> ShareOnAsync(Guid project, DateOnly day, CancellationToken ct) =>
        db.Set<OwnerShareSetting>()
            .AsNoTracking()
            .Where(s => s.ProjectId == project && s.EffectiveFrom <= day)
            .OrderByDescending(s => s.EffectiveFrom)
            .ThenByDescending(s => s.CreatedAt)
            .Select(s => (decimal?)s.Percent)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// The ledger entries one version of a statement counted, by date. Call it only with a statement read through
    /// <see cref="VisibleAsync"/>: owners read them past the filters (their grant is their unit), limited to its project and half.
    /// </summary>
    public async Task<List<RevenueEntry>> EntriesOfAsync(RevenueStatement s, CancellationToken ct)
    {
        var (from, to) = (s.Period.Start, s.Period.End);
        var editions = await db.Set<RevenueStatement>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(x => x.ProjectId == s.ProjectId && x.Year == s.Year && x.Half == s.Half)
            .ToDictionaryAsync(x => x.Id, x => x.Edition, ct);
        var rows = await db.Set<RevenueEntry>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(e => e.ProjectId == s.ProjectId && e.Date >= from && e.Date <= to)
            .OrderBy(e => e.Date)
            .ThenBy(e => e.Id)
            .Take(2000)
            .ToListAsync(ct);
        return [.. rows.Where(e => e.CountsIn(s.Edition, editions))];
    }

    public Task<bool> PublishedAsync(Guid project, HalfYear period, CancellationToken ct) =>
        db.Set<RevenueStatement>().AnyAsync(s => s.ProjectId == project && s.Year == period.Year && s.Half == period.Half, ct);

    /// <summary>Serialises ledger changes and publishing of one project (a transaction-scoped advisory lock), so no entry slips
    /// into a half year while its statement is being frozen.</summary>
    public Task LockAsync(Guid project, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"select pg_advisory_xact_lock(hashtext('public_revenue:' || {project.ToString()}))", ct);
}
