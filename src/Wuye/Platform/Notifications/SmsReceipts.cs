using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Platform.Notifications;

/// <summary>
/// Pulls the delivery receipts of sent SMS from the gateway (QuerySendDetails, by phone number, BizId and send date): each
/// SMS sent through the gateway within <see cref="SmsOptions.ReceiptHours"/> with a BizId and no receipt yet is asked
/// about, a page of messages at a time; SendStatus 3 records it delivered, 2 failed with the operator's code, 1 asks again
/// on the next run. A gateway error on one message leaves it for the next run. Idempotent by the message's state.
/// </summary>
public sealed class SmsReceiptJob(IServiceScopeFactory scopes, ILogger<SmsReceiptJob> log) : WuyeJob(scopes, log)
{
    public const int PageSize = 50;
    public const int MaxPerRun = 1000;

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var gateway = services.GetRequiredService<SmsGateway>();
        if (!gateway.Configured)
            return 0;
        var db = services.GetRequiredService<WuyeDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var since = now.AddHours(-services.GetRequiredService<IOptions<ChannelOptions>>().Value.Sms.ReceiptHours);
        var recorded = 0;
        var asked = new List<Guid>();
        while (asked.Count < MaxPerRun)
        {
            var q = db.Set<OutboxMessage>()
                .Where(m =>
                    m.Channel == NotificationChannel.Sms
                    && m.Status == OutboxStatus.Sent
                    && m.ProviderRef != null
                    && m.Receipt == null
                    && m.SentAt >= since
                    && m.SentAt <= now
                );
            // A message still waiting is not asked twice in one run: the next page starts after the ones asked.
            var page = await q.Where(m => !asked.Contains(m.Id)).OrderBy(m => m.SentAt).ThenBy(m => m.Id).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0)
                break;
            foreach (var m in page)
            {
                if (await AskAsync(gateway, m, ct) is { } r && m.RecordReceipt(r.Delivered, r.Code, null, r.At ?? now))
                    recorded++;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            asked.AddRange(page.Select(m => m.Id));
        }
        return recorded;
    }

    private sealed record Answer(bool Delivered, string? Code, DateTimeOffset? At);

    /// <summary>The message's final status from the gateway's pages of records, or null while it waits (or the gateway fails).</summary>
    private async Task<Answer?> AskAsync(SmsGateway gateway, OutboxMessage m, CancellationToken ct)
    {
        var sentOn = DateOnly.FromDateTime(m.SentAt!.Value.ToOffset(ChinaTime.Offset).DateTime);
        var outId = m.Id.ToString("N");
        try
        {
            for (int page = 1, seen = 0; page <= 20; page++)
            {
                var (total, records) = await gateway.QueryAsync(m.Address!, m.ProviderRef!, sentOn, page, 10, ct);
                var mine = records.FirstOrDefault(r => r.OutId == outId) ?? (total == 1 ? records.FirstOrDefault() : null);
                if (mine is not null)
                    return mine.SendStatus switch
                    {
                        3 => new Answer(true, null, SmsReceiptTime.Parse(mine.ReceiveDate)),
                        2 => new Answer(false, mine.ErrCode, SmsReceiptTime.Parse(mine.ReceiveDate)),
                        _ => null,
                    };
                seen += records.Count;
                if (records.Count == 0 || seen >= total)
                    return null;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException)
        {
            if (ct.IsCancellationRequested)
                throw;
            log.LogWarning("SMS receipt of {Id} not read: {Error}", m.Id, ex.Message);
        }
        return null;
    }
}

internal static class SmsReceiptTime
{
    /// <summary>The gateway's "yyyy-MM-dd HH:mm:ss" in China time, as UTC; null when absent or malformed.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, ChinaTime.Offset).ToUniversalTime()
            : null;
}

