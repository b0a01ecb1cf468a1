using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.MasterData.Contracts;

/// <summary>What other modules may add to the tree.</summary>
public static class MasterDataWrites
{
    /// <summary>
    /// Adds a project (a pre-handover site under supervision, say) to the caller's unit of work: it is
    /// saved, checked against the caller's scope and audited with the caller's SaveChanges. Returns its id.
    /// </summary>
    public static Guid AddProject(this WuyeDb db, Guid companyId, string name, ProjectKind kind, string? address)
    {
        var project = new Project
        {
            CompanyId = companyId,
            Name = name,
            Kind = kind,
            Address = address,
        };
        db.Add(project);
        return project.Id;
    }
}
