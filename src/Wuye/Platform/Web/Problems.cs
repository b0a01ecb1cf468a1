using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Wuye.Platform.Web;

/// <summary>A broken business rule: answered as 409 with a stable code.</summary>
public class RuleException(string code, string zh, string en) : Exception(en)
{
    public string Code { get; } = code;
    public Text Text { get; } = new(zh, en);
}

/// <summary>A part the server needs is missing or failed (e.g. no PDF renderer): answered as 503 with a code.</summary>
public sealed class UnavailableException(string code, string zh, string en) : Exception(en)
{
    public string Code { get; } = code;
    public Text Text { get; } = new(zh, en);
}

/// <summary>The record does not exist or is outside the caller's scope (we never say which).</summary>
public class NotFoundException(string entity) : Exception($"{entity} not found")
{
    public string Entity { get; } = entity;
}

/// <summary>The caller may see the record but may not do this to it.</summary>
public class ForbiddenException(string zh, string en) : Exception(en)
{
    public Text Text { get; } = new(zh, en);
}

/// <summary>Input that fails validation after binding, field by field.</summary>
public class ValidationException(IDictionary<string, string[]> errors) : Exception("validation failed")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>One field's error, in the request's language: <c>throw ValidationException.For("unitId", "请选择房屋", "Choose a
    /// unit")</c>.</summary>
    public static ValidationException For(string field, string zh, string en) =>
        new(new Dictionary<string, string[]> { [field] = [Loc.T(zh, en)] });
}

