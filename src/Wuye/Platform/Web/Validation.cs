using System.Text.RegularExpressions;

namespace Wuye.Platform.Web;

/// <summary>A request body that checks its own shape; the API filter calls it before the handler.</summary>
public interface IValidatable
{
    void Validate(Validator v);
}

/// <summary>Collects field errors in the caller's language and throws them as one 400.</summary>
public sealed partial class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool HasErrors => _errors.Count > 0;

    public Validator Add(string field, string zh, string en)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(Loc.T(zh, en));
        return this;
    }

    public Validator Required(string field, string? value, string labelZh, string labelEn)
    {
        if (string.IsNullOrWhiteSpace(value))
            Add(field, $"请填写{labelZh}", $"{labelEn} is required");
        return this;
    }

    public Validator Required<T>(string field, T? value, string labelZh, string labelEn)
        where T : struct
    {
        if (value is null)
            Add(field, $"请填写{labelZh}", $"{labelEn} is required");
        else if (value is Guid g && g == Guid.Empty)
            Add(field, $"请选择{labelZh}", $"{labelEn} is required");
        return this;
    }

    public Validator MaxLength(string field, string? value, int max, string labelZh, string labelEn)
    {
        if (value is not null && value.Length > max)
            Add(field, $"{labelZh}不能超过 {max} 个字", $"{labelEn} must be at most {max} characters");
        return this;
    }

    public Validator Range(string field, decimal? value, decimal min, decimal max, string labelZh, string labelEn)
    {
        if (value is not null && (value < min || value > max))
            Add(field, $"{labelZh}应在 {min} 到 {max} 之间", $"{labelEn} must be between {min} and {max}");
        return this;
    }

    public Validator Phone(string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !IsMobileOrLandline(value))
            Add(
                field,
                "手机号格式不正确（11 位手机号或带区号的座机）",
                "Phone number is not valid (11-digit mobile or landline with area code)"
            );
        return this;
    }

    public static bool IsMobileOrLandline(string value) => MobileRe().IsMatch(value) || LandlineRe().IsMatch(value);

    public void ThrowIfAny()
    {
        if (HasErrors)
            throw new ValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    /// <summary>Runs an input's rules where no endpoint filter does (pages, services); throws on the first failing field set.</summary>
    public static T Check<T>(T input)
        where T : IValidatable
    {
        var v = new Validator();
        input.Validate(v);
        v.ThrowIfAny();
        return input;
    }

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobileRe();

    [GeneratedRegex(@"^0\d{2,3}-?\d{7,8}$")]
    private static partial Regex LandlineRe();
}

/// <summary>Runs <see cref="IValidatable.Validate"/> on every body argument of an API endpoint.</summary>
internal sealed class ValidationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var arg in context.Arguments)
        {
            if (arg is IValidatable validatable)
            {
                var v = new Validator();
                validatable.Validate(v);
                v.ThrowIfAny();
            }
        }
        return await next(context);
    }
}
