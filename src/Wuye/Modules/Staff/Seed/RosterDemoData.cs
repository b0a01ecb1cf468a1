using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Contracts;
using Wuye.Modules.Staff.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Seed;

/// <summary>
/// The duty roster of every project with an engineering team, for the current week (Monday to Sunday): an engineering day and
/// night shift on the 工程值班 post, which requires an electrician's certificate (only people holding a valid one on the day
/// are put on it, so the electrician whose certificate lapsed is left off), a flexible technicians' shift (000#44) with the
/// demo technician on it every weekday, and the fire-control room (linked to the security module's monitoring post) with its
/// certified operator. The demo technician has asked for two days' leave next week, waiting for the project manager.
/// </summary>
internal sealed class RosterDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 69;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var today = ChinaTime.Today(clock);
        var monday = RosterViews.WeekOf(today);
        var teams = await db.TeamRefs()
            .AsNoTracking()
            .Where(t => t.ProjectId != null && t.ArchivedAt == null && (t.Kind == TeamKind.Engineering || t.Kind == TeamKind.Security))
            .OrderBy(t => t.ProjectId)
            .ThenBy(t => t.Kind)
            .ThenBy(t => t.Id)
            .ToListAsync(ct);
        var staff = await db.StaffRefs()
            .AsNoTracking()
            .Where(s => s.TeamId != null && s.ArchivedAt == null)
            .OrderBy(s => s.Name)
            .ThenBy(s => s.Id)
            .ToListAsync(ct);
        var certs = await db.Set<Certificate>().AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var monitoring = await db.SecurityPostRefs()
            .AsNoTracking()
            .Where(p => p.Kind == "Monitoring" && p.ArchivedAt == null)
            .OrderBy(p => p.Id)
            .ToListAsync(ct);
        var techUser = await db.Users.AsNoTracking().Where(u => u.UserName == "tech").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        bool Holds(Guid staffId, CertificateKind kind, DateOnly day) =>
            certs.Any(c => c.StaffMemberId == staffId && c.Kind == kind && c.IssuedOn <= day && c.ExpiresOn >= day);

        foreach (var engineering in teams.Where(t => t.Kind == TeamKind.Engineering).DistinctBy(t => t.ProjectId))
        {
            var (company, project) = (engineering.CompanyId, engineering.ProjectId!.Value);
            var dayShift = RosterShift.Create(company, project, "工程白班", ShiftKind.Day, new(8, 0), new(17, 0));
            var nightShift = RosterShift.Create(company, project, "工程夜班", ShiftKind.Night, new(17, 0), new(8, 0));
            var flexShift = RosterShift.Create(company, project, "弹性班", ShiftKind.Flexible, new(10, 0), new(19, 0));
            db.AddRange(dayShift, nightShift, flexShift);
            RosterPost Post(string name, Guid? team, CertificateKind? kind, Guid? securityPost = null)
            {
                var post = new RosterPost
                {
                    CompanyId = company,
                    ProjectId = project,
                    TeamId = team,
                    SecurityPostId = securityPost,
                    Name = name,
                    RequiredCertificate = kind,
                };
                db.Add(post);
                return post;
            }
            var duty = Post("工程值班", engineering.Id, CertificateKind.Electrician);
            duty.StaffedShiftIds = [dayShift.Id, nightShift.Id];
            var repair = Post("维修弹性岗", engineering.Id, null);
            var techs = staff.Where(s => s.TeamId == engineering.Id).ToList();
            var security = teams.FirstOrDefault(t => t.Kind == TeamKind.Security && t.ProjectId == project);
            var monitor = monitoring.FirstOrDefault(p => p.ProjectId == project);
            var fireRoom = security is null ? null : Post("消防控制室", security.Id, CertificateKind.FireFacilityOperator, monitor?.Id);
            if (fireRoom is not null)
                fireRoom.StaffedShiftIds = [dayShift.Id, nightShift.Id];
            var operators = security is null ? [] : staff.Where(s => s.TeamId == security.Id && s.UserId == null).ToList();
            var turn = 0;
            for (var d = monday; d <= monday.AddDays(6); d = d.AddDays(1))
            {
                var used = new HashSet<Guid>();
                void Put(RosterPost post, RosterShift shift, StaffRef s)
                {
                    used.Add(s.Id);
                    db.Add(RosterEntry.For(post, shift, d, s.Id, s.ProjectId, s.UserId, s.Name, new(true, false, null), monday));
                }
                var tech = techs.FirstOrDefault(s => s.UserId == techUser && techUser != null);
                if (tech is not null && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                    Put(repair, flexShift, tech);
                foreach (var shift in new[] { dayShift, nightShift })
                {
                    var electricians = techs.Where(s => !used.Contains(s.Id) && Holds(s.Id, CertificateKind.Electrician, d)).ToList();
                    if (electricians.Count > 0)
                        Put(duty, shift, electricians[turn++ % electricians.Count]);
                }
                if (fireRoom is not null)
                    foreach (var (shift, i) in new[] { (dayShift, 0), (nightShift, 1) })
                    {
                        var fit = operators.Where(s => Holds(s.Id, CertificateKind.FireFacilityOperator, d)).ToList();
                        if (fit.Count > i)
                            Put(fireRoom, shift, fit[(i + d.DayNumber) % fit.Count]);
                    }
            }
            if (techs.FirstOrDefault(s => s.UserId == techUser && techUser != null) is { } me)
            {
                var from = monday.AddDays(9);
                db.Add(LeaveRequest.Ask(company, project, me.Id, techUser!.Value, me.Name, from, from.AddDays(1), "家中有事", monday));
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
