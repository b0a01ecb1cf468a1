using Microsoft.AspNetCore.Http.Extensions;

namespace Wuye.Platform.Web;

/// <summary>
/// An API query value left empty (<c>?projectId=&amp;month=202611</c>, what a form or a link with an
/// unset filter sends) means "not given": it is dropped before binding, so an optional
/// <c>Guid?</c> or <c>int?</c> is null instead of a 400. A value that is there but cannot be read
/// is still refused, in the caller's language (see <see cref="ProblemExceptionHandler"/>).
/// </summary>
internal sealed class EmptyQueryValues(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        var query = http.Request.Query;
        if (http.Request.Path.StartsWithSegments("/api") && query.Any(q => q.Value.All(string.IsNullOrEmpty)))
        {
            var kept = new QueryBuilder();
            foreach (var (key, values) in query)
            foreach (var value in values)
                if (!string.IsNullOrEmpty(value))
                    kept.Add(key, value);
            http.Request.QueryString = kept.ToQueryString();
        }
        return next(http);
    }
}
