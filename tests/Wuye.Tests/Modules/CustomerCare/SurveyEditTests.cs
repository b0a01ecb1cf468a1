using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Modules.CustomerCare;

/// <summary>Editing a draft survey's questions and the figures per question (the same class and app as the survey journeys).</summary>
public sealed partial class SurveyTests
{
    [Fact]
    public async Task A_drafts_questions_are_edited_reordered_and_removed_until_it_goes_out_and_each_question_is_counted()
    {
        shared.Use(TimeProvider.System);
        var (project, home, _, _) = await OwnerHomeAsync();
        var others = await App.DbAsync(db =>
            db.OccupantRefs()
                .Where(o => o.UnitId == home)
                .Join(db.OccupantRefs(), h => h.ZoneId, o => o.ZoneId, (h, o) => o)
                .Where(o => o.UnitId != home && o.Relation == OccupantRelation.Owner && o.Until == null)
                .Select(o => o.UnitId)
                .Distinct()
                .OrderBy(u => u)
                .Take(2)
                .ToListAsync()
        );
        var service = await App.As("service");
        var id = (
            await service
                .PostJsonAsync(
                    "/api/v1/surveys",
                    new
                    {
                        projectId = project,
                        title = "问卷D 各题统计",
                        samplePercent = 100,
                    }
                )
                .OkAsync()
        ).GetProperty("survey").GetProperty("id").GetGuid();
        async Task<JsonElement> Add(string kind, string text, params string[] options) =>
            await service
                .PostJsonAsync(
                    $"/api/v1/surveys/{id}/questions",
                    new
                    {
                        kind,
                        text,
                        dimension = "总体",
                        options,
                    }
                )
                .OkAsync();
        Guid[] Ids(JsonElement detail) => [.. detail.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("id").GetGuid())];
        await Add("Single", "您多久去一次会所？", "每周", "每月");
        await Add("Scale", "保洁是否及时", []);
        var detail = await Add("Text", "其他意见", []);
        var (single, scale, text) = (Ids(detail)[0], Ids(detail)[1], Ids(detail)[2]);

        var edited = await service
            .PutJsonAsync(
                $"/api/v1/surveys/{id}/questions/{single}",
                new
                {
                    kind = "Multiple",
                    text = "您关心哪些方面？",
                    dimension = "客户服务",
                    options = new[] { "停车", "绿化", "安保" },
                }
            )
            .OkAsync();
        var multiple = edited.GetProperty("questions")[0];
        Assert.Equal("multiple", multiple.GetProperty("kind").GetString(), ignoreCase: true);
        Assert.Equal(["停车", "绿化", "安保"], multiple.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        var oneOption = await service.PutJsonAsync(
            $"/api/v1/surveys/{id}/questions/{single}",
            new
            {
                kind = "Single",
                text = "x",
                dimension = "总体",
                options = new[] { "只有一个" },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, oneOption.StatusCode);
        Assert.True((await oneOption.JsonAsync()).GetProperty("errors").TryGetProperty("options", out _));
        var partial = await service.PutJsonAsync($"/api/v1/surveys/{id}/questions/order", new { questionIds = new[] { text, single } });
        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);
        Assert.True((await partial.JsonAsync()).GetProperty("errors").TryGetProperty("questionIds", out _));
        var reordered = await service
            .PutJsonAsync($"/api/v1/surveys/{id}/questions/order", new { questionIds = new[] { text, single, scale } })
            .OkAsync();
        Assert.Equal([text, single, scale], Ids(reordered));
        Assert.Equal([1, 2, 3], reordered.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("position").GetInt32()));
        (await service.DeleteAsync($"/api/v1/surveys/{id}/questions/{scale}")).EnsureSuccessStatusCode();
        detail = await Add("Scale", "保洁是否及时", []);
        detail = await Add("Nps", "您会向亲友推荐我们吗？", []);
        var ids = Ids(detail);
        Assert.Equal(4, ids.Length);
        Assert.Equal([text, single], ids[..2]);
        (scale, var nps) = (ids[2], ids[3]);
        await service.PostJsonAsync($"/api/v1/surveys/{id}/open", new { }).OkAsync();

        var refused = new[]
        {
            await service.PutJsonAsync(
                $"/api/v1/surveys/{id}/questions/{scale}",
                new
                {
                    kind = "Scale",
                    text = "改",
                    dimension = "总体",
                }
            ),
            await service.DeleteAsync($"/api/v1/surveys/{id}/questions/{scale}"),
            await service.PutJsonAsync($"/api/v1/surveys/{id}/questions/order", new { questionIds = Enumerable.Reverse(ids).ToArray() }),
            await service.PostJsonAsync(
                $"/api/v1/surveys/{id}/questions",
                new
                {
                    kind = "Text",
                    text = "再加",
                    dimension = "总体",
                }
            ),
        };
        foreach (var r in refused)
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("问卷已发出", (await r.JsonAsync()).GetProperty("errors").GetProperty("questions")[0].GetString());
        }
        Assert.Equal(ids, Ids(await service.GetJsonAsync($"/api/v1/surveys/{id}")));

        object Answers(Guid unit, string[] choices, int scaleScore, int npsScore, string? comment) =>
            new
            {
                unitId = unit,
                answers = new object[]
                {
                    new { questionId = single, choices },
                    new { questionId = scale, score = scaleScore },
                    new { questionId = nps, score = npsScore },
                    new { questionId = text, text = comment },
                },
            };
        var owner = await App.As("owner");
        var stewardApi = await App.As("steward");
        await owner.PostJsonAsync($"/api/v1/surveys/{id}/responses", Answers(home, ["停车", "绿化"], 5, 10, "电梯很干净")).OkAsync();
        await stewardApi.PostJsonAsync($"/api/v1/surveys/{id}/responses", Answers(others[0], ["绿化"], 4, 9, null)).OkAsync();
        await stewardApi
            .PostJsonAsync($"/api/v1/surveys/{id}/responses", Answers(others[1], ["绿化", "安保"], 2, 3, "希望增加车位"))
            .OkAsync();

        var results = (await service.GetJsonAsync($"/api/v1/surveys/{id}/results")).GetProperty("questions").EnumerateArray().ToList();
        JsonElement Of(Guid q) => results.Single(r => r.GetProperty("questionId").GetGuid() == q);
        Dictionary<string, int> Counts(Guid q) =>
            Of(q).GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["停车"] = 1,
                ["绿化"] = 3,
                ["安保"] = 1,
            },
            Counts(single)
        );
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["1"] = 0,
                ["2"] = 1,
                ["3"] = 0,
                ["4"] = 1,
                ["5"] = 1,
            },
            Counts(scale)
        );
        Assert.Equal(3.67m, Of(scale).GetProperty("average").GetDecimal()); // (5 + 4 + 2) / 3
        var npsCounts = Counts(nps);
        Assert.Equal(11, npsCounts.Count);
        Assert.Equal([0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1], Enumerable.Range(0, 11).Select(i => npsCounts[$"{i}"]));
        Assert.Equal(33.3m, Of(nps).GetProperty("nps").GetDecimal()); // (2 promoters − 1 detractor) / 3
        Assert.Equal(JsonValueKind.Null, Of(scale).GetProperty("nps").ValueKind);
        Assert.Equal(
            ["希望增加车位", "电梯很干净"],
            Of(text).GetProperty("texts").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal)
        );
        Assert.Equal(3, Of(single).GetProperty("answers").GetInt32());
    }
}
