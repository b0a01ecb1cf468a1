using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Wuye.Platform.Files;

namespace Wuye.Platform.Web;

/// <summary>What every module's pages share: running a use case and turning its refusals into messages on the page; photos that go with
/// it.</summary>
public static class PageActions
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
            foreach (var m in messages)
                state.AddModelError(field, m);
            return string.Join(" ", v.Errors.SelectMany(e => e.Value));
        }
        catch (RuleException r)
        {
            return r.Text.ToString();
        }
        catch (ForbiddenException f)
        {
            return f.Text.ToString();
        }
        catch (NotFoundException)
        {
            return Loc.T("记录不存在或无权查看", "Not found, or not yours to see");
        }
    }

    /// <summary>
    /// Stores a form's photos, all or none: every upload is checked first (<see cref="FileStore.CheckImageAsync"/>: size, an image by
    /// its first bytes), so a bad second photo does not leave the first one stored; a save that still fails discards those already
    /// stored. Pair with <see cref="WithPhotosAsync"/> so that a refusal of the use case discards them too.
    /// </summary>
    public static async Task<Guid[]> SavePhotosAsync(
        FileStore files,
        IEnumerable<IFormFile>? uploads,
        Guid? projectId,
        Guid? unitId,
        CancellationToken ct
    )
    {
        var wanted = uploads?.Where(f => f.Length > 0).ToList() ?? [];
        foreach (var f in wanted)
        {
            await using var s = f.OpenReadStream();
            await files.CheckImageAsync(s, f.Length, ct);
        }
        var ids = new List<Guid>();
        try
        {
            foreach (var f in wanted)
            {
                await using var s = f.OpenReadStream();
                ids.Add((await files.SaveImageAsync(s, f.FileName, projectId, unitId, ct)).Id);
            }
        }
        catch when (ids.Count > 0)
        {
            await files.DiscardAsync(ids, CancellationToken.None);
            throw;
        }
        return [.. ids];
    }

    /// <summary>Runs a use case with photos stored just before it; if it is refused, the photos go too.</summary>
    public static async Task WithPhotosAsync(FileStore files, Guid[] photoIds, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch
        {
            await files.DiscardAsync(photoIds, CancellationToken.None);
            throw;
        }
    }
}
