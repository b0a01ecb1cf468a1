using Microsoft.AspNetCore.Mvc.ModelBinding;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Files;
using Wuye.Platform.Web;

namespace Wuye.Pages.WorkOrders;

/// <summary>What the work-order pages share: running a use case and turning its refusals into messages on the page.</summary>
internal static class PageHelpers
{
    /// <summary>Runs a use case; field errors go to the model state, broken rules to the returned message.</summary>
    public static async Task<string?> TryAsync(ModelStateDictionary state, Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (ValidationException v)
        {
            foreach (var (field, messages) in v.Errors)
                foreach (var m in messages) state.AddModelError(field, m);
            return string.Join(" ", v.Errors.SelectMany(e => e.Value));
        }
        catch (RuleException r) { return r.Text.ToString(); }
        catch (NotFoundException) { return Loc.T("记录不存在或无权查看", "Not found, or not yours to see"); }
    }

    public static async Task<Guid[]> SavePhotosAsync(FileStore files, IEnumerable<IFormFile>? uploads, Guid? projectId, Guid? unitId, CancellationToken ct)
    {
        var ids = new List<Guid>();
        foreach (var f in uploads ?? [])
        {
            if (f.Length == 0) continue;
            await using var s = f.OpenReadStream();
            ids.Add((await files.SaveImageAsync(s, f.FileName, projectId, unitId, ct)).Id);
        }
        return [.. ids];
    }

    /// <summary>Runs a use case with photos stored just before it; if it is refused, the photos go too.</summary>
    public static async Task WithPhotosAsync(FileStore files, Guid[] photoIds, Func<Task> action)
    {
        try { await action(); }
        catch
        {
            await files.DiscardAsync(photoIds, CancellationToken.None);
            throw;
        }
    }

    public static string Badge(WorkOrderStatus s) => s switch
    {
        WorkOrderStatus.New => "bg-red-lt",
        WorkOrderStatus.Dispatched => "bg-orange-lt",
        WorkOrderStatus.Accepted or WorkOrderStatus.OnSite => "bg-blue-lt",
        WorkOrderStatus.Paused => "bg-yellow-lt",
        WorkOrderStatus.Completed => "bg-green-lt",
        _ => "bg-secondary-lt",
    };

    public static string Badge(RequestStatus s) => s switch
    {
        RequestStatus.Open => "bg-blue-lt",
        RequestStatus.Completed => "bg-green-lt",
        RequestStatus.Closed => "bg-secondary-lt",
        _ => "bg-secondary-lt",
    };
}
