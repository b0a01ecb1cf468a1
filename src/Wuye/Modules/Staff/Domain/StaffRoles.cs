using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Staff.Domain;

/// <summary>Who does what in the staff module: the menu, the pages, the endpoints and the to-do lists use these same sets.</summary>
internal static class StaffRoles
{
    /// <summary>Who keeps the register of certificates: company management for the company, a project manager for his projects.</summary>
    public static readonly string[] Keepers = [Roles.CompanyManager, Roles.ProjectManager];

    /// <summary>
    /// Front-line staff who hold certificates (electricians, fire-control room operators, height work) and see their own:
    /// the reminders lead them there.
    /// </summary>
    public static readonly string[] Holders = [Roles.Technician, Roles.SecurityGuard, Roles.MonitoringCenter];

    /// <summary>Who may be required to sit an exam: the staff of a project, the project manager included.</summary>
    public static readonly string[] Examinees =
    [
        Roles.ProjectManager,
        Roles.CustomerService,
        Roles.Steward,
        Roles.Technician,
        Roles.SecurityGuard,
        Roles.MonitoringCenter,
    ];

    /// <summary>Front-line staff on the duty roster: they see their shifts, ask for leave and for swaps (keepers fill it).</summary>
    public static readonly string[] Rostered =
    [
        Roles.CustomerService,
        Roles.Steward,
        Roles.Technician,
        Roles.SecurityGuard,
        Roles.MonitoringCenter,
    ];

    /// <summary>Who may open the roster page: the keepers (fill it, decide requests) and the rostered staff (their own shifts).</summary>
    public static bool MayOpenRosters(DataScope s) => MayKeep(s) || Rostered.Any(s.HasRole);

    /// <summary>Who may open the exams page: the keepers (banks, exams, everyone's results) and examinees (their own exams).</summary>
    public static bool MayOpenExams(DataScope s) => MayKeep(s) || Examinees.Any(s.HasRole);

    public static bool MayKeep(DataScope s) => s.IsGlobal || Keepers.Any(s.HasRole);

    /// <summary>
    /// The places where the reader keeps the register, by the role held at each place: a company manager's companies, a
    /// project manager's projects. A project manager of one project who is a technician in another keeps only the first.
    /// </summary>
    public static KeptPlaces Kept(DataScope s) =>
        s.IsGlobal
            ? new(true, [], [])
            : new(
                false,
                [
                    .. s
                        .Grants.Where(g => Keepers.Contains(g.Role) && g.Project == null && g.Zone == null && g.Company != null)
                        .Select(g => g.Company!.Value),
                ],
                [.. s.Grants.Where(g => Keepers.Contains(g.Role) && g.Project != null).Select(g => g.Project!.Value)]
            );

    /// <summary>Who may open the certificates page: the keepers (every certificate they may see) and holders (their own).</summary>
    public static bool MayOpen(DataScope s) => MayKeep(s) || Holders.Any(s.HasRole);
}

/// <summary>Where a reader keeps the register: everywhere, or these companies (all their records) and projects.</summary>
internal sealed record KeptPlaces(bool All, Guid[] Companies, Guid[] Projects)
{
    public bool Covers(Guid company, Guid? project) => All || Companies.Contains(company) || (project is { } p && Projects.Contains(p));
}
