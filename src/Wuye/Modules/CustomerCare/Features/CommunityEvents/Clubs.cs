using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.CommunityEvents;

/// <summary>
/// 小区社团 (000#61): the desk and managers found a project's clubs; households join (an owner on the portal, or the desk for them)
/// and leave. Member counts are read with the filters off for the visible clubs; the member list is the reader's scope's.
/// </summary>
internal sealed class Clubs(WuyeDb db, UserNames names, TimeProvider clock)
{
    public async Task<IQueryable<Club>> VisibleAsync(CancellationToken ct)
    {
        if (!CareRoles.IsOwner(db.Scope))
            return db.Set<Club>().AsNoTracking();
        var projects = await db.OwnUnitRefs().Select(u => u.ProjectId).Distinct().ToListAsync(ct);
        return db.Set<Club>().IgnoreQueryFilters().AsNoTracking().Where(c => projects.Contains(c.ProjectId));
    }

    public async Task<List<ClubDto>> ListAsync(Guid? projectId, CancellationToken ct)
    {
        var q = await VisibleAsync(ct);
        if (projectId is { } p)
            q = q.Where(c => c.ProjectId == p);
        var clubs = await q.OrderBy(c => c.ProjectId).ThenBy(c => c.Name).ThenBy(c => c.Id).Take(500).ToListAsync(ct);
        var ids = clubs.Select(c => c.Id).ToList();
        var counts = await db.Set<ClubMember>()
            .IgnoreQueryFilters()
            .Where(m => ids.Contains(m.ClubId))
            .GroupBy(m => m.ClubId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var own = db.Scope.Units;
        var mine = CareRoles.IsOwner(db.Scope)
            ? await db.Set<ClubMember>().Where(m => ids.Contains(m.ClubId) && own.Contains(m.UnitId)).Select(m => m.ClubId).ToListAsync(ct)
            : [];
        return
        [
            .. clubs.Select(c => new ClubDto(
                c.Id,
                c.ProjectId,
                c.Name,
                c.Interest,
                c.Description,
                counts.GetValueOrDefault(c.Id),
                mine.Contains(c.Id)
            )),
        ];
    }

    public IQueryable<ClubMemberDto> Members(Guid clubId, Guid? memberId = null)
    {
        var labels = db.UnitLabels();
        return db.Set<ClubMember>()
            .AsNoTracking()
            .Where(m => m.ClubId == clubId && (memberId == null || m.Id == memberId))
            .OrderBy(m => m.CreatedAt)
            .ThenBy(m => m.Id)
            .Select(m => new ClubMemberDto(
                m.Id,
                m.ClubId,
                m.UnitId,
                labels.Where(l => l.Id == m.UnitId).Select(l => l.Label).FirstOrDefault() ?? "",
                m.Name,
                m.CreatedAt
            ));
    }

    public async Task<Guid> CreateAsync(NewClub input, CancellationToken ct)
    {
        Validator.Check(input);
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == input.ProjectId && p.ArchivedAt == null)
            .Select(p => new { p.Id, p.CompanyId })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var name = input.Name!.Trim();
        if (await db.Set<Club>().AnyAsync(c => c.ProjectId == project.Id && c.Name == name, ct))
            throw ValidationException.For("name", "本项目已有同名社团", "The project already has a club of that name");
        var club = new Club
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            Name = name,
            Interest = string.IsNullOrWhiteSpace(input.Interest) ? null : input.Interest.Trim(),
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
        };
        db.Add(club);
        await db.SaveChangesAsync(ct);
        return club.Id;
    }

    public async Task<Guid> JoinAsync(Guid clubId, JoinClub input, CancellationToken ct)
    {
        Validator.Check(input);
        var club = await (await VisibleAsync(ct)).FirstOrDefaultAsync(c => c.Id == clubId, ct) ?? throw new NotFoundException("club");
        var unit = await CareHome.FindAsync(db, input.UnitId, ct);
        if (unit.ProjectId != club.ProjectId)
            throw ValidationException.For("unitId", "该房屋不在社团所在项目", "This home is not in the club's project");
        if (await db.Set<ClubMember>().IgnoreQueryFilters().AnyAsync(m => m.ClubId == club.Id && m.UnitId == unit.Id, ct))
            throw ValidationException.For("unitId", "该户已是社团成员", "This home is already a member");
        var name = await unit.HouseholdNameAsync(db, names, clock, ct);
        var member = new ClubMember
        {
            CompanyId = unit.CompanyId,
            ProjectId = unit.ProjectId,
            ZoneId = unit.ZoneId,
            UnitId = unit.Id,
            ClubId = club.Id,
            Name = name,
        };
        db.Add(member);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            // Two joins of one home at once: the unique index refuses the second.
            throw ValidationException.For("unitId", "该户已是社团成员", "This home is already a member");
        }
        return member.Id;
    }

    public async Task LeaveAsync(Guid clubId, Guid unitId, CancellationToken ct)
    {
        var member = await db.Set<ClubMember>().FirstOrDefaultAsync(m => m.ClubId == clubId && m.UnitId == unitId, ct)
            ?? throw new NotFoundException("club member");
        db.Remove(member);
        await db.SaveChangesAsync(ct);
    }

    public static readonly string[] Joiners = [Roles.Owner, .. CareRoles.Stewards];
}
