using System.Security.Claims;
using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace Wuye.Platform.Web;

/// <summary>
/// An API POST carrying an Idempotency-Key is run at most once per user and key. The key is
/// reserved in the database before the handler runs, so two copies arriving together cannot
/// both run; the response is stored after, and a retry gets the stored response back
/// (with Idempotent-Replayed: true). A key reused for a different request is refused.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxStoredBody = 1 << 20;

    public async Task InvokeAsync(HttpContext http, NpgsqlDataSource db, TimeProvider clock, IProblemDetailsService problems)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.StartsWithSegments("/api")
            || !http.Request.Headers.TryGetValue(Header, out var keys)
            || !Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            await next(http);
            return;
        }

        var key = keys.ToString().Trim();
        if (key.Length is 0 or > 200)
        {
            await Problem(http, problems, 400, "idempotency.invalid_key",
                Loc.T("Idempotency-Key 应为 1 到 200 个字符", "Idempotency-Key must be 1 to 200 characters"));
            return;
        }

        http.Request.EnableBuffering();
        string hash;
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(http.Request.Path + "?" + http.Request.QueryString + "\n"));
            var buffer = new byte[16384];
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0) sha.AppendData(buffer, 0, read);
            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        http.Request.Body.Position = 0;

        await using (var conn = await db.OpenConnectionAsync(http.RequestAborted))
        {
            var reserved = await conn.ExecuteAsync("""
                insert into platform.idempotent_request(user_id, key, method, path, request_hash, created_at)
                values (@userId, @key, @method, @path, @hash, @now) on conflict do nothing
                """, new { userId, key, method = http.Request.Method, path = http.Request.Path.ToString(), hash, now = clock.GetUtcNow() });
            if (reserved == 0)
            {
                var existing = await conn.QuerySingleAsync<(string RequestHash, int? StatusCode, string? ContentType, byte[]? ResponseBody, string? Location)>(
                    "select request_hash, status_code, content_type, response_body, location from platform.idempotent_request where user_id = @userId and key = @key",
                    new { userId, key });
                if (existing.RequestHash != hash)
                    await Problem(http, problems, 422, "idempotency.key_reused",
                        Loc.T("该 Idempotency-Key 已用于另一个请求，请换一个新的", "This Idempotency-Key was used for a different request; use a new key"));
                else if (existing.StatusCode is null)
                    await Problem(http, problems, 409, "idempotency.in_progress",
                        Loc.T("相同的请求正在处理中，请稍后重试", "The same request is still being processed; retry shortly"));
                else
                {
                    http.Response.StatusCode = existing.StatusCode.Value;
                    if (existing.ContentType is not null) http.Response.ContentType = existing.ContentType;
                    if (existing.Location is not null) http.Response.Headers.Location = existing.Location;
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                    if (existing.ResponseBody is { Length: > 0 } body) await http.Response.Body.WriteAsync(body, http.RequestAborted);
                }
                return;
            }
        }

        var original = http.Response.Body;
        using var capture = new MemoryStream();
        http.Response.Body = capture;
        var completed = false;
        try
        {
            await next(http);
            completed = true;
        }
        finally
        {
            http.Response.Body = original;
            capture.Position = 0;
            await capture.CopyToAsync(original, CancellationToken.None);
            await using var conn = await db.OpenConnectionAsync(CancellationToken.None);
            if (completed && http.Response.StatusCode < 500)
            {
                await conn.ExecuteAsync("""
                    update platform.idempotent_request set status_code = @status, content_type = @contentType,
                           response_body = @body, location = @location, completed_at = @now
                     where user_id = @userId and key = @key
                    """, new
                {
                    status = http.Response.StatusCode,
                    contentType = http.Response.ContentType,
                    body = capture.Length <= MaxStoredBody ? capture.ToArray() : null,
                    location = http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                    now = clock.GetUtcNow(),
                    userId,
                    key,
                });
            }
            else
            {
                // Nothing was committed by a failed handler (each saves in one transaction): free the key for a retry.
                await conn.ExecuteAsync("delete from platform.idempotent_request where user_id = @userId and key = @key", new { userId, key });
            }
        }
    }

    private static Task Problem(HttpContext http, IProblemDetailsService problems, int status, string code, string title)
    {
        http.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Extensions = { ["code"] = code } },
        }).AsTask();
    }
}
