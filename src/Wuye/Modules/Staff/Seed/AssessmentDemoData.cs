using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.StaffAssessments;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Seed;

/// <summary>
/// Last month's assessment of every project with staff, closed as the monthly job closes it: each person's score computed by the
/// app from the demo's own records of that month (QPI findings, work orders, complaints, exam attempts — no figure typed in),
/// ranked and stored, waiting for the project manager's review; the current month is read live from the same records.
/// </summary>
internal sealed class AssessmentDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 92;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var month = StaffTalk.MonthOf(ChinaTime.Today(clock)).AddMonths(-1);
        var staff = db.StaffRefs().Where(s => s.ArchivedAt == null);
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null && staff.Any(s => s.ProjectId == p.Id))
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.CompanyId })
            .ToListAsync(ct);
        foreach (var p in projects)
            await StaffScores.StageCloseAsync(db, p.CompanyId, p.Id, month, ChinaTime.StartOf(month.AddMonths(1)), ct);
        await db.SaveChangesAsync(ct);
    }
}
