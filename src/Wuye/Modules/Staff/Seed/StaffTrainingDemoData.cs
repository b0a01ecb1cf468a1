using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Seed;

/// <summary>
/// Training records for every project: last month's 应知应会 session of the engineering and security teams with its results
/// (scores drawn, passed or not by the session's pass mark), a safety session held two days ago whose results are still to be
/// entered (the project manager's to-do line), and next week's service session its trainees have been told of.
/// </summary>
internal sealed class StaffTrainingDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 61;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var rng = context.Random;
        var today = ChinaTime.Today(clock);
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .OrderBy(p => p.CompanyId)
            .ThenBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.CompanyId })
            .ToListAsync(ct);
        var teams = db.TeamRefs();
        var staff = await db.StaffRefs()
            .AsNoTracking()
            .Where(s => s.ProjectId != null && s.ArchivedAt == null)
            .OrderBy(s => s.Name)
            .ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                ProjectId = s.ProjectId!.Value,
                s.Name,
                Kind = teams.Where(t => t.Id == s.TeamId).Select(t => (TeamKind?)t.Kind).FirstOrDefault(),
            })
            .ToListAsync(ct);
        foreach (var project in projects)
        {
            var mine = staff.Where(s => s.ProjectId == project.Id).ToList();
            var front = mine.Where(s => s.Kind is TeamKind.Engineering or TeamKind.Security).ToList();
            if (front.Count == 0)
                continue;
            var known = TrainingSession.Plan(
                project.CompanyId,
                project.Id,
                "应知应会：报修受理与投诉回复口径",
                TrainingTopic.Professional,
                today.AddDays(-30),
                2m,
                "品质部",
                60m
            );
            db.Add(known);
            foreach (var s in front)
            {
                var line = known.Enrol(s.Id, s.Name);
                var attended = rng.Next(0, 10) > 0;
                line.RecordResult(known, attended, attended ? rng.Next(100, 197) / 2m : null, attended ? rng.Next(3, 6) : null, today);
                db.Add(line);
            }
            var safety = TrainingSession.Plan(
                project.CompanyId,
                project.Id,
                "消防设施操作与应急疏散演练",
                TrainingTopic.Safety,
                today.AddDays(-2),
                1.5m,
                "工程部",
                70m
            );
            db.Add(safety);
            db.AddRange(front.Select(s => safety.Enrol(s.Id, s.Name)));
            var service = TrainingSession.Plan(
                project.CompanyId,
                project.Id,
                "服务礼仪与首问责任制",
                TrainingTopic.Service,
                today.AddDays(7),
                1m,
                "客服中心",
                60m
            );
            db.Add(service);
            db.AddRange(mine.Select(s => service.Enrol(s.Id, s.Name)));
        }
        await db.SaveChangesAsync(ct);
    }
}
