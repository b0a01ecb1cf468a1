using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.ImportMasterData;

internal sealed record ImportBatchDto(
    Guid Id,
    Guid ProjectId,
    string ProjectName,
    string FileName,
    long FileSize,
    ImportStatus Status,
    int Rows,
    int ToCreate,
    int ToUpdate,
    int Unchanged,
    int Errors,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CommittedAt,
    int? CommitMilliseconds
);

internal sealed record ImportReport(ImportBatchDto Batch, int TotalRows, IReadOnlyList<ImportRowReport> Rows);

/// <summary>Upload and dry run, report, commit: the three steps of onboarding a project from a file.</summary>
internal sealed class ImportService(WuyeDb db, TimeProvider clock, IOptions<ImportOptions> options, Accounts accounts)
{
    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>Reads and checks the file against the project, stores it as a batch, and reports what a commit would do.</summary>
    internal async Task<(ImportBatch Batch, ImportPlan Plan)> CheckAsync(
        Guid? projectId,
        string fileName,
        byte[] content,
        CancellationToken ct,
        ImportProgress? progress = null
    )
    {
        var project = await WritableProjectAsync(projectId, ct);
        List<RawSheet> sheets;
        progress?.Phase("正在读取文件", "Reading the file");
        ImportPlan plan;
        // A few files are read and checked at once; each is bounded (WorkbookLimits), so together they are too.
        await WorkbookLimits.Gate.WaitAsync(ct);
        try
        {
            try
            {
                sheets = SheetReader.Read(fileName, content);
            }
            catch (UnreadableFileException ex)
            {
                throw ValidationException.For("file", ex.Text.Zh, ex.Text.En);
            }
            catch (WorkbookTooLargeException ex)
            {
                throw ValidationException.For("file", ex.Text.Zh, ex.Text.En);
            }
            plan = await ImportPlanner.PlanAsync(db, project, sheets, tracking: false, ct, progress);
        }
        finally
        {
            WorkbookLimits.Gate.Release();
        }
        progress?.Phase("正在保存检查结果", "Saving the report");
        var batch = new ImportBatch
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            FileName = Path.GetFileName(fileName),
            FileSize = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Status = ImportStatus.Checked,
            UserId = db.Scope.UserId,
        };
        Count(batch, plan);
        db.Add(batch);
        db.Add(new ImportFile { BatchId = batch.Id, Content = content });
        await db.SaveChangesAsync(ct);
        return (batch, plan);
    }

    /// <summary>The batch's report against the records as they are now (after a commit: all unchanged).</summary>
    internal async Task<(ImportBatch Batch, ImportPlan Plan)?> ReportAsync(Guid id, CancellationToken ct)
    {
        var batch = await db.Set<ImportBatch>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null)
            return null;
        var project = await db.Projects().AsNoTracking().FirstAsync(p => p.Id == batch.ProjectId, ct);
        var plan = await ImportPlanner.PlanAsync(db, project, await SheetsAsync(batch, ct), tracking: false, ct);
        return (batch, plan);
    }

    /// <summary>
    /// Applies the batch all or nothing: in one transaction, re-plans against the current
    /// records (someone may have changed them since the dry run), refuses if any row has an
    /// error, inserts the new records in bulk and saves the updates with their history.
    /// </summary>
    public async Task<ImportBatch?> CommitAsync(Guid id, CancellationToken ct, ImportProgress? progress = null)
    {
        var started = Stopwatch.StartNew();
        var batch = await db.Set<ImportBatch>().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null)
            return null;
        var project = await WritableProjectAsync(batch.ProjectId, ct);
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        // One import per project at a time: a second commit waits here, then sees the first's records.
        await db.Database.ExecuteSqlInterpolatedAsync($"select pg_advisory_xact_lock(hashtextextended({project.Id.ToString()}, 7))", ct);
        // Read again after the lock: a commit that waited here finds the batch already committed.
        await db.Entry(batch).ReloadAsync(ct);
        batch.EnsureNotCommitted();
        progress?.Phase("正在读取文件", "Reading the file");
        var plan = await ImportPlanner.PlanAsync(db, project, await SheetsAsync(batch, ct), tracking: true, ct, progress);
        if (plan.Errors > 0)
            throw new RuleException(
                "import.has_errors",
                $"还有 {plan.Errors} 行有错误，请修改文件后重新上传；本次没有导入任何数据",
                $"{plan.Errors} rows have errors; fix the file and upload it again. Nothing was imported"
            );
        var now = clock.GetUtcNow();
        progress?.Phase("正在写入数据库", "Writing the records");
        await BulkWriter.InsertAsync(db, plan.Vendors, now, ct);
        await BulkWriter.InsertAsync(db, plan.Zones, now, ct);
        await BulkWriter.InsertAsync(db, plan.Buildings, now, ct);
        await BulkWriter.InsertAsync(db, plan.Units, now, ct);
        await BulkWriter.InsertAsync(db, plan.People, now, ct);
        await BulkWriter.InsertAsync(db, plan.Occupants, now, ct);
        await BulkWriter.InsertAsync(db, plan.Parking, now, ct);
        await BulkWriter.InsertAsync(db, plan.Assets, now, ct);
        await StaffAsync(plan, project, now, ct);
        Count(batch, plan);
        batch.Commit(now, (int)started.ElapsedMilliseconds);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return batch;
    }

    /// <summary>
    /// The staff sheet's records: accounts first (each an invitation whose code goes by SMS through the
    /// outbox, so the new staff rows carry their user), then the rows, then the roles, each granted with every
    /// check of POST /api/v1/role-assignments — a refusal rolls the whole import back.
    /// </summary>
    private async Task StaffAsync(ImportPlan plan, Project project, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (staff, userName, _) in plan.Invitations)
        {
            var (user, _) = await accounts.InviteAsync(userName, staff.Name, staff.Phone, null, project.CompanyId, ct);
            staff.UserId = user.Id;
        }
        await BulkWriter.InsertAsync(db, plan.Staff, now, ct);
        foreach (var (staff, role, zone) in plan.Grants)
            await AssignRole.AssignRole.GrantAsync(
                db,
                new AssignRole.RoleGrantInput(staff.UserId, role, project.CompanyId, project.Id, zone?.Id, null),
                ct
            );
        if (plan.Grants.Count > 0)
            ScopeResolver.Invalidate();
    }

    public static ImportBatchDto Dto(ImportBatch b, string projectName) =>
        new(
            b.Id,
            b.ProjectId,
            projectName,
            b.FileName,
            b.FileSize,
            b.Status,
            b.Rows,
            b.ToCreate,
            b.ToUpdate,
            b.Unchanged,
            b.Errors,
            b.CreatedAt,
            b.CommittedAt,
            b.CommitMilliseconds
        );

    private static void Count(ImportBatch batch, ImportPlan plan)
    {
        batch.Rows = plan.Rows.Count(r => r.Key != "");
        batch.ToCreate = plan.Count(RowAction.Create);
        batch.ToUpdate = plan.Count(RowAction.Update);
        batch.Unchanged = plan.Count(RowAction.Unchanged);
        batch.Errors = plan.Errors;
    }

    private async Task<List<RawSheet>> SheetsAsync(ImportBatch batch, CancellationToken ct)
    {
        var content = await db.Set<ImportFile>().AsNoTracking().Where(f => f.BatchId == batch.Id).Select(f => f.Content).FirstAsync(ct);
        return SheetReader.Read(batch.FileName, content);
    }

    private async Task<Project> WritableProjectAsync(Guid? projectId, CancellationToken ct)
    {
        if (projectId is null || projectId == Guid.Empty)
            throw ValidationException.For("projectId", "请选择项目", "Choose a project");
        var project = await db.Projects().AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        if (!db.Scope.CanWrite(project.CompanyId, project.Id, null, null))
            throw new ForbiddenException(
                "只有本项目或本公司的管理人员可以导入数据",
                "Only the project's or company's managers may import data"
            );
        if (project.ArchivedAt is not null)
            throw new RuleException("project.archived", "项目已归档，不能导入", "The project is archived; nothing can be imported into it");
        return project;
    }
}