/// <summary>
/// POST /api/v1/sms-receipts?token=…: the gateway's delivery receipt push (a JSON array of SmsReport). Anonymous, so the
/// URL carries the shared secret set in <see cref="SmsOptions.ReceiptToken"/>, compared in constant time: a wrong or
/// missing one is answered 401 and nothing is read. A report for an unknown biz_id (or another number) is ignored; a second
/// report of the same message changes nothing. The answer is the provider's {"code":0,"msg":"成功"}.
/// </summary>
public static class SmsReceiptEndpoints
{
    public const string TokenHeader = "X-Receipt-Token";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost(
                "/sms-receipts",
                async (
                    HttpContext http,
                    WuyeDb db,
                    ScopeAccessor scopes,
                    IOptions<ChannelOptions> options,
                    TimeProvider clock,
                    CancellationToken ct
                ) =>
                {
                    var expected = options.Value.Sms.ReceiptToken;
                    if (string.IsNullOrEmpty(expected))
                        return Results.NotFound();
                    var given = http.Request.Query["token"].FirstOrDefault() ?? http.Request.Headers[TokenHeader].FirstOrDefault();
                    if (!SameSecret(given, expected))
                        return Results.Json(new { code = 401, msg = "token" }, statusCode: StatusCodes.Status401Unauthorized);
                    List<SmsReport> reports;
                    try
                    {
                        reports = await JsonSerializer.DeserializeAsync<List<SmsReport>>(http.Request.Body, cancellationToken: ct) ?? [];
                    }
                    catch (JsonException)
                    {
                        return Results.Json(new { code = 400, msg = "body" }, statusCode: StatusCodes.Status400BadRequest);
                    }
                    scopes.Scope = DataScope.System;
                    await RecordAsync(db, reports, clock.GetUtcNow(), ct);
                    return Results.Json(new { code = 0, msg = "成功" });
                }
            )
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("Notifications")
            .WithSummary("The SMS gateway's delivery receipts (Aliyun SmsReport push), with the shared token of the settings");

    /// <summary>Equal secrets, compared in time that does not depend on where they differ (hashes of equal length).</summary>
    public static bool SameSecret(string? given, string expected) =>
        given is not null
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected))
        );

    private static async Task RecordAsync(WuyeDb db, List<SmsReport> reports, DateTimeOffset now, CancellationToken ct)
    {
        var ids = reports.Where(r => !string.IsNullOrEmpty(r.BizId)).Select(r => r.BizId!).Distinct().Take(1000).ToList();
        if (ids.Count == 0)
            return;
        var messages = await db.Set<OutboxMessage>()
            .Where(m => m.Channel == NotificationChannel.Sms && m.ProviderRef != null && ids.Contains(m.ProviderRef))
            .ToListAsync(ct);
        foreach (var r in reports)
        {
            var m = messages.FirstOrDefault(x => x.ProviderRef == r.BizId);
            if (m is null || (!string.IsNullOrEmpty(r.PhoneNumber) && r.PhoneNumber != m.Address))
                continue;
            var at = SmsReceiptTime.Parse(r.ReportTime) ?? SmsReceiptTime.Parse(r.SendTime) ?? now;
            m.RecordReceipt(r.Success == true, r.ErrCode, r.ErrMsg, at);
        }
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>One report of the gateway's receipt push (Aliyun SmsReport).</summary>
public sealed record SmsReport(
    [property: System.Text.Json.Serialization.JsonPropertyName("phone_number")] string? PhoneNumber,
    [property: System.Text.Json.Serialization.JsonPropertyName("send_time")] string? SendTime,
    [property: System.Text.Json.Serialization.JsonPropertyName("report_time")] string? ReportTime,
    [property: System.Text.Json.Serialization.JsonPropertyName("success")] bool? Success,
    [property: System.Text.Json.Serialization.JsonPropertyName("err_code")] string? ErrCode,
    [property: System.Text.Json.Serialization.JsonPropertyName("err_msg")] string? ErrMsg,
    [property: System.Text.Json.Serialization.JsonPropertyName("sms_size")] JsonElement? SmsSize,
    [property: System.Text.Json.Serialization.JsonPropertyName("biz_id")] string? BizId,
    [property: System.Text.Json.Serialization.JsonPropertyName("out_id")] string? OutId
);
