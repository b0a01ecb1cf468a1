using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Regulation.Seed;

/// <summary>
/// Each company's file with its regulator: the market entry filing, a service contract filing per project (the second company's
/// last contract has lapsed) and two contacts.
/// </summary>
internal static class FilingDemoData
{
    private static readonly (string Name, string Position, string Phone)[][] Contacts =
    [
        [("张建华", "总经理", "13905701234"), ("陈晓", "品质部经理", "13905705678")],
        [("李伟", "总经理", "13905702345"), ("王芳", "综合办主任", "13905706789")],
    ];

    public static async Task SeedAsync(WuyeDb db, List<Guid> companies, DateOnly today, CancellationToken ct)
    {
        for (var ci = 0; ci < companies.Count && ci < 10; ci++)
        {
            var company = companies[ci];
            db.Add(
                CompanyFiling.Create(
                    company,
                    null,
                    FilingKind.MarketEntry,
                    "物业服务企业信息备案",
                    $"KH-WY-{2021 + ci}-{ci + 1:D3}",
                    today.AddYears(-3).AddDays(ci * 11),
                    null,
                    null,
                    today,
                    "企业管理员"
                )
            );
            var projects = await db.ProjectRefs()
                .Where(p => p.CompanyId == company && p.ArchivedAt == null)
                .OrderBy(p => p.Name)
                .ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.Name })
                .Take(20)
                .ToListAsync(ct);
            for (var pi = 0; pi < projects.Count; pi++)
            {
                var lapsed = ci % 2 == 1 && pi == projects.Count - 1;
                var filed = today.AddYears(-2).AddDays(pi * 17);
                db.Add(
                    CompanyFiling.Create(
                        company,
                        projects[pi].Id,
                        FilingKind.Contract,
                        $"{projects[pi].Name}物业服务合同",
                        $"HT-{filed:yyyy}-{ci + 1}{pi + 1:D2}",
                        filed,
                        lapsed ? today.AddDays(-15) : filed.AddYears(5),
                        null,
                        today,
                        "企业管理员"
                    )
                );
            }
            foreach (var (name, position, phone) in Contacts[ci % Contacts.Length])
                db.Add(
                    new CompanyContact
                    {
                        CompanyId = company,
                        Name = name,
                        Position = position,
                        Phone = phone,
                    }
                );
        }
        await db.SaveChangesAsync(ct);
    }
}
