namespace Wuye.Platform.Web;

/// <summary>
/// A POST made with an Idempotency-Key: reserved before the handler runs, completed with the
/// response after. A retry with the same key replays the stored response instead of running again.
/// </summary>
public sealed class IdempotentRequest
{
    public Guid UserId { get; set; }
    public required string Key { get; set; }
    public required string Method { get; set; }
    public required string Path { get; set; }
    public required string RequestHash { get; set; }
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[]? ResponseBody { get; set; }
    public string? Location { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
