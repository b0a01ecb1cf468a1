using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.MasterData.Contracts;

/// <summary>What other modules may add to the staff register (员工).</summary>
public static class StaffRegisterWrites
{
    /// <summary>
    /// Adds a staff member, optionally linked to a sign-in account, to the caller's unit of work (saved, scope-checked and
    /// audited with the caller's SaveChanges). Returns the new member's id.
    /// </summary>
    public static Guid AddStaffMember(this WuyeDb db, TeamRef team, Guid? userId, string name, string? position)
    {
        var member = new StaffMember
        {
            CompanyId = team.CompanyId,
            ProjectId = team.ProjectId,
            TeamId = team.Id,
            UserId = userId,
            Name = name,
            Position = position,
        };
        db.Add(member);
        return member.Id;
    }
}
