using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.Fees.Contracts;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Tenancy;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.CustomerCare;

/// <summary>
/// Customer profiles and segments through the API on the demo data: the steward of the demo owner's zone sees the committee
/// chair's home as a key customer and every home with arrears in the arrears segment (as Fees counts them); a manual tag puts a
/// home in the tagged segment; interests and consent are kept per person; bad input is answered field by field, nothing written.
/// </summary>
[Collection(nameof(CustomerCareApiCollection))]
public sealed class CustomerProfileTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private sealed record Homes(Guid Project, Guid OwnerUnit, Guid OwnerPerson, Guid CommitteeUnit);

    private Task<Homes> HomesAsync() =>
        _app.DbAsync(async db =>
        {
            async Task<(Guid Unit, Guid Person)> HomeOf(string userName)
            {
                var user = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstAsync();
                var person = await db.PersonRefs().Where(p => p.UserId == user).Select(p => p.Id).FirstAsync();
                return (await db.OccupantRefs().Where(o => o.PersonId == person).Select(o => o.UnitId).FirstAsync(), person);
            }
            var owner = await HomeOf("owner");
            var committee = await HomeOf("committee");
            var project = await db.UnitRefs().Where(u => u.Id == owner.Unit).Select(u => u.ProjectId).FirstAsync();
            return new Homes(project, owner.Unit, owner.Person, committee.Unit);
        });

    private static string Segments(System.Text.Json.JsonElement household) =>
        string.Join(',', household.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("segment").GetString()));

    [Fact]
    public async Task Segments_are_computed_from_the_records_and_a_manual_tag_is_the_only_one_typed()
    {
        var homes = await HomesAsync();
        var service = await _app.As("service");
        var all = await service.GetJsonAsync($"/api/v1/customer-segments?projectId={homes.Project}&pageSize=200");
        Assert.True(all.GetProperty("total").GetInt32() > 0);
        var committee = await service.GetJsonAsync($"/api/v1/owner-profiles/{homes.CommitteeUnit}");
        Assert.Contains("key", Segments(committee));

        // Every home Fees counts in arrears is in the arrears segment, and no other.
        HashSet<Guid> owing;
        using (var scope = _app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            var fees = scope.ServiceProvider.GetRequiredService<IUnitArrears>();
            owing = [.. (await fees.InProjectAsync(homes.Project, null, today, default)).Select(a => a.UnitId)];
        }
        var inArrears = new HashSet<Guid>();
        for (var page = 1; ; page++)
        {
            var list = await service.GetJsonAsync(
                $"/api/v1/customer-segments?projectId={homes.Project}&segment=Arrears&pageSize=200&page={page}"
            );
            var items = list.GetProperty("items").EnumerateArray().ToList();
            inArrears.UnionWith(items.Select(i => i.GetProperty("unitId").GetGuid()));
            if (items.Count < 200)
                break;
        }
        Assert.Equal(owing.Order(), inArrears.Order());
        var counts = (await service.GetJsonAsync($"/api/v1/customer-segments/counts?projectId={homes.Project}")).EnumerateArray().ToList();
        Assert.Equal(
            owing.Count,
            counts.Single(c => c.GetProperty("segment").GetString() == "arrears").GetProperty("households").GetInt32()
        );

        var steward = await _app.As("steward");
        var tag = $"测试标签{Random.Shared.Next(1000, 9999)}";
        var saved = await steward
            .PutJsonAsync($"/api/v1/owner-profiles/{homes.OwnerUnit}", new { tags = new[] { tag }, note = "喜欢安静" })
            .OkAsync();
        Assert.Contains("tagged", Segments(saved));
        var tagged = await steward.GetJsonAsync($"/api/v1/customer-segments?projectId={homes.Project}&segment=Tagged&pageSize=200");
        Assert.Contains(tagged.GetProperty("items").EnumerateArray(), h =>
            h.GetProperty("unitId").GetGuid() == homes.OwnerUnit
            && h.GetProperty("segments").EnumerateArray().Any(s => s.GetProperty("reason").GetString() == tag)
        );
    }

    [Fact]
    public async Task A_members_interests_and_consent_are_kept_and_bad_input_is_answered_field_by_field()
    {
        var homes = await HomesAsync();
        var steward = await _app.As("steward");
        var before = await steward.GetJsonAsync($"/api/v1/owner-profiles/{homes.OwnerUnit}");

        var bad = await steward.PutJsonAsync(
            $"/api/v1/owner-profiles/{homes.OwnerUnit}",
            new { tags = new[] { "a", "b", "c", "d", "e", "f" }, licenceDate = "2020-01-01" }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("tags", out _));
        Assert.True(errors.TryGetProperty("licenceDate", out _));
        var tooMany = Enumerable.Range(0, 11).Select(i => $"爱好{i}").ToArray();
        var badMember = await steward.PutJsonAsync(
            $"/api/v1/owner-profiles/{homes.OwnerUnit}/members/{homes.OwnerPerson}",
            new { interests = tooMany }
        );
        Assert.Equal(HttpStatusCode.BadRequest, badMember.StatusCode);
        Assert.True((await badMember.JsonAsync()).GetProperty("errors").TryGetProperty("interests", out _));
        var after = await steward.GetJsonAsync($"/api/v1/owner-profiles/{homes.OwnerUnit}");
        Assert.Equal(before.GetProperty("tags").ToString(), after.GetProperty("tags").ToString());

        var saved = await steward
            .PutJsonAsync(
                $"/api/v1/owner-profiles/{homes.OwnerUnit}/members/{homes.OwnerPerson}",
                new { interests = new[] { "书法", "太极", "书法" }, consent = false }
            )
            .OkAsync();
        var me = saved.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("personId").GetGuid() == homes.OwnerPerson);
        Assert.Equal("书法,太极", string.Join(',', me.GetProperty("interests").EnumerateArray().Select(i => i.GetString())));
        Assert.False(me.GetProperty("consent").GetBoolean());
        Assert.True(me.GetProperty("hasAccount").GetBoolean());
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await steward.PutJsonAsync(
                    $"/api/v1/owner-profiles/{homes.OwnerUnit}/members/{Guid.NewGuid()}",
                    new { interests = new[] { "x" } }
                )
            ).StatusCode
        );
        // put back: later tests of the class see the owner as the demo left them
        await steward
            .PutJsonAsync($"/api/v1/owner-profiles/{homes.OwnerUnit}/members/{homes.OwnerPerson}", new { consent = (bool?)null })
            .OkAsync();
    }
}
