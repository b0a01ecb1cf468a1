using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Data;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.ImportHistory;

/// <summary>
/// Imports past requests from another system's CSV export (UTF-8 or GB18030) for one project,
/// with the columns, the date order and the category mapping chosen by the user. The file is
/// read row by row (an export of any length, never whole in memory) and written in batches by
/// COPY, all in one transaction: either every good row is imported or none is. Rows whose dates
/// do not read, that close before they open, or name a unit, or a category with no mapping and
/// no catch-all, are reported field by field and skipped — never guessed. The source's category
/// and department texts are kept on each request. Imported requests count in the metrics.
/// </summary>
internal sealed class HistoryImport(WuyeDb db, RequestNumbers numbers, TimeProvider clock)
{
    /// <summary>Refused rows listed in a result (all are counted); the page's report file lists the same.</summary>
    public const int MaxProblemsListed = 20_000;

    /// <summary>Source category texts a result lists for mapping on screen (the most frequent first).</summary>
    public const int MaxCategoriesListed = 300;

    private const int BatchSize = 5_000;
    private readonly HashSet<int> _months = [];

    public async Task<ImportResult> ImportAsync(
        Guid? projectId,
        Func<Stream> open,
        ImportOptions options,
        bool dryRun,
        CancellationToken ct
    )
    {
        var v = new Validator();
        var project = projectId is null
            ? null
            : await db.ProjectRefs()
                .AsNoTracking()
                .Where(p => p.Id == projectId)
                .Select(p => new { p.Id, p.CompanyId })
                .FirstOrDefaultAsync(ct);
        if (project is null)
            v.Add("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        else if (!db.Scope.CanWrite(project.CompanyId, project.Id, null, null))
            throw new ForbiddenException(
                "只有本项目或本公司的管理人员可以导入历史报事",
                "Only the project's or company's managers may import past requests"
            );
        using var csv = await CsvSource.OpenAsync(open, ct);
        if (csv.Headers.Length == 0)
            v.Add("file", "文件是空的", "The file is empty");
        v.ThrowIfAny();
        var headers = csv.Headers;
        var map = options.Map;
        int Col(string field, string? name, bool required)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                if (required)
                    v.Add(field, "请选择对应的列", "Choose the column");
                return -1;
            }
            var i = Array.FindIndex(headers, h => h == name.Trim());
            if (i < 0)
                v.Add(field, $"文件中没有“{name}”列", $"The file has no column \"{name}\"");
            return i;
        }
        var cols = new Columns(
            Col("opened", map.Opened, true),
            Col("description", map.Description, true),
            Col("due", map.Due, false),
            Col("closed", map.Closed, false),
            Col("category", map.Category, false),
            Col("status", map.Status, false),
            Col("unit", map.Unit, false),
            Col("location", map.Location, false),
            Col("source", map.Source, false),
            Col("ref", map.Ref, false),
            Col("department", map.Department, false)
        );
        v.ThrowIfAny();

        var units = (
            await db.UnitRefs()
                .AsNoTracking()
                .Where(u => u.ProjectId == project!.Id)
                .Select(u => new
                {
                    u.Id,
                    u.ZoneId,
                    u.Number,
                    Building = db.BuildingRefs().Where(b => b.Id == u.BuildingId).Select(b => b.Name).FirstOrDefault(),
                })
                .ToListAsync(ct)
        ).GroupBy(u => Key(u.Building + "-" + u.Number)).ToDictionary(g => g.Key, g => (g.First().Id, g.First().ZoneId));

        await using var tx = dryRun ? null : await db.Database.BeginOrJoinTransactionAsync(ct);
        if (!dryRun)
            // One import per project at a time: a second waits here, then sees the first's references as taken.
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"select pg_advisory_xact_lock(hashtextextended({project!.Id.ToString()}, 12))",
                ct
            );
        var known = (
            await db.Set<ServiceRequest>()
                .AsNoTracking()
                .Where(r => r.ProjectId == project!.Id && r.ExternalRef != null)
                .Select(r => r.ExternalRef!)
                .ToListAsync(ct)
        ).ToHashSet();

        var reader = new RowReader(cols, options, units, known);
        var batch = new List<ServiceRequest>(BatchSize);
        var now = clock.GetUtcNow();
        var rows = 0;
        var imported = 0;
        while (await csv.ReadAsync(ct) is { } cells)
        {
            ct.ThrowIfCancellationRequested();
            rows++;
            var row = reader.Read(csv.Row, cells);
            if (row is null)
                continue;
            imported++;
            if (dryRun)
                continue;
            row.CompanyId = project!.CompanyId;
            row.ProjectId = project.Id;
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                await WriteAsync(batch, project.CompanyId, now, ct);
                batch.Clear();
            }
        }
        if (!dryRun)
        {
            await WriteAsync(batch, project!.CompanyId, now, ct);
            // COPY bypasses the save that marks the metrics' months stale: mark them here, in the same transaction.
            foreach (var month in _months)
                db.Add(
                    new MetricsRollupStale
                    {
                        Id = Guid.CreateVersion7(),
                        CompanyId = project.CompanyId,
                        Month = month,
                    }
                );
            await db.SaveChangesAsync(ct);
            await tx!.CommitAsync(ct);
        }
        return new ImportResult(
            rows,
            imported,
            reader.Skipped,
            reader.Problems,
            headers,
            reader.CategoriesFound(MaxCategoriesListed),
            options.Dates
        );
    }

    /// <summary>
    /// Numbers each request (the old system's number where it is free in this company, other
    /// projects included, whoever may see them; else one of ours), then writes the batch and its
    /// audit rows by COPY inside the import's transaction.
    /// </summary>
    private async Task WriteAsync(List<ServiceRequest> batch, Guid companyId, DateTimeOffset now, CancellationToken ct)
    {
        if (batch.Count == 0)
            return;
        _months.UnionWith(batch.Select(r => r.OpenedMonth));
        var wanted = batch.Where(r => r.ExternalRef is { Length: <= 30 }).Select(r => r.ExternalRef!).ToList();
        var taken = (
            await db.Set<ServiceRequest>()
                .IgnoreQueryFilters()
                .AsNoTracking()
                .Where(r => r.CompanyId == companyId && wanted.Contains(r.Number))
                .Select(r => r.Number)
                .ToListAsync(ct)
        ).ToHashSet();
        foreach (var r in batch)
            r.Number = r.ExternalRef is { Length: <= 30 } own && taken.Add(own) ? own : await numbers.NextAsync(r.OpenedAt, "DR", ct);
        await BulkWriter.InsertAsync(db, batch, now, ct);
    }

    internal static string Key(string s) => new([.. s.Where(ch => !char.IsWhiteSpace(ch) && ch is not '-' and not '#' and not '室')]);

    internal sealed record Columns(
        int Opened,
        int Description,
        int Due,
        int Closed,
        int Category,
        int Status,
        int Unit,
        int Location,
        int Source,
        int Ref,
        int Department
    );
}
