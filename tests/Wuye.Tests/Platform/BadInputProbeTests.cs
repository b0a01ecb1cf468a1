using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>
/// Driven by the OpenAPI document: every operation gets, in each of its path, query and body
/// fields in turn (the others filled with plausible values), a NUL, a control character, an
/// oversized text and a value of the wrong type, as a signed-in company manager. No answer may be 5xx.
/// </summary>
public sealed class BadInputProbeTests(TestCluster cluster) : IAsyncLifetime
{
    private WuyeApp _app = null!;
    private JsonObject _schemas = [];

    public async ValueTask InitializeAsync() => _app = await WuyeApp.StartAsync(cluster);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static readonly JsonNode?[] BadTexts = ["a\u0000b", "a\u0001b", new string('长', 5000)];

    [Fact]
    public async Task No_malformed_oversized_NUL_or_control_character_value_gets_a_5xx()
    {
        using var anonymous = _app.CreateClient();
        var doc = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!.AsObject();
        _schemas = doc["components"]?["schemas"]?.AsObject() ?? [];
        var client = await _app.As("manager");
        var requests = new List<(HttpMethod Method, string Url, JsonNode? Body)>();
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            if (path.Contains("/auth/"))
                continue; // signing the probe's own session out would end the probe
            foreach (var (method, opNode) in item!.AsObject())
            {
                if (opNode is not JsonObject op || method == "parameters")
                    continue;
                var parameters = (op["parameters"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                var bodySchema = op["requestBody"]?["content"]?["application/json"]?["schema"];
                string Url(string? badName, string? badValue)
                {
                    var url = path;
                    var query = new List<string>();
                    foreach (var p in parameters)
                    {
                        var name = p["name"]!.GetValue<string>();
                        var value = name == badName ? badValue! : Plain(p["schema"]);
                        if (p["in"]?.GetValue<string>() == "path")
                            url = url.Replace("{" + name + "}", Uri.EscapeDataString(value));
                        else if (p["in"]?.GetValue<string>() == "query" && (name == badName || p["required"]?.GetValue<bool>() == true))
                            query.Add(name + "=" + Uri.EscapeDataString(value));
                    }
                    return query.Count == 0 ? url : url + "?" + string.Join('&', query);
                }
                var baseBody = bodySchema is null ? null : Sample(bodySchema, 0);
                var httpMethod = new HttpMethod(method.ToUpperInvariant());
                foreach (var p in parameters)
                {
                    var name = p["name"]!.GetValue<string>();
                    foreach (var bad in new[] { "a\u0000b", "a\u0001b", new string('x', 3000), "not-a-value" })
                        requests.Add((httpMethod, Url(name, bad), baseBody?.DeepClone()));
                }
                if (baseBody is JsonObject obj)
                {
                    foreach (var field in obj.Select(kv => kv.Key).ToList())
                    {
                        foreach (
                            var bad in BadTexts
                                .Append(JsonValue.Create(12345))
                                .Append(new JsonArray())
                                .Append(JsonValue.Create("not-a-value"))
                        )
                        {
                            var body = obj.DeepClone().AsObject();
                            body[field] = bad?.DeepClone();
                            requests.Add((httpMethod, Url(null, null), body));
                        }
                    }
                }
                requests.Add((httpMethod, Url(null, null), bodySchema is null ? null : JsonValue.Create("\u0000")));
            }
        }

        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (r, ct) =>
        {
            // A NUL in the path never reaches the app (Kestrel refuses the request line; the test server refuses to send it).
            if (r.Url.Split('?')[0].Contains("%00"))
                return;
            using var req = new HttpRequestMessage(r.Method, r.Url);
            if (r.Body is not null)
                req.Content = new StringContent(r.Body.ToJsonString(), Encoding.UTF8, "application/json");
            using var res = await client.SendAsync(req, ct);
            if ((int)res.StatusCode >= 500)
                failures.Add(
                    $"{r.Method} {r.Url} {Truncate(r.Body?.ToJsonString())} → {(int)res.StatusCode} "
                        + $"{Truncate(await res.Content.ReadAsStringAsync(ct))}"
                );
        });
        Assert.True(requests.Count > 500, $"only {requests.Count} probes");
        Assert.True(
            failures.IsEmpty,
            $"{failures.Count} of {requests.Count} probes answered 5xx:\n" + string.Join('\n', failures.Take(40))
        );
    }

    private static string? Truncate(string? s) => s is { Length: > 300 } ? s[..300] + "…" : s;

    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var i = 0; i < 10 && schema is JsonObject o; i++)
        {
            if (o["$ref"]?.GetValue<string>() is { } r)
                schema = _schemas[r.Split('/').Last()];
            else if ((o["oneOf"] ?? o["anyOf"]) is JsonArray alts)
                schema = alts.FirstOrDefault(a => a?["type"]?.ToString() != "null");
            else
                break;
        }
        return schema;
    }

    private static string? TypeOf(JsonNode? schema) =>
        schema?["type"] switch
        {
            JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            JsonValue v => v.GetValue<string>(),
            _ => schema?["properties"] is not null ? "object" : null,
        };

    private string Plain(JsonNode? schema)
    {
        schema = Resolve(schema);
        if (schema?["enum"] is JsonArray e && e.FirstOrDefault(x => x is not null) is { } first)
            return first.ToString();
        return (TypeOf(schema), schema?["format"]?.GetValue<string>()) switch
        {
            (_, "uuid") => Guid.NewGuid().ToString(),
            (_, "date") => "2026-06-01",
            (_, "date-time") => "2026-06-01T08:00:00+08:00",
            ("integer", _) or ("number", _) => "1",
            ("boolean", _) => "true",
            _ => "探针",
        };
    }

    private JsonNode? Sample(JsonNode? schema, int depth)
    {
        schema = Resolve(schema);
        switch (TypeOf(schema))
        {
            case "object" when depth < 4:
                var o = new JsonObject();
                foreach (var (name, prop) in schema?["properties"]?.AsObject() ?? [])
                    o[name] = Sample(prop, depth + 1);
                return o;
            case "array" when depth < 4:
                return new JsonArray(Sample(schema?["items"], depth + 1));
            case "integer" or "number":
                return JsonValue.Create(1);
            case "boolean":
                return JsonValue.Create(true);
            case "object" or "array":
                return null;
            default:
                return JsonValue.Create(Plain(schema));
        }
    }
}
