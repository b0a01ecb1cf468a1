using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Fees;

/// <summary>
/// A small project of three units made for a test (its own name, so tests sharing an app do not meet), in the company of
/// the demo manager (锦华) unless another is named. Units: 89.37 m² 三室两厅; 120.50 m² 三室两厅 holding two rented spaces;
/// 143.21 m² 四室两厅.
/// </summary>
internal static class FeeTestKit
{
    public sealed record Site(Guid Company, Guid Project, Guid[] Units);

    public static Task<Site> SiteAsync(WuyeApp app, string name, string companyPrefix = "锦华") =>
        app.DbAsync(async db =>
        {
            var company = await db.Companies().Where(c => c.Name.StartsWith(companyPrefix)).Select(c => c.Id).FirstAsync();
            var project = new Project
            {
                CompanyId = company,
                Name = name,
                Kind = ProjectKind.Residential,
            };
            var building = new Building
            {
                CompanyId = company,
                ProjectId = project.Id,
                Name = "1幢",
                Floors = 10,
            };
            db.AddRange(project, building);
            var units = new[] { (89.37m, "三室两厅"), (120.5m, "三室两厅"), (143.21m, "四室两厅") }
                .Select(
                    (x, i) =>
                        new Unit
                        {
                            CompanyId = company,
                            ProjectId = project.Id,
                            BuildingId = building.Id,
                            Number = $"{i + 1}01",
                            Area = x.Item1,
                            UnitType = x.Item2,
                            HandoverDate = new DateOnly(2020, 6, 1),
                        }
                )
                .ToArray();
            db.AddRange(units);
            foreach (var code in new[] { "B1-901", "B1-902" })
                db.Add(
                    new ParkingSpace
                    {
                        CompanyId = company,
                        ProjectId = project.Id,
                        Code = code,
                        Kind = ParkingKind.Rented,
                        UnitId = units[1].Id,
                    }
                );
            await db.SaveChangesAsync();
            return new Site(company, project.Id, [.. units.Select(u => u.Id)]);
        });

    /// <summary>A new owner account (password of the demo accounts, a phone for the SMS) of one of the site's units.</summary>
    public static async Task<Guid> OwnerAsync(WuyeApp app, Site site, Guid unit, string userName, string name)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
        var db = scope.ServiceProvider.GetRequiredService<WuyeDb>();
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = name,
            CompanyId = site.Company,
            PhoneNumber = "139" + Random.Shared.Next(10_000_000, 99_999_999),
        };
        Assert.True(
            (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, DemoAccounts.Password)).Succeeded
        );
        var person = new Person
        {
            CompanyId = site.Company,
            ProjectId = site.Project,
            Name = name,
            UserId = user.Id,
        };
        db.Add(person);
        db.Add(
            new UnitOccupant
            {
                CompanyId = site.Company,
                ProjectId = site.Project,
                UnitId = unit,
                PersonId = person.Id,
                Relation = OccupantRelation.Owner,
            }
        );
        await db.SaveChangesAsync();
        return user.Id;
    }

    public static async Task FeeItemsAsync(HttpClient pm, Guid project)
    {
        foreach (
            var item in new object[]
            {
                new
                {
                    projectId = project,
                    name = "物业管理费",
                    kind = "areaBased",
                    unitPrice = 2.35m,
                    unitType = "三室两厅",
                    lateFeeDailyRate = 0.0005m,
                    lateFeeCap = 0.2m,
                    graceDays = 15,
                },
                new
                {
                    projectId = project,
                    name = "物业管理费（四室两厅）",
                    kind = "areaBased",
                    unitPrice = 2.6m,
                    unitType = "四室两厅",
                },
                new
                {
                    projectId = project,
                    name = "生活垃圾清运费",
                    kind = "fixed",
                    unitPrice = 10m,
                },
                new
                {
                    projectId = project,
                    name = "车位租金",
                    kind = "parkingRent",
                    unitPrice = 300m,
                },
            }
        )
            Assert.Equal(HttpStatusCode.Created, (await pm.PostJsonAsync("/api/v1/fee-items", item)).StatusCode);
    }
}
