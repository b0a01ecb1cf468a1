using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Platform.Files;

/// <summary>
/// A photo or attachment: the bytes live as a real file under Wuye:DataDir/files, the record
/// here carries its scope (so only those who may see the project or unit may fetch it), its
/// checked content type, size and SHA-256.
/// </summary>
public sealed class StoredFile : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid? UnitId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }

    /// <summary>Path relative to the files folder.</summary>
    public required string StoragePath { get; set; }
    public Guid? UploadedBy { get; set; }
}
