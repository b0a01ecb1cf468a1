using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Fees;

/// <summary>
/// 公共收益 on real PostgreSQL: a project's ledger, the owners' share as a setting with its history, a half year's statement
/// computed to the fen and frozen once published (the ledger of that half year refused, the snapshot unchanged), a correction
/// as version 2 with its reason (version 1 kept, superseded), the statement reaching the project's owner and owners'
/// committee (outbox, portal API) and nobody else, and the read receipts counted for the manager.
/// </summary>
[Collection(nameof(FeesApiCollection))]
public sealed class PublicRevenueTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private static object Entry(Guid project, string category, string date, decimal amount, string counterparty) =>
        new
        {
            projectId = project,
            category,
            date,
            amount,
            counterparty,
        };

    /// <summary>A new owner account of the site's first unit, and the demo committee member given the committee role there.</summary>
    private async Task<(Guid Owner, Guid Committee)> ReadersAsync(FeeTestKit.Site site, string userName)
    {
        using var scope = _app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Wuye.Platform.Tenancy.ScopeAccessor>().Scope = Wuye.Platform.Tenancy.DataScope.System;
        var db = scope.ServiceProvider.GetRequiredService<Wuye.Platform.Database.WuyeDb>();
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = "收益业主 孔先生",
            CompanyId = site.Company,
        };
        Assert.True(
            (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, DemoAccountsPassword)).Succeeded
        );
        var person = new Person
        {
            CompanyId = site.Company,
            ProjectId = site.Project,
            Name = "孔先生",
            UserId = user.Id,
        };
        db.Add(person);
        db.Add(
            new UnitOccupant
            {
                CompanyId = site.Company,
                ProjectId = site.Project,
                UnitId = site.Units[0],
                PersonId = person.Id,
                Relation = Wuye.Modules.MasterData.Contracts.OccupantRelation.Owner,
            }
        );
        var committee = await db.Users.Where(u => u.UserName == "committee").Select(u => u.Id).SingleAsync();
        db.RoleAssignments.Add(
            new RoleAssignment
            {
                UserId = committee,
                Role = Roles.OwnersCommittee,
                CompanyId = site.Company,
                ProjectId = site.Project,
            }
        );
        await db.SaveChangesAsync();
        return (user.Id, committee);
    }

    private const string DemoAccountsPassword = "Wuye@2026";

    private static void Money(decimal expected, JsonElement e, string field) => Assert.Equal(expected, e.GetProperty(field).GetDecimal());

    [Fact]
    public async Task A_half_year_is_computed_to_the_fen_published_frozen_corrected_as_version_2_and_read_only_by_its_owners()
    {
        var site = await FeeTestKit.SiteAsync(_app, "公共收益核算苑");
        var (owner, committee) = await ReadersAsync(site, "revenue-owner");
        var pm = await _app.As("manager");
        var p = site.Project;

        // The owners' share, a setting with its history: 70 % for 2026, 65 % only from July (not this statement's).
        await pm.PostJsonAsync(
                "/api/v1/public-revenue/share-settings",
                new
                {
                    projectId = p,
                    percent = 70m,
                    effectiveFrom = "2026-01-01",
                }
            )
            .OkAsync();
        await pm.PostJsonAsync(
                "/api/v1/public-revenue/share-settings",
                new
                {
                    projectId = p,
                    percent = 65m,
                    effectiveFrom = "2026-07-01",
                }
            )
            .OkAsync();
        var history = await pm.GetJsonAsync($"/api/v1/public-revenue/share-settings?projectId={p}");
        Assert.Equal([65m, 70m], history.EnumerateArray().Select(s => s.GetProperty("percent").GetDecimal()));

        // Field by field: an amount below the fen and no counterparty.
        var bad = await pm.PostJsonAsync(
            "/api/v1/public-revenue/entries",
            new
            {
                projectId = p,
                category = "parking",
                date = "2026-02-01",
                amount = 1.234m,
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("amount", out _));
        Assert.True(errors.TryGetProperty("counterparty", out _));

        var ids = new List<string>();
        foreach (
            var e in new[]
            {
                Entry(p, "parking", "2026-02-10", 12_345.67m, "临停收费系统"),
                Entry(p, "parking", "2026-03-15", 8_000.05m, "月租车位"),
                Entry(p, "advertising", "2026-04-01", 3_600.00m, "电梯广告公司"),
                Entry(p, "venueRental", "2026-05-20", 1_250.50m, "会所场地"),
                Entry(p, "maintenance", "2026-06-30", 2_980.33m, "公共部位维修"),
                Entry(p, "tax", "2026-06-15", 1_234.56m, "税务局"),
                Entry(p, "parking", "2026-07-01", 999.99m, "下半年的临停"),
            }
        )
            ids.Add((await pm.PostJsonAsync("/api/v1/public-revenue/entries", e).OkAsync()).GetProperty("id").GetString()!);

        // By hand: income 12,345.67 + 8,000.05 + 3,600.00 + 1,250.50 = 25,196.22; expenses 2,980.33 + 1,234.56 = 4,214.89;
        // net 20,981.33; owners' 70 % = 14,686.931 → ¥14,686.93. July's entry is the next half year's.
        var v1 = await pm.PostJsonAsync(
                "/api/v1/public-revenue/statements",
                new
                {
                    projectId = p,
                    year = 2026,
                    half = 1,
                }
            )
            .OkAsync();
        Money(25_196.22m, v1, "income");
        Money(4_214.89m, v1, "expense");
        Money(20_981.33m, v1, "net");
        Money(70m, v1, "sharePercent");
        Money(14_686.93m, v1, "ownersShare");
        Assert.Equal(6, v1.GetProperty("entryCount").GetInt32());
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        var parking = v1.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("category").GetString() == "parking");
        Money(20_345.72m, parking, "amount");
        Assert.Equal(2, parking.GetProperty("entries").GetInt32());
        var v1Id = v1.GetProperty("id").GetString()!;

        // Frozen: no new entry in the half year, no change, no deletion, no second publication; the statement stays as it was.
        foreach (
            var call in new[]
            {
                pm.PostJsonAsync("/api/v1/public-revenue/entries", Entry(p, "advertising", "2026-05-05", 100m, "迟到的广告费")),
                pm.PutJsonAsync($"/api/v1/public-revenue/entries/{ids[0]}", Entry(p, "parking", "2026-02-10", 1m, "临停收费系统")),
                pm.DeleteAsync($"/api/v1/public-revenue/entries/{ids[5]}"),
                pm.PutJsonAsync($"/api/v1/public-revenue/entries/{ids[6]}", Entry(p, "parking", "2026-06-30", 999.99m, "挪进上半年")),
                pm.PostJsonAsync(
                    "/api/v1/public-revenue/statements",
                    new
                    {
                        projectId = p,
                        year = 2026,
                        half = 1,
                    }
                ),
            }
        )
        {
            var res = await call;
            Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        }
        // The second half year is still open: its entry may change.
        await pm.PutJsonAsync($"/api/v1/public-revenue/entries/{ids[6]}", Entry(p, "parking", "2026-07-02", 1_000m, "下半年的临停"))
            .OkAsync();
        var again = await pm.GetJsonAsync($"/api/v1/public-revenue/statements/{v1Id}");
        Money(25_196.22m, again, "income");
        Money(14_686.93m, again, "ownersShare");

        // The owner and the committee were told through the outbox, with a link to the portal.
        var told = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .Where(m => m.DedupeKey!.StartsWith($"revenue-statement:{Guid.Parse(v1Id):N}"))
                .Select(m => m.RecipientUserId)
                .Distinct()
                .ToListAsync()
        );
        Assert.Contains(owner, told);
        Assert.Contains(committee, told);

        // A correction needs its reason, field by field.
        var noReason = await pm.PostJsonAsync($"/api/v1/public-revenue/statements/{v1Id}/corrections", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.JsonAsync()).GetProperty("errors").TryGetProperty("reason", out _));

        // Version 2: the missed advertising income added, the tax entry (paid from the fees account, not this one) voided.
        // Income 25,196.22 + 400.00 = 25,596.22; expenses 2,980.33; net 22,615.89; 70 % = 15,831.123 → ¥15,831.12.
        var v2 = await pm.PostJsonAsync(
                $"/api/v1/public-revenue/statements/{v1Id}/corrections",
                new
                {
                    reason = "漏记六月电梯广告收入；税费已由物业费账户列支",
                    voidEntryIds = new[] { ids[5] },
                    entries = new[]
                    {
                        new
                        {
                            category = "advertising",
                            date = "2026-06-01",
                            amount = 400m,
                            counterparty = "电梯广告公司",
                        },
                    },
                }
            )
            .OkAsync();
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Money(25_596.22m, v2, "income");
        Money(2_980.33m, v2, "expense");
        Money(22_615.89m, v2, "net");
        Money(15_831.12m, v2, "ownersShare");
        Assert.Equal("漏记六月电梯广告收入；税费已由物业费账户列支", v2.GetProperty("correctionReason").GetString());
        var old = await pm.GetJsonAsync($"/api/v1/public-revenue/statements/{v1Id}");
        Assert.Equal("superseded", old.GetProperty("status").GetString());
        Assert.Equal(v2.GetProperty("id").GetString(), old.GetProperty("supersededById").GetString());
        Money(25_196.22m, old, "income");
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await pm.PostJsonAsync($"/api/v1/public-revenue/statements/{v1Id}/corrections", new { reason = "再改" })).StatusCode
        );

        // The owner of the project reads both versions on the portal API and leaves a receipt on version 2, once.
        var me = await _app.As("revenue-owner");
        var mine = await me.GetJsonAsync($"/api/v1/public-revenue/statements?projectId={p}");
        Assert.Equal([2, 1], mine.EnumerateArray().Select(s => s.GetProperty("version").GetInt32()));
        Assert.True(mine[1].GetProperty("readCount").ValueKind == JsonValueKind.Null);
        var v2Id = v2.GetProperty("id").GetString()!;
        Assert.True(
            (await me.PostJsonAsync($"/api/v1/public-revenue/statements/{v2Id}/read", new { }).OkAsync())
                .GetProperty("firstTime")
                .GetBoolean()
        );
        Assert.False(
            (await me.PostJsonAsync($"/api/v1/public-revenue/statements/{v2Id}/read", new { }).OkAsync())
                .GetProperty("firstTime")
                .GetBoolean()
        );
        var board = await _app.As("committee");
        await board.PostJsonAsync($"/api/v1/public-revenue/statements/{v2Id}/read", new { }).OkAsync();
        Assert.True((await me.GetJsonAsync($"/api/v1/public-revenue/statements/{v2Id}")).GetProperty("readByMe").GetBoolean());
        // The owner keeps out of the ledger and of publishing.
        Assert.Equal(HttpStatusCode.Forbidden, (await me.GetAsync($"/api/v1/public-revenue/entries?projectId={p}")).StatusCode);

        // The manager sees the counts: version 2 read by two, version 1 by nobody.
        var reads = await pm.GetJsonAsync($"/api/v1/public-revenue/statements/{v2Id}/reads");
        Assert.Equal(2, reads.GetProperty("readCount").GetInt32());
        Assert.Equal(2, reads.GetProperty("recipients").GetInt32());
        Assert.Contains("收益业主 孔先生", reads.GetProperty("readers").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var listed = await pm.GetJsonAsync($"/api/v1/public-revenue/statements?projectId={p}");
        Assert.Equal([2, 0], listed.EnumerateArray().Select(s => s.GetProperty("readCount").GetInt32()));

        // An owner of another project and a manager of another company see nothing of it.
        foreach (var stranger in new[] { "owner", "manager2" })
        {
            var other = await _app.As(stranger);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/public-revenue/statements/{v1Id}")).StatusCode);
            var list = await other.GetJsonAsync("/api/v1/public-revenue/statements");
            Assert.DoesNotContain(list.EnumerateArray(), s => s.GetProperty("projectId").GetGuid() == p);
        }
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await (await _app.As("owner")).PostJsonAsync($"/api/v1/public-revenue/statements/{v2Id}/read", new { })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await (await _app.As("manager2")).GetAsync($"/api/v1/public-revenue/statements/{v2Id}/reads")).StatusCode
        );
    }

    [Fact]
    public async Task A_half_year_not_yet_ended_or_without_an_owners_share_is_not_published()
    {
        var site = await FeeTestKit.SiteAsync(_app, "公共收益未结苑");
        var pm = await _app.As("manager");
        var noShare = await pm.PostJsonAsync(
            "/api/v1/public-revenue/statements",
            new
            {
                projectId = site.Project,
                year = 2025,
                half = 2,
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, noShare.StatusCode);
        Assert.Equal("public_revenue.no_share", (await noShare.JsonAsync()).GetProperty("code").GetString());
        await pm.PostJsonAsync(
                "/api/v1/public-revenue/share-settings",
                new
                {
                    projectId = site.Project,
                    percent = 70m,
                    effectiveFrom = "2025-01-01",
                }
            )
            .OkAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var open = await pm.PostJsonAsync(
            "/api/v1/public-revenue/statements",
            new
            {
                projectId = site.Project,
                year = today.Year,
                half = today.Month <= 6 ? 1 : 2,
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, open.StatusCode);
        Assert.Equal("public_revenue.period_open", (await open.JsonAsync()).GetProperty("code").GetString());
        var badHalf = await pm.PostJsonAsync(
            "/api/v1/public-revenue/statements",
            new
            {
                projectId = site.Project,
                year = 2025,
                half = 3,
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, badHalf.StatusCode);
    }
}
