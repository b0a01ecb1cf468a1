using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Regulation.Seed;

/// <summary>
/// Owners' committees filed with the regulator: one at each company's first project (the first company's term ends in 20 days,
/// so the alert and the renewal show); the other projects are left without one, for the regulator's list of projects lacking one.
/// </summary>
internal static class CommitteeDemoData
{
    private static readonly string[][] Members =
    [
        ["冯建国", "赵丽华", "钱志强", "孙秀英", "李明"],
        ["周海涛", "吴晓燕", "郑国平", "王淑芬", "陈立新"],
    ];

    public static async Task SeedAsync(WuyeDb db, Guid regulatorId, List<Guid> companies, DateOnly today, CancellationToken ct)
    {
        for (var ci = 0; ci < companies.Count && ci < 5; ci++)
        {
            var company = companies[ci];
            var project = await db.ProjectRefs()
                .Where(p => p.CompanyId == company && p.ArchivedAt == null)
                .OrderBy(p => p.Name)
                .ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.Name })
                .FirstOrDefaultAsync(ct);
            if (project is null)
                continue;
            var end = ci == 0 ? today.AddDays(20) : today.AddYears(2).AddDays(ci * 30);
            var names = Members[ci % Members.Length];
            db.Add(
                OwnersCommittee.Create(
                    regulatorId,
                    company,
                    project.Id,
                    $"{project.Name}业主委员会",
                    [project.Id],
                    ci == 0 ? 2 : 1,
                    end.AddYears(-5).AddDays(1),
                    end,
                    names.Select(
                        (n, i) =>
                            (
                                n,
                                i switch
                                {
                                    0 => CommitteePosition.Director,
                                    1 => CommitteePosition.DeputyDirector,
                                    _ => CommitteePosition.Member,
                                },
                                (string?)$"{i + 1}幢{i + 1}0{i + 1}室",
                                (string?)null
                            )
                    )
                )
            );
        }
        await db.SaveChangesAsync(ct);
    }
}
