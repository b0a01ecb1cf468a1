using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Modules.CustomerCare;

/// <summary>
/// The talent pool and the birthday parties through the API, as the demo steward of a zone: a resident joins the pool only with
/// consent, is found by skill and invited to an event naming the skill, and leaves it (skills erased) when consent is withdrawn;
/// the care calendar proposes a month's birthdays (a resident refusing care messages left out), the party made from it invites
/// them through the events' own path, and a second party that month is refused on <c>month</c>.
/// </summary>
[Collection(nameof(CustomerCareApiCollection))]
public sealed class TalentBirthdayTests(SharedApp shared)
{
    private WuyeApp App => shared.App;

    private sealed record Resident(Guid Project, Guid Unit, Guid Person, Guid? User, DateOnly? Birthday);

    /// <summary>The owners living in the demo steward's zones who did not refuse care messages, those with an account first.</summary>
    private Task<List<Resident>> ResidentsAsync() =>
        App.DbAsync(async db =>
        {
            var steward = await db.Users.Where(u => u.UserName == "steward").Select(u => u.Id).FirstAsync();
            var zones = await db.ZoneRefs().Where(z => z.StewardUserId == steward).Select(z => z.Id).ToListAsync();
            var refused = db.Set<PersonProfile>().Where(pp => pp.Consent == false);
            var rows = await db.OccupantRefs()
                .Where(o =>
                    o.ZoneId != null
                    && zones.Contains(o.ZoneId.Value)
                    && o.Until == null
                    && o.Relation == OccupantRelation.Owner
                    && !refused.Any(pp => pp.PersonId == o.PersonId)
                )
                .Join(
                    db.PersonRefs().Where(p => p.ArchivedAt == null),
                    o => o.PersonId,
                    p => p.Id,
                    (o, p) => new Resident(o.ProjectId, o.UnitId, p.Id, p.UserId, p.Birthday)
                )
                .ToListAsync();
            return rows.OrderBy(r => r.User is null).ThenBy(r => r.Person).ToList();
        });

    /// <summary>Sets a person's birthday as MasterData keeps it (the demo owner has none of the month the test needs).</summary>
    private Task SetBirthdayAsync(Guid person, DateOnly? birthday) =>
        App.DbAsync(async db =>
        {
            var p = await db.Set<Wuye.Modules.MasterData.Domain.Person>().FirstAsync(x => x.Id == person);
            p.Birthday = birthday;
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task A_resident_is_in_the_talent_pool_only_with_consent_found_by_skill_and_invited_to_an_event_naming_it()
    {
        shared.Use(At(DateTimeOffset.UtcNow.AddDays(1)));
        var r = (await ResidentsAsync())[0]; // the demo owner or another account
        var steward = await App.As("steward");
        var url = $"/api/v1/talent-pool/{r.Person}";
        var noConsent = await steward.PutJsonAsync(
            url,
            new
            {
                unitId = r.Unit,
                skills = new[] { "古筝" },
                consent = false,
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, noConsent.StatusCode);
        Assert.True((await noConsent.JsonAsync()).GetProperty("errors").TryGetProperty("consent", out _));
        var noSkill = await steward.PutJsonAsync(
            url,
            new
            {
                unitId = r.Unit,
                skills = Array.Empty<string>(),
                consent = true,
            }
        );
        Assert.True((await noSkill.JsonAsync()).GetProperty("errors").TryGetProperty("skills", out _));

        var saved = await steward
            .PutJsonAsync(
                url,
                new
                {
                    unitId = r.Unit,
                    skills = new[] { "古筝", "剪纸" },
                    note = "周末有空",
                    consent = true,
                }
            )
            .OkAsync();
        Assert.Equal(["古筝", "剪纸"], saved.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.String, saved.GetProperty("consentAt").ValueKind);
        List<Guid> Found(JsonElement page) =>
            [.. page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("personId").GetGuid())];
        Assert.Contains(r.Person, Found(await steward.GetJsonAsync($"/api/v1/talent-pool?projectId={r.Project}&skill=剪")));
        Assert.DoesNotContain(r.Person, Found(await steward.GetJsonAsync($"/api/v1/talent-pool?projectId={r.Project}&skill=钢琴")));
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await (await App.As("manager2")).PutJsonAsync(
                    url,
                    new
                    {
                        unitId = r.Unit,
                        skills = new[] { "x" },
                        consent = true,
                    }
                )
            ).StatusCode
        );

        var ev = await steward
            .PostJsonAsync(
                "/api/v1/community-events",
                new
                {
                    projectId = r.Project,
                    title = "人才库 民乐雅集",
                    interests = new[] { "古筝" },
                    startsAt = DateTimeOffset.UtcNow.AddDays(5),
                    place = "会所二楼",
                    capacity = 30,
                }
            )
            .OkAsync();
        var eventKey = $"event:{ev.GetProperty("id").GetGuid():N}";
        Assert.True(
            await App.DbAsync(db =>
                db.Set<OutboxMessage>().AnyAsync(m => m.RecipientUserId == r.User!.Value && m.DedupeKey!.StartsWith(eventKey))
            )
        );

        await steward.PutJsonAsync(url, new { unitId = r.Unit, consent = false }).OkAsync();
        Assert.DoesNotContain(r.Person, Found(await steward.GetJsonAsync($"/api/v1/talent-pool?projectId={r.Project}")));
        var erased = await App.DbAsync(db => db.Set<TalentEntry>().AsNoTracking().SingleAsync(t => t.PersonId == r.Person));
        Assert.Equal((false, 0, null), (erased.Consent, erased.Skills.Length, erased.Note));
    }

