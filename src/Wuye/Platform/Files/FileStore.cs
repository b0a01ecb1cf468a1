using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Wuye.Platform;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Platform.Files;

/// <summary>
/// Stores uploaded images as real files. The content is checked by its first bytes (a renamed
/// PDF is not a photo), the size is capped, and the file is written to a temporary name and
/// moved into place only when complete, so a crash never leaves half a photo behind a record.
/// </summary>
public sealed class FileStore(
    WuyeDb db,
    IPlaceDirectory places,
    Microsoft.Extensions.Options.IOptions<WuyeOptions> options,
    TimeProvider clock
)
{
    public long MaxBytes => options.Value.Files.MaxBytes;

    private string Root => Path.Combine(options.Value.DataPath, "files");

    public static readonly IReadOnlyDictionary<string, byte[][]> ImageSignatures = new Dictionary<string, byte[][]>
    {
        ["image/jpeg"] =
        [
            [0xFF, 0xD8, 0xFF],
        ],
        ["image/png"] =
        [
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        ],
        ["image/gif"] =
        [
            [0x47, 0x49, 0x46, 0x38],
        ],
        ["image/webp"] =
        [
            [0x52, 0x49, 0x46, 0x46],
        ],
    };

    /// <summary>Saves an image for a project (and optionally a unit) the caller may see, or with neither for a company
    /// (<paramref name="companyId"/>: company-level, e.g. a regulator's evidence of a record about the company).</summary>
    public Task<StoredFile> SaveImageAsync(
        Stream content,
        string? fileName,
        Guid? projectId,
        Guid? unitId,
        CancellationToken ct,
        Guid? companyId = null
    ) => SaveAsync(content, fileName, projectId, unitId, ImageRule, ct, companyId);

    private FileRule ImageRule =>
        new(
            "file",
            MaxBytes,
            (head, _) => Sniff(head),
            Loc.T($"照片不能超过 {MaxBytes / 1024 / 1024} MB", $"A photo may be at most {MaxBytes / 1024 / 1024} MB"),
            Loc.T("请上传 JPG、PNG、GIF 或 WebP 格式的图片", "Upload a JPG, PNG, GIF or WebP image")
        );

    /// <summary>
    /// Checks an upload as <see cref="SaveImageAsync"/> would (size, and an image by its first bytes) without storing it: for a form
    /// whose user may not delete a file once stored (a regulator), so that every photo is known good before the first is kept.
    /// </summary>
    public async Task CheckImageAsync(Stream content, long length, CancellationToken ct)
    {
        var rule = ImageRule;
        if (length > rule.MaxBytes)
            throw new ValidationException(new Dictionary<string, string[]> { [rule.Field] = [rule.TooBig] });
        var head = new byte[64];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (read == 0 || rule.Sniff(head.AsSpan(0, read), "") is null)
            throw new ValidationException(new Dictionary<string, string[]> { [rule.Field] = [rule.WrongType] });
    }

    /// <summary>
    /// What a kind of upload accepts: the form field its errors go to, its size cap, the content type read from the first bytes
    /// (and the file's name) or null when refused, and the two messages.
    /// </summary>
    public sealed record FileRule(string Field, long MaxBytes, SniffBy Sniff, string TooBig, string WrongType);

    public delegate string? SniffBy(ReadOnlySpan<byte> head, string fileName);

    /// <summary>Saves a file of the kind <paramref name="rule"/> accepts for a project (and optionally a unit) the caller may
    /// see.</summary>
    public async Task<StoredFile> SaveAsync(
        Stream content,
        string? fileName,
        Guid? projectId,
        Guid? unitId,
        FileRule rule,
        CancellationToken ct,
        Guid? forCompany = null
    )
    {
        var v = new Validator();
        Guid companyId;
        if (unitId is { } u)
        {
            var unit = await places.UnitAsync(u, ct);
            if (unit is null)
            {
                v.Add("unitId", "房屋不存在或无权访问", "Unit not found, or not yours");
                v.ThrowIfAny();
            }
            companyId = unit!.CompanyId;
            projectId = unit.ProjectId;
            RefuseRegulatorBelowCompany(v, "unitId", companyId, projectId, u);
        }
        else if (projectId is { } p)
        {
            var project = await places.ProjectAsync(p, ct);
            if (project is null)
            {
                v.Add("projectId", "项目不存在或无权访问", "Project not found, or not yours");
                v.ThrowIfAny();
            }
            companyId = project!.CompanyId;
            RefuseRegulatorBelowCompany(v, "projectId", companyId, p, null);
        }
        else if (forCompany is { } c)
        {
            // A company-level file: the company's own staff, or a regulator that oversees it (add only).
            if (!db.Scope.CanWrite(c, null, null, null) && !db.Scope.CanAddFileAsRegulator(c))
            {
                v.Add("companyId", "企业不存在或无权为其上传", "Company not found, or not yours to upload for");
                v.ThrowIfAny();
            }
            companyId = c;
        }
        else
        {
            v.Add("projectId", "请指定照片所属的项目或房屋", "Give the project or unit the photo belongs to").ThrowIfAny();
            throw new UnreachableException();
        }

        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var relative = Path.Combine(now.ToString("yyyy"), now.ToString("MM"), id.ToString("N"));
        var target = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".part";
        long size = 0;
        var head = new byte[64];
        var headLength = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (var output = File.Create(temp))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > rule.MaxBytes)
                        throw new ValidationException(new Dictionary<string, string[]> { [rule.Field] = [rule.TooBig] });
                    if (headLength < head.Length)
                    {
                        var n = Math.Min(head.Length - headLength, read);
                        Array.Copy(buffer, 0, head, headLength, n);
                        headLength += n;
                    }
                    sha.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                await output.FlushAsync(ct);
                output.Flush(flushToDisk: true);
            }
            var name = Path.GetFileName(fileName ?? "photo").Trim() is { Length: > 0 } n2 ? n2[..Math.Min(n2.Length, 200)] : "photo";
            var contentType = rule.Sniff(head.AsSpan(0, headLength), name);
            if (size == 0 || contentType is null)
                throw new ValidationException(new Dictionary<string, string[]> { [rule.Field] = [rule.WrongType] });
            File.Move(temp, target);
            var stored = new StoredFile
            {
                Id = id,
                CompanyId = companyId,
                ProjectId = projectId,
                UnitId = unitId,
                FileName = name,
                ContentType = contentType,
                Size = size,
                Sha256 = Convert.ToHexStringLower(sha.GetHashAndReset()),
                StoragePath = relative,
                UploadedBy = db.Scope.UserId,
            };
            db.Set<StoredFile>().Add(stored);
            await db.SaveChangesAsync(ct);
            return stored;
        }
        catch
        {
            File.Delete(temp);
            if (File.Exists(target) && !await db.Set<StoredFile>().AnyAsync(f => f.Id == id, CancellationToken.None))
                File.Delete(target);
            throw;
        }
    }

    /// <summary>
    /// A regulator that may not write at a project or unit (it reads the companies it oversees) adds company files only: a file
    /// inside a project or a home would be shown to that project's staff or that home's owner as theirs.
    /// </summary>
    private void RefuseRegulatorBelowCompany(Validator v, string field, Guid company, Guid? project, Guid? unit)
    {
        if (db.Scope.CanWrite(company, project, null, unit) || !db.Scope.CanAddFileAsRegulator(company))
            return;
        v.Add(
                field,
                "监管单位只能上传企业层面的文件，不能上传到项目或房屋",
                "A regulator uploads files for a company only, never into a project or a home"
            )
            .ThrowIfAny();
    }

    /// <summary>
    /// Removes photos a form stored before its use case was refused, so a refused submission
    /// leaves no files behind. Only the caller's own uploads go; whatever else the refused use
    /// case had pending on this context is dropped first, never saved.
    /// </summary>
    public async Task DiscardAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
            return;
        db.ChangeTracker.Clear();
        var mine = await db.Set<StoredFile>().Where(f => ids.Contains(f.Id) && f.UploadedBy == db.Scope.UserId).ToListAsync(ct);
        db.RemoveRange(mine);
        await db.SaveChangesAsync(ct);
        foreach (var f in mine)
            File.Delete(Path.Combine(Root, f.StoragePath));
    }

    /// <summary>
    /// The one attachment rule: every id in <paramref name="ids"/> is a file the caller uploaded (never someone else's, however
    /// visible) at <paramref name="place"/>; otherwise a 400 on <paramref name="field"/>. Returns the ids without repeats.
    /// </summary>
    public static async Task<Guid[]> RequireOwnAsync(WuyeDb db, IEnumerable<Guid>? ids, FilePlace place, string field, CancellationToken ct)
    {
        var wanted = (ids ?? []).Distinct().ToArray();
        if (wanted.Length == 0)
            return wanted;
        var user = db.Scope.UserId;
        var q = db.Set<StoredFile>().Where(f => wanted.Contains(f.Id) && f.UploadedBy == user && f.CompanyId == place.CompanyId);
        q = place switch
        {
            { UnitId: { } u } => q.Where(f => f.UnitId == u),
            { ProjectId: { } p } => q.Where(f => f.ProjectId == p && f.UnitId == null),
            _ => q.Where(f => f.UnitId == null),
        };
        if (await q.CountAsync(ct) != wanted.Length)
            throw ValidationException.For(
                field,
                place.UnitId is not null ? "文件须是您本人为该房屋上传的，请重新上传"
                    : place.ProjectId is not null ? "文件须是您本人为该项目上传的，请重新上传"
                    : "文件须是您本人为该企业上传的，请重新上传",
                place.UnitId is not null ? "A file must be one you uploaded for this home; upload it again"
                    : place.ProjectId is not null ? "A file must be one you uploaded for this project; upload it again"
                    : "A file must be one you uploaded for this company; upload it again"
            );
        return wanted;
    }

    /// <summary>Opens a stored file the caller may see, or null.</summary>
    public async Task<(StoredFile File, Stream Content)?> OpenAsync(Guid id, CancellationToken ct)
    {
        var file = await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (file is null)
            return null;
        var path = Path.Combine(Root, file.StoragePath);
        return File.Exists(path) ? (file, File.OpenRead(path)) : null;
    }

    /// <summary>
    /// Opens a stored file past the scope filter, or null: only for a module that has itself decided that the caller may read the
    /// record the file belongs to (e.g. a notice's attachment, a project file its owners may read through the notice).
    /// </summary>
    public async Task<(StoredFile File, Stream Content)?> OpenGrantedAsync(Guid id, CancellationToken ct)
    {
        var file = await db.Set<StoredFile>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (file is null)
            return null;
        var path = Path.Combine(Root, file.StoragePath);
        return File.Exists(path) ? (file, File.OpenRead(path)) : null;
    }

    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        foreach (var (type, signatures) in ImageSignatures)
        foreach (var sig in signatures)
            if (
                head.Length >= sig.Length
                && head[..sig.Length].SequenceEqual(sig)
                && (type != "image/webp" || (head.Length >= 12 && head[8..12].SequenceEqual("WEBP"u8)))
            )
                return type;
        return null;
    }
}

file sealed class UnreachableException : Exception;
