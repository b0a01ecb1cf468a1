namespace Wuye.Platform.Files;

/// <summary>
/// Where the files attached to a record must have been stored: the record's unit, its project (project files only, never a
/// unit's), or its company (company-level files and its projects' files, never a unit's).
/// </summary>
public readonly record struct FilePlace(Guid CompanyId, Guid? ProjectId, Guid? UnitId)
{
    public static FilePlace Unit(Guid company, Guid project, Guid unit) => new(company, project, unit);

    public static FilePlace Project(Guid company, Guid project) => new(company, project, null);

    public static FilePlace Company(Guid company) => new(company, null, null);
}