/// <summary>Turns exceptions into ProblemDetails so that nothing a caller sends ends in a bare 500.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // This handler runs outside the localization middleware, whose culture does not flow back
        // out of it: take the request's culture again so 409/403 titles come in the caller's language.
        // A page's own script (cookie, no bearer token) keeps the page's language, not the browser's.
        if (
            http.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>() is { } culture
            && (culture.Provider is not ApiAcceptLanguageProvider || http.Request.Headers.Authorization.Count > 0)
        )
        {
            System.Globalization.CultureInfo.CurrentCulture = culture.RequestCulture.Culture;
            System.Globalization.CultureInfo.CurrentUICulture = culture.RequestCulture.UICulture;
        }
        var (status, problem) = Map(
            exception,
            http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize
        );
        // The middleware has already pointed Request.Path at the error page: use the original.
        var path = http.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : http.Request.Path;
        if (status == StatusCodes.Status500InternalServerError)
            log.LogError(exception, "Unhandled exception on {Method} {Path}", http.Request.Method, path);
        else if (status == StatusCodes.Status503ServiceUnavailable)
            log.LogWarning(exception, "Answered 503 on {Method} {Path}", http.Request.Method, path);
        else
            log.LogDebug(exception, "Answered {Status} on {Method} {Path}", status, http.Request.Method, path);

        if (!path.StartsWithSegments("/api") && status is 403 or 404 or 500)
            return false; // pages get the friendly error page via status code re-execution

        http.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = (
                http.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<WuyeOptions>>()?.Value.Database.RetryAfterSeconds ?? 5
            ).ToString();
            // A page gets a page, written here: the error page would go back through the pipeline, which needs the database.
            if (!path.StartsWithSegments("/api"))
            {
                await OutagePage.WriteAsync(http, problem.Title ?? "");
                return true;
            }
        }
        problem.Status = status;
        problem.Instance = path;
        return await problems.TryWriteAsync(
            new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = problem,
                Exception = exception,
            }
        );
    }

    /// <summary>The status and problem an exception is answered with; <paramref name="bodyLimit"/> names the limit in a 413.</summary>
    internal static (int, ProblemDetails) Map(Exception exception, long? bodyLimit = null) =>
        exception switch
        {
            ValidationException v => (
                400,
                new ValidationProblemDetails(v.Errors)
                {
                    Title = Loc.T("提交的内容有误，请按字段提示修改", "Some fields are invalid; see errors"),
                }
            ),
            RuleException r => (409, WithCode(new ProblemDetails { Title = r.Text.ToString() }, r.Code)),
            _ when DatabaseUnreachable(exception) => (
                503,
                WithCode(
                    new ProblemDetails
                    {
                        Title = Loc.T("数据库暂时无法连接，请稍后重试", "The database cannot be reached right now; retry shortly"),
                    },
                    "database.unavailable"
                )
            ),
            UnavailableException u => (503, WithCode(new ProblemDetails { Title = u.Text.ToString() }, u.Code)),
            NotFoundException n => (
                404,
                WithCode(new ProblemDetails { Title = Loc.T("记录不存在或无权查看", "Not found, or not yours to see") }, "not_found")
            ),
            ForbiddenException f => (403, WithCode(new ProblemDetails { Title = f.Text.ToString() }, "forbidden")),
            BadHttpRequestException { StatusCode: 413 } => (
                413,
                WithCode(
                    new ProblemDetails
                    {
                        Title = bodyLimit is { } limit
                            ? Loc.T(
                                $"请求内容超过 {limit / 1048576.0:0.#} MB 的上限",
                                $"The request body is over the limit of {limit / 1048576.0:0.#} MB"
                            )
                            : Loc.T("请求内容超过大小上限", "The request body is over the size limit"),
                    },
                    "request.too_large"
                )
            ),
            BadHttpRequestException { StatusCode: 400 } b when FieldOf(b) is { } field => (
                400,
                WithCode(
                    new ValidationProblemDetails(new Dictionary<string, string[]> { [field.Name] = [field.Message] })
                    {
                        Title = Loc.T("提交的内容有误，请按字段提示修改", "Some fields are invalid; see errors"),
                    },
                    "validation"
                )
            ),
            BadHttpRequestException b => (
                b.StatusCode,
                Unreadable(new ProblemDetails { Detail = b.InnerException is System.Text.Json.JsonException j ? j.Message : b.Message })
            ),
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => (
                409,
                WithCode(
                    new ProblemDetails
                    {
                        Title = Loc.T("记录已被他人修改，请刷新后重试", "Someone else changed this record; reload and try again"),
                    },
                    "concurrency"
                )
            ),
            Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: "23505" } pg } => (
                409,
                WithCode(
                    new ProblemDetails
                    {
                        Title = Loc.T("已存在相同的记录，请检查后重试", "A record with the same key already exists"),
                        Detail = pg.ConstraintName,
                    },
                    "duplicate"
                )
            ),
            OperationCanceledException => (499, new ProblemDetails { Title = "Client closed request" }),
            _ => (
                500,
                WithCode(
                    new ProblemDetails
                    {
                        Title = Loc.T("服务器出错了，我们已记录，请稍后再试", "Something went wrong on our side; it has been logged"),
                    },
                    "server_error"
                )
            ),
        };

    /// <summary>
    /// The field a binding failure names: a JSON path (the body's field) or the parameter in the
    /// framework's message ("Failed to bind parameter \"DateOnly month\" from \"2026-11\"").
    /// </summary>
    private static (string Name, string Message)? FieldOf(BadHttpRequestException b)
    {
        if (b.InnerException is System.Text.Json.JsonException j)
            return (
                InputText.FieldOf(j.Path),
                j is InputText.RefusedException ? j.Message : Loc.T("格式不正确", "is not in the expected format")
            );
        var m = System.Text.RegularExpressions.Regex.Match(
            b.Message,
            "^(Failed to bind|Required) parameter \"(?:[^\"]* )?([A-Za-z_][A-Za-z0-9_]*)\""
        );
        if (!m.Success)
            return null;
        return (
            m.Groups[2].Value,
            m.Groups[1].Value == "Required" ? Loc.T("必须填写", "is required") : Loc.T("格式不正确", "is not in the expected format")
        );
    }

    /// <summary>
    /// The database is down, restarting or out of reach (socket refused or broken, connection timed out,
    /// server shutting down), as opposed to a statement it refused: anywhere in the exception's chain.
    /// </summary>
    internal static bool DatabaseUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.PostgresException pg:
                    // 08: connection exception; 57P01-03: admin/crash shutdown, cannot connect now.
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03";
                case Npgsql.NpgsqlException n when n.IsTransient:
                case System.Net.Sockets.SocketException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The one rule for a request that could not be read as a whole (no field to name): 400 <c>bad_request</c>. Used for a
    /// <see cref="BadHttpRequestException"/> and for a bare 400 of the framework (<see cref="Describe"/>).
    /// </summary>
    internal static ProblemDetails Unreadable(ProblemDetails p)
    {
        p.Title = Loc.T("请求中的内容格式有误，请检查后重试", "The request could not be read; check it and try again");
        p.Extensions.TryAdd("code", "bad_request");
        return p;
    }

    /// <summary>Gives the framework's bare problems (a status with no exception: 400, 404) the same titles and codes as ours.</summary>
    internal static void Describe(ProblemDetails p, HttpContext http)
    {
        // Kestrel's own 413 (a body over its limit, refused before any handler): the same title and code as ours.
        if (p.Status == 413 && !p.Extensions.ContainsKey("code"))
        {
            var limit = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            var (_, ours) = Map(new BadHttpRequestException("too large", 413), limit);
            p.Title = ours.Title;
            p.Extensions["code"] = "request.too_large";
        }
        if (p.Status == 404 && p.Title is null or "Not Found")
        {
            p.Title = Loc.T("记录不存在或无权查看", "Not found, or not yours to see");
            p.Extensions.TryAdd("code", "not_found");
        }
        if (p.Status == 400 && p.Title is null or "Bad Request")
            Unreadable(p);
    }

    private static ProblemDetails WithCode(ProblemDetails p, string code)
    {
        p.Extensions["code"] = code;
        return p;
    }
}
