using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.CustomerCare.Contracts;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Notifications;
using Wuye.Platform.Tenancy;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.CustomerCare;

/// <summary>
/// The notice board through the API on real PostgreSQL: customer service "service" of 锦绣花园 posts, the demo owner
/// "owner" (a home there) reads, receipts are counted once; other buildings, staff notices and drafts stay hidden.
/// </summary>
[Collection(nameof(CustomerCareApiCollection))]
public sealed class NoticeBoardTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private sealed record Home(Guid Company, Guid Project, Guid Building, Guid OtherBuilding, Guid OwnerUser);

    private Task<Home> HomeAsync() =>
        _app.DbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).FirstAsync();
            var person = await db.PersonRefs().Where(p => p.UserId == user).Select(p => p.Id).FirstAsync();
            var unitId = await db.OccupantRefs().Where(o => o.PersonId == person).Select(o => o.UnitId).FirstAsync();
            var unit = await db.UnitRefs().Where(u => u.Id == unitId).FirstAsync();
            var other = await db.BuildingRefs()
                .Where(b => b.ProjectId == unit.ProjectId && b.Id != unit.BuildingId)
                .Select(b => b.Id)
                .FirstAsync();
            return new Home(unit.CompanyId, unit.ProjectId, unit.BuildingId, other, user);
        });

    private static async Task<JsonElement> PostAsync(HttpClient client, object body)
    {
        var res = await client.PostJsonAsync("/api/v1/notices", body);
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return await res.JsonAsync();
    }

    [Fact]
    public async Task An_owner_reads_a_notice_once_and_the_publisher_sees_the_receipt_counted()
    {
        var home = await HomeAsync();
        var service = await _app.As("service");
        var created = await PostAsync(
            service,
            new
            {
                projectId = home.Project,
                title = "电梯年检通知",
                body = "本周三 9:00–12:00 2号梯年检，暂停使用。",
                publish = true,
            }
        );
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(0, created.GetProperty("readCount").GetInt32());
        Assert.True(created.GetProperty("recipients").GetInt32() >= 2); // the owner and the project's staff at least

        var owner = await _app.As("owner");
        var mine = (await owner.GetJsonAsync("/api/v1/notices?unread=true")).GetProperty("items").EnumerateArray().ToList();
        var row = Assert.Single(mine, n => n.GetProperty("id").GetGuid() == id);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("readCount").ValueKind); // owners see no read counts

        Assert.True((await owner.PostJsonAsync($"/api/v1/notices/{id}/read", new { }).OkAsync()).GetProperty("firstTime").GetBoolean());
        Assert.False((await owner.PostJsonAsync($"/api/v1/notices/{id}/read", new { }).OkAsync()).GetProperty("firstTime").GetBoolean());
        Assert.True((await owner.GetJsonAsync($"/api/v1/notices/{id}")).GetProperty("readByMe").GetBoolean());

        var seen = await service.GetJsonAsync($"/api/v1/notices/{id}");
        Assert.Equal(1, seen.GetProperty("readCount").GetInt32());
        var receipts = (await service.GetJsonAsync($"/api/v1/notices/{id}/reads")).GetProperty("items");
        Assert.Equal("业主 钱先生", Assert.Single(receipts.EnumerateArray()).GetProperty("name").GetString());
        // Receipts are the publishers' to see, not the owner's.
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync($"/api/v1/notices/{id}/reads")).StatusCode);
    }

    [Fact]
    public async Task Other_buildings_staff_notices_drafts_and_withdrawn_notices_stay_off_the_owners_board()
    {
        var home = await HomeAsync();
        var service = await _app.As("service");
        var elsewhere = await PostAsync(
            service,
            new
            {
                projectId = home.Project,
                title = "楼道粉刷",
                body = "下周粉刷楼道。",
                buildingIds = new[] { home.OtherBuilding },
                publish = true,
            }
        );
        var here = await PostAsync(
            service,
            new
            {
                projectId = home.Project,
                title = "本楼水箱清洗",
                body = "周五清洗水箱。",
                buildingIds = new[] { home.Building },
                publish = true,
            }
        );
        var staff = await PostAsync(
            service,
            new
            {
                projectId = home.Project,
                title = "员工例会",
                body = "周一 8:30 例会。",
                audience = "staff",
                publish = true,
            }
        );
        var draft = await PostAsync(
            service,
            new
            {
                projectId = home.Project,
                title = "草稿",
                body = "未发布",
            }
        );
        var gone = await PostAsync(
            service,
            new
            {
                projectId = home.Project,
                title = "已撤下",
                body = "撤下",
                publish = true,
            }
        );
        var goneId = gone.GetProperty("id").GetGuid();
        await service.PostJsonAsync($"/api/v1/notices/{goneId}/withdraw", new { }).OkAsync();

        var owner = await _app.As("owner");
        var ids = (await owner.GetJsonAsync("/api/v1/notices?pageSize=200"))
            .GetProperty("items")
            .EnumerateArray()
            .Select(n => n.GetProperty("id").GetGuid())
            .ToHashSet();
        Assert.Contains(here.GetProperty("id").GetGuid(), ids);
        foreach (var hidden in new[] { elsewhere, staff, draft, gone })
        {
            var hid = hidden.GetProperty("id").GetGuid();
            Assert.DoesNotContain(hid, ids);
            Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/v1/notices/{hid}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await owner.PostJsonAsync($"/api/v1/notices/{hid}/read", new { })).StatusCode);
        }
        // The steward (staff of the project) sees the staff notice, not the draft.
        var steward = await _app.As("steward");
        var theirs = (await steward.GetJsonAsync("/api/v1/notices?pageSize=200"))
            .GetProperty("items")
            .EnumerateArray()
            .Select(n => n.GetProperty("id").GetGuid())
            .ToHashSet();
        Assert.Contains(staff.GetProperty("id").GetGuid(), theirs);
        Assert.DoesNotContain(draft.GetProperty("id").GetGuid(), theirs);
        // A withdrawn notice cannot go up again; a published one cannot be published twice.
        var again = await service.PostJsonAsync($"/api/v1/notices/{goneId}/publish", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("notice.withdrawn", (await again.JsonAsync()).GetProperty("code").GetString());
        var twice = await service.PostJsonAsync($"/api/v1/notices/{here.GetProperty("id").GetGuid()}/publish", new { });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Fact]
    public async Task Bad_notices_are_answered_field_by_field_and_owners_cannot_post()
    {
        var home = await HomeAsync();
        var service = await _app.As("service");
        var res = await service.PostJsonAsync(
            "/api/v1/notices",
            new
            {
                projectId = home.Project,
                title = "",
                body = new string('长', 4001),
                audience = "staff",
                buildingIds = new[] { home.Building },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "title", "body", "buildingIds" })
            Assert.True(errors.TryGetProperty(field, out _), field);
        var foreign = await service.PostJsonAsync(
            "/api/v1/notices",
            new
            {
                projectId = home.Project,
                title = "t",
                body = "b",
                buildingIds = new[] { Guid.NewGuid() },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        var owner = await _app.As("owner");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await owner.PostJsonAsync(
                    "/api/v1/notices",
                    new
                    {
                        projectId = home.Project,
                        title = "t",
                        body = "b",
                    }
                )
            ).StatusCode
        );
    }

    [Fact]
    public async Task An_emergency_posted_by_another_module_through_the_contract_is_pushed_to_the_owner_at_once()
    {
        var home = await HomeAsync();
        var posted = await _app.DbAsync(async db =>
        {
            using var scope = _app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
            var board = scope.ServiceProvider.GetRequiredService<INoticeBoard>();
            return await board.PostAsync(
                new PostNotice(
                    home.Project,
                    "紧急停电通知",
                    "配电房故障抢修，预计 2 小时恢复。",
                    NoticeKind.Emergency,
                    Source: "emergencies"
                ),
                CancellationToken.None
            );
        });
        Assert.True(posted.Recipients >= 1);
        var queued = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .Where(m => m.RecipientUserId == home.OwnerUser && m.DedupeKey!.StartsWith($"notice:{posted.Id:N}"))
                .Select(m => m.Channel)
                .ToListAsync()
        );
        Assert.Contains(NotificationChannel.InApp, queued);
        var owner = await _app.As("owner");
        var seen = await owner.GetJsonAsync($"/api/v1/notices/{posted.Id}");
        Assert.Equal("emergency", seen.GetProperty("kind").GetString());
        Assert.Equal("emergencies", seen.GetProperty("source").GetString());

        var withdrawn = await _app.DbAsync(async _ =>
        {
            using var scope = _app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
            return await scope.ServiceProvider.GetRequiredService<INoticeBoard>().WithdrawAsync(posted.Id, CancellationToken.None);
        });
        Assert.True(withdrawn);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/v1/notices/{posted.Id}")).StatusCode);
    }
}
