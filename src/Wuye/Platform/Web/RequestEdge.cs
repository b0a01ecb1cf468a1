using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wuye.Platform.Web;

/// <summary>
/// The one step at the request's edge, after routing and before any handler:
/// <list type="bullet">
/// <item>An API query value left empty (<c>?projectId=&amp;month=202611</c>, what a form or a link with an unset filter
/// sends) means "not given": it is dropped before binding, so an optional <c>Guid?</c> or <c>int?</c> is null instead of
/// a 400. A value that is there but cannot be read is still refused, in the caller's language.</item>
/// <item>Control characters in any query or route value (all endpoints, pages included) are refused: 400 naming the
/// fields.</item>
/// <item>Control characters in a page's form post do not reach its handler: the page is drawn again, as its GET
/// would draw it, with the posted values and an error on each such field (<see cref="EdgeErrorsPageFilter"/>).</item>
/// </list>
/// </summary>
internal sealed class RequestEdge(RequestDelegate next)
{
    /// <summary>The fields of a page's form post refused here, for <see cref="EdgeErrorsPageFilter"/>.</summary>
    public const string FormErrorsKey = "wuye.edge.form-errors";

    public async Task InvokeAsync(HttpContext http)
    {
        DropEmptyQueryValues(http);
        var errors = new Dictionary<string, string[]>();
        foreach (var (key, values) in http.Request.Query)
            if (!InputText.IsClean(key, false) || values.Any(v => v is not null && !InputText.IsClean(v, false)))
                errors[InputText.IsClean(key, false) ? key : "query"] = [InputText.ControlMessage()];
        foreach (var (key, value) in http.Request.RouteValues)
            if (value is string s && !InputText.IsClean(s, false))
                errors[key] = [InputText.ControlMessage()];
        if (errors.Count > 0)
            throw new ValidationException(errors);
        if (
            HttpMethods.IsPost(http.Request.Method)
            && http.Request.HasFormContentType
            && http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null
        )
        {
            var form = await ReadPageFormAsync(http);
            foreach (var (key, values) in form)
                if (values.Any(v => v is not null && !InputText.IsClean(v, true)))
                    errors[key] = [InputText.ControlMessage()];
            if (errors.Count > 0)
                http.Items[FormErrorsKey] = errors;
        }
        await next(http);
    }

    /// <summary>
    /// Reads a page's form within the limits its page declares (<c>[RequestSizeLimit]</c>, <c>[RequestFormLimits]</c>: an
    /// import page takes a larger file than the server's usual limit); a form over them is left to the page's own binding.
    /// </summary>
    private static async Task<IFormCollection> ReadPageFormAsync(HttpContext http)
    {
        var metadata = http.GetEndpoint()!.Metadata;
        if (
            metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>() is { } size
            && http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit
        )
            limit.MaxRequestBodySize = size.MaxRequestBodySize;
        var options = new Microsoft.AspNetCore.Http.Features.FormOptions();
        if (metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IFormOptionsMetadata>() is { MultipartBodyLengthLimit: { } most })
            options.MultipartBodyLengthLimit = most;
        try
        {
            return await http.Request.ReadFormAsync(options, http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return FormCollection.Empty;
        }
    }

    private static void DropEmptyQueryValues(HttpContext http)
    {
        var query = http.Request.Query;
        if (!http.Request.Path.StartsWithSegments("/api") || !query.Any(q => q.Value.All(string.IsNullOrEmpty)))
            return;
        var kept = new QueryBuilder();
        foreach (var (key, values) in query)
        foreach (var value in values)
            if (!string.IsNullOrEmpty(value))
                kept.Add(key, value);
        http.Request.QueryString = kept.ToQueryString();
    }

    public static IReadOnlyDictionary<string, string[]>? FormErrors(HttpContext http) =>
        http.Items.TryGetValue(FormErrorsKey, out var e) ? e as IReadOnlyDictionary<string, string[]> : null;
}

/// <summary>
/// A page form post with refused fields (<see cref="RequestEdge"/>) runs the page's GET handler instead of the posted
/// one, so nothing is written and the page is drawn again with each field's error in the model state (the posted values
/// stay in the form). A page with no GET handler answers the 400 of any other refused input.
/// </summary>
internal sealed class EdgeErrorsPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        if (
            RequestEdge.FormErrors(context.HttpContext) is not null
            && context.ActionDescriptor.HandlerMethods.FirstOrDefault(h =>
                string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(h.Name)
            )
                is { } get
        )
            context.HandlerMethod = get;
        return Task.CompletedTask;
    }

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (RequestEdge.FormErrors(context.HttpContext) is not { } errors)
        {
            await next();
            return;
        }
        if (!string.Equals(context.HandlerMethod?.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase))
            throw new ValidationException(errors.ToDictionary(e => e.Key, e => e.Value));
        foreach (var (field, messages) in errors)
        foreach (var m in messages)
            context.ModelState.AddModelError(field, m);
        var executed = await next();
        // A GET handler that returns nothing draws the page; one that returns a result keeps it.
        if (executed.Result is null && context.HandlerInstance is PageModel page)
            executed.Result = page.Page();
    }
}
