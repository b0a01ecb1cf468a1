namespace Wuye.Platform.Audit;

public enum ChangeAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// One change to one business record: who, when, which record, the values before and after.
/// Written in the same transaction as the change itself, so the history is never behind.
/// Carries the record's scope keys so the history is as private as the record.
/// </summary>
public sealed class ChangeLog
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public required string EntityType { get; set; }
    public Guid EntityId { get; set; }
    public ChangeAction Action { get; set; }

    /// <summary>JSON object of the changed fields' old values (null on create).</summary>
    public string? Before { get; set; }

    /// <summary>JSON object of the changed fields' new values (null on delete).</summary>
    public string? After { get; set; }
    public Guid? CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
}

/// <summary>
/// The one way change-log rows are made, by the context's save and by bulk writers alike: the
/// values as JSON (camelCase, enums as text, Chinese as is) with personal data masked.
/// </summary>
public static class AuditRows
{
    public static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>A value as the history keeps it: personal data ([Sensitive]) masked, as lists show it; a [Secret] not at all.</summary>
    public static object? Safe(System.Reflection.PropertyInfo? property, object? value) =>
        value is not string text ? value
        : property?.IsDefined(typeof(SecretAttribute), true) == true ? SecretAttribute.Shown
        : property?.IsDefined(typeof(SensitiveAttribute), true) == true ? Mask.Any(text)
        : value;

    public static ChangeLog Row(
        Tenancy.DataScope scope,
        DateTimeOffset at,
        Type entityType,
        Guid entityId,
        ChangeAction action,
        IReadOnlyDictionary<string, object?>? before,
        IReadOnlyDictionary<string, object?>? after,
        Guid? companyId,
        Guid? projectId,
        Guid? zoneId,
        Guid? unitId
    ) =>
        new()
        {
            At = at,
            UserId = scope.UserId,
            UserName = scope.UserName,
            EntityType = entityType.Name,
            EntityId = entityId,
            Action = action,
            Before = before is null ? null : System.Text.Json.JsonSerializer.Serialize(before, Json),
            After = after is null ? null : System.Text.Json.JsonSerializer.Serialize(after, Json),
            CompanyId = companyId,
            ProjectId = projectId,
            ZoneId = zoneId,
            UnitId = unitId,
        };
}
