using System.Security.Claims;
using System.Security.Cryptography;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Wuye.Platform.Database;

namespace Wuye.Platform.Web;

/// <summary>
/// An API POST carrying an Idempotency-Key is run at most once per user and key. The key's row,
/// the handler's writes and the stored answer commit in ONE transaction on the request's
/// <see cref="WuyeDb"/>: a crash before the commit leaves nothing (a retry runs the request),
/// a crash after it leaves the answer (a retry gets it back, with Idempotent-Replayed: true).
/// A copy arriving while the first still runs waits on the first's uncommitted row (the key is
/// the primary key), then replays its answer, or runs if the first failed. A key reused for a
/// different request (another path or body) is refused with 409, never replayed. Rows are purged after Wuye:Idempotency:RetentionHours.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxStoredBody = 1 << 20;

    public async Task InvokeAsync(HttpContext http, TimeProvider clock, IProblemDetailsService problems)
    {
        if (
            !HttpMethods.IsPost(http.Request.Method)
            || !http.Request.Path.StartsWithSegments("/api")
            || !http.Request.Headers.TryGetValue(Header, out var keys)
            || !Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
        )
        {
            await next(http);
            return;
        }

        var key = keys.ToString().Trim();
        if (key.Length is 0 or > 200 || key.Any(char.IsControl))
        {
            await Problem(
                http,
                problems,
                400,
                "idempotency.invalid_key",
                Loc.T("Idempotency-Key 应为 1 到 200 个字符", "Idempotency-Key must be 1 to 200 characters")
            );
            return;
        }

        http.Request.EnableBuffering();
        string hash;
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(http.Request.Path + "?" + http.Request.QueryString + "\n"));
            var buffer = new byte[16384];
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
                sha.AppendData(buffer, 0, read);
            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        http.Request.Body.Position = 0;

        var db = http.RequestServices.GetRequiredService<WuyeDb>();
        await using var tx = await db.Database.BeginTransactionAsync(http.RequestAborted);
        var conn = db.Database.GetDbConnection();
        // Waits while another copy of this key holds its uncommitted row; 0 once that copy committed.
        var reserved = await conn.ExecuteAsync(
            """
            insert into platform.idempotent_request(user_id, key, method, path, request_hash, created_at)
            values (@userId, @key, @method, @path, @hash, @now) on conflict do nothing
            """,
            new
            {
                userId,
                key,
                method = http.Request.Method,
                path = http.Request.Path.ToString(),
                hash,
                now = clock.GetUtcNow(),
            },
            tx.GetDbTransaction()
        );
        if (reserved == 0)
        {
            var existing = await conn.QuerySingleAsync<(
                string RequestHash,
                int? StatusCode,
                string? ContentType,
                byte[]? ResponseBody,
                string? Location
            )>(
                "select request_hash, status_code, content_type, response_body, location from platform.idempotent_request where user_id "
                    + "= @userId and key = @key",
                new { userId, key },
                tx.GetDbTransaction()
            );
            await tx.RollbackAsync(CancellationToken.None);
            if (existing.RequestHash != hash)
                await Problem(
                    http,
                    problems,
                    StatusCodes.Status409Conflict,
                    "idempotency.key_reused",
                    Loc.T(
                        "该 Idempotency-Key 已用于另一个请求，请换一个新的",
                        "This Idempotency-Key was used for a different request; use a new key"
                    )
                );
            else
            {
                // Every committed row carries its answer (the row and the answer commit together).
                http.Response.StatusCode = existing.StatusCode ?? StatusCodes.Status204NoContent;
                if (existing.ContentType is not null)
                    http.Response.ContentType = existing.ContentType;
                if (existing.Location is not null)
                    http.Response.Headers.Location = existing.Location;
                http.Response.Headers["Idempotent-Replayed"] = "true";
                if (existing.ResponseBody is { Length: > 0 } body)
                    await http.Response.Body.WriteAsync(body, http.RequestAborted);
            }
            return;
        }

        var original = http.Response.Body;
        using var capture = new MemoryStream();
        http.Response.Body = capture;
        try
        {
            await next(http);
        }
        finally
        {
            // On an exception the transaction rolls back when disposed: nothing of the request stays, the key is free.
            http.Response.Body = original;
        }

        if (http.Response.StatusCode < 500)
        {
            await conn.ExecuteAsync(
                """
                update platform.idempotent_request set status_code = @status, content_type = @contentType,
                       response_body = @body, location = @location, completed_at = @now
                 where user_id = @userId and key = @key
                """,
                new
                {
                    status = http.Response.StatusCode,
                    contentType = http.Response.ContentType,
                    body = capture.Length <= MaxStoredBody ? capture.ToArray() : null,
                    location = http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                    now = clock.GetUtcNow(),
                    userId,
                    key,
                },
                tx.GetDbTransaction()
            );
            // The answer goes out only once it is committed: an acknowledged request is always replayable.
            await tx.CommitAsync(CancellationToken.None);
        }
        else
        {
            await tx.RollbackAsync(CancellationToken.None);
        }
        capture.Position = 0;
        await capture.CopyToAsync(original, CancellationToken.None);
    }

    private static Task Problem(HttpContext http, IProblemDetailsService problems, int status, string code, string title)
    {
        http.Response.StatusCode = status;
        return problems
            .WriteAsync(
                new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = status,
                        Title = title,
                        Extensions = { ["code"] = code },
                    },
                }
            )
            .AsTask();
    }
}

/// <summary>Deletes idempotency keys older than Wuye:Idempotency:RetentionHours (a retry after that runs anew).</summary>
public sealed class IdempotencyPurgeJob(IServiceScopeFactory scopes, ILogger<IdempotencyPurgeJob> log) : Jobs.WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var hours = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WuyeOptions>>().Value.Idempotency.RetentionHours;
        var cutoff = services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(-hours);
        var db = services.GetRequiredService<WuyeDb>();
        return await db.IdempotentRequests.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
