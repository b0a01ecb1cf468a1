using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Seed;

/// <summary>
/// The staff module's demo records: the demo technician and security guard join their project's teams in the staff register
/// (linked to their accounts), and every project's engineering and security staff hold their special-operation certificates —
/// most valid for years, a few expiring within the reminder window and one lapsed per company, dated from the day the demo is
/// made, so the certificates page, the to-do lists and the reminders have something to show.
/// </summary>
internal sealed class StaffDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 60;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var rng = context.Random;
        var today = ChinaTime.Today(clock);
        var teams = await db.TeamRefs()
            .AsNoTracking()
            .Where(t => t.ProjectId != null && (t.Kind == TeamKind.Engineering || t.Kind == TeamKind.Security))
            .OrderBy(t => t.CompanyId)
            .ThenBy(t => t.ProjectId)
            .ThenBy(t => t.Kind)
            .ThenBy(t => t.Id)
            .ToListAsync(ct);

        // The demo accounts of the front line join the register of their project's team, linked to their accounts.
        var accounts = await (
            from r in db.RoleAssignments
            join u in db.Users on r.UserId equals u.Id
            where (r.Role == Roles.Technician || r.Role == Roles.SecurityGuard) && r.ProjectId != null
            orderby u.UserName, u.Id
            select new
            {
                u.Id,
                Name = u.DisplayName ?? u.UserName!,
                r.Role,
                ProjectId = r.ProjectId!.Value,
            }
        ).ToListAsync(ct);
        var linked = new List<(Guid StaffId, TeamRef Team, string Name)>();
        foreach (var a in accounts)
        {
            var kind = a.Role == Roles.Technician ? TeamKind.Engineering : TeamKind.Security;
            if (teams.FirstOrDefault(t => t.ProjectId == a.ProjectId && t.Kind == kind) is not { } team)
                continue;
            var name = a.Name.Split(' ').Last();
            linked.Add((db.AddStaffMember(team, a.Id, name, a.Role == Roles.Technician ? "维修工" : "秩序维护员"), team, name));
        }

        var members = await db.StaffRefs()
            .AsNoTracking()
            .Where(s => s.TeamId != null && s.ArchivedAt == null)
            .OrderBy(s => s.TeamId)
            .ThenBy(s => s.Name)
            .ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                TeamId = s.TeamId!.Value,
                s.Name,
            })
            .ToListAsync(ct);
        var lapsedIn = new HashSet<Guid>();
        var number = 0;
        foreach (var team in teams)
        {
            var holders = members.Where(m => m.TeamId == team.Id).Select(m => (m.Id, m.Name)).ToList();
            holders.AddRange(linked.Where(l => l.Team.Id == team.Id).Select(l => (l.StaffId, l.Name)));
            for (var i = 0; i < holders.Count; i++)
            {
                var (staffId, name) = holders[i];
                var isLinked = linked.Any(l => l.StaffId == staffId);
                CertificateKind[] kinds =
                    team.Kind == TeamKind.Engineering
                        ? i == 0
                            ? [CertificateKind.Electrician, CertificateKind.ElevatorSafetyManager]
                            : isLinked
                                ? [CertificateKind.Electrician, CertificateKind.HeightWork]
                                : [CertificateKind.Electrician]
                        : i == 0 || isLinked
                            ? [CertificateKind.FireFacilityOperator]
                            : [];
                foreach (var kind in kinds)
                {
                    // Six-year certificates (电工作业 and the like are reviewed every three to six years) issued some time ago.
                    var issued = today.AddDays(-rng.Next(200, 1500));
                    var expires = issued.AddYears(6);
                    if (isLinked && kind == CertificateKind.HeightWork)
                    {
                        // The demo technician's height-work certificate falls due within the reminder window: his to-do list shows it.
                        issued = today.AddYears(-6).AddDays(20);
                        expires = today.AddDays(20);
                    }
                    else if (kind == CertificateKind.Electrician && i == 1 && lapsedIn.Add(team.CompanyId))
                    {
                        // One electrician per company let his certificate lapse last week: off electrical jobs until renewed.
                        issued = today.AddYears(-6).AddDays(-7);
                        expires = today.AddDays(-7);
                    }
                    else if (!isLinked && rng.Next(0, 8) == 0)
                        expires = today.AddDays(rng.Next(5, 30));
                    db.Add(
                        Certificate.Record(
                            team.CompanyId,
                            team.ProjectId,
                            staffId,
                            name,
                            kind,
                            $"T{issued:yyyyMMdd}{++number:D5}",
                            kind == CertificateKind.FireFacilityOperator ? "消防救援支队" : "应急管理局",
                            issued,
                            expires,
                            today
                        )
                    );
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