    [Fact]
    public async Task The_care_calendar_proposes_a_months_birthdays_and_the_party_made_from_it_invites_them_once_a_month()
    {
        var residents = await ResidentsAsync();
        // The demo owner (an account) and a neighbour without one whose birthday month the owner is given, next year (never a
        // month gone by); the neighbour then refuses care messages and drops out of the proposal.
        var refusing = residents.First(r => r.User is null && r.Birthday is not null);
        var month = refusing.Birthday!.Value.Month;
        var ownerUser = await App.DbAsync(db => db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).FirstAsync());
        var guest = residents.First(r => r.User == ownerUser);
        var birthdayBefore = guest.Birthday;
        await SetBirthdayAsync(guest.Person, new DateOnly(1980, month, 15));
        var year = DateTime.UtcNow.Year + 1;
        shared.Use(At(China(year, month, 1, 9)));
        var steward = await App.As("steward");
        var m = $"{year}-{month:D2}";
        var profileUrl = $"/api/v1/owner-profiles/{refusing.Unit}/members/{refusing.Person}";
        var consentBefore = await App.DbAsync(db =>
            db.Set<PersonProfile>().Where(pp => pp.PersonId == refusing.Person).Select(pp => pp.Consent).FirstOrDefaultAsync()
        );
        await steward.PutJsonAsync(profileUrl, new { consent = false }).OkAsync();
        try
        {
            var proposal = await steward.GetJsonAsync($"/api/v1/community-events/birthday-proposal?projectId={guest.Project}&month={m}");
            var invitees = proposal.GetProperty("invitees").EnumerateArray().ToList();
            Assert.All(invitees, i => Assert.StartsWith($"{month:D2}-", i.GetProperty("birthday").GetString()));
            var mine = Assert.Single(invitees, i => i.GetProperty("personId").GetGuid() == guest.Person);
            Assert.Equal($"{month:D2}-15", mine.GetProperty("birthday").GetString());
            Assert.DoesNotContain(invitees, i => i.GetProperty("personId").GetGuid() == refusing.Person);
            Assert.Equal(JsonValueKind.Null, proposal.GetProperty("eventId").ValueKind);

            object Party(string mon) =>
                new
                {
                    projectId = guest.Project,
                    month = mon,
                    startsAt = China(year, month, 20, 15),
                    place = "会所多功能厅",
                };
            var made = await steward.PostJsonAsync("/api/v1/community-events/birthday-parties", Party(m)).OkAsync();
            var id = made.GetProperty("id").GetGuid();
            Assert.Equal($"{month}月业户生日会", made.GetProperty("title").GetString());
            Assert.Equal(invitees.Count(i => i.GetProperty("hasAccount").GetBoolean()), made.GetProperty("invited").GetInt32());
            var key = $"event:{id:N}";
            var sentTo = await App.DbAsync(db =>
                db.Set<OutboxMessage>().Where(x => x.DedupeKey!.StartsWith(key)).Select(x => x.RecipientUserId).ToListAsync()
            );
            Assert.Contains(guest.User, sentTo);

            var again = await steward.PostJsonAsync("/api/v1/community-events/birthday-parties", Party(m));
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.True((await again.JsonAsync()).GetProperty("errors").TryGetProperty("month", out _));
            var gone = await steward.PostJsonAsync("/api/v1/community-events/birthday-parties", Party($"{year - 2}-01"));
            Assert.True((await gone.JsonAsync()).GetProperty("errors").TryGetProperty("month", out _));
            var after = await steward.GetJsonAsync($"/api/v1/community-events/birthday-proposal?projectId={guest.Project}&month={m}");
            Assert.Equal(id, after.GetProperty("eventId").GetGuid());
        }
        finally
        {
            await steward.PutJsonAsync(profileUrl, new { consent = consentBefore });
            await SetBirthdayAsync(guest.Person, birthdayBefore);
        }
    }
}
