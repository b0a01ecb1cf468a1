using System.Net.Http.Json;
using System.Text.Json;

namespace Wuye.Tests.Kit;

public static class Http
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage res)
    {
        var text = await res.Content.ReadAsStringAsync();
        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var res = await client.GetAsync(url);
        Assert.True(res.IsSuccessStatusCode, $"GET {url} answered {(int)res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
        return await res.JsonAsync();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, WuyeApp.Json);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, WuyeApp.Json);
}

public static class Responses
{
    /// <summary>Awaits a call, fails with its status and body unless it succeeded, and returns its JSON (default for an empty
    /// body).</summary>
    public static async Task<JsonElement> OkAsync(this Task<HttpResponseMessage> call)
    {
        var res = await call;
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(
            res.IsSuccessStatusCode,
            $"{res.RequestMessage?.Method} {res.RequestMessage?.RequestUri} answered {(int)res.StatusCode}: {text}"
        );
        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
