using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Wuye.Platform.Web;

/// <summary>
/// The text fields of an API's multipart form, read and checked one by one as JSON bodies are:
/// control characters, lengths, ids, yes/no, choices and JSON objects. Every refusal names its
/// field; <see cref="ThrowIfAny"/> answers them all at once (400 with <c>errors</c>).
/// </summary>
public sealed class FormFields(IFormCollection form)
{
    private readonly Validator _v = new();

    public IFormCollection Form => form;

    /// <summary>Reads a multipart upload whose file may be up to <paramref name="maxBytes"/> (above the server's usual limit).</summary>
    public static async Task<FormFields> ReadAsync(HttpRequest req, long maxBytes, CancellationToken ct)
    {
        var limitMb = maxBytes / 1024 / 1024;
        var tooLarge = ValidationException.For("file", $"文件超过 {limitMb} MB 的上限", $"The file is larger than the {limitMb} MB limit");
        if (!req.HasFormContentType)
            throw ValidationException.For(
                "file",
                "请以 multipart/form-data 上传文件（字段名 file）",
                "Upload the file as multipart/form-data (field name: file)"
            );
        if (req.ContentLength > maxBytes + 1024 * 1024)
            throw tooLarge;
        if (req.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes + 1024 * 1024;
        try
        {
            // Files over 64 KB are buffered on disk by the framework, not in memory.
            return new FormFields(await req.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = maxBytes }, ct));
        }
        catch (InvalidDataException)
        {
            throw tooLarge;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw tooLarge;
        }
    }

    /// <summary>A text field: null when absent or blank; refused with control characters or over <paramref name="maxLength"/>.</summary>
    public string? Text(string name, int maxLength = 200, bool multiLine = false)
    {
        if (!form.TryGetValue(name, out var values))
            return null;
        var s = values.ToString();
        if (!InputText.IsClean(s, multiLine))
        {
            _v.Add(name, "不能包含控制字符（如 NUL）", "must not contain control characters (such as NUL)");
            return null;
        }
        if (s.Length > maxLength)
        {
            _v.Add(name, $"不能超过 {maxLength} 个字", $"must be at most {maxLength} characters");
            return null;
        }
        return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }

    public Guid? Id(string name)
    {
        var s = Text(name, 64);
        if (s is null)
            return null;
        if (Guid.TryParse(s, out var id))
            return id;
        _v.Add(name, "不是有效的编号", "is not a valid id");
        return null;
    }

    public bool Flag(string name)
    {
        var s = Text(name, 10);
        if (s is null)
            return false;
        if (bool.TryParse(s, out var b))
            return b;
        _v.Add(name, "应为 true 或 false", "must be true or false");
        return false;
    }

    /// <summary>One of an enum's names (any case, camelCase included); numbers are refused.</summary>
    public T? Choice<T>(string name)
        where T : struct, Enum
    {
        var s = Text(name, 60);
        if (s is null)
            return null;
        if (!char.IsDigit(s[0]) && s[0] != '-' && Enum.TryParse<T>(s, ignoreCase: true, out var value))
            return value;
        _v.Add(
            name,
            $"应为以下之一：{string.Join("、", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName))}",
            $"must be one of: {string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName))}"
        );
        return null;
    }

    /// <summary>A JSON object of texts to enum names, e.g. <c>{"Street Light Condition": "electrical"}</c>.</summary>
    public Dictionary<string, T> Mapping<T>(string name, int maxLength = 200_000)
        where T : struct, Enum
    {
        var s = Text(name, maxLength, multiLine: true);
        var result = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        if (s is null)
            return result;
        try
        {
            using var doc = JsonDocument.Parse(s);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new JsonException();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (
                    p.Value.ValueKind != JsonValueKind.String
                    || p.Value.GetString() is not { Length: > 0 } v
                    || char.IsDigit(v[0])
                    || !Enum.TryParse<T>(v, ignoreCase: true, out var value)
                )
                {
                    _v.Add($"{name}.{p.Name}", "不是已知的类别", "is not a known value");
                    continue;
                }
                result[p.Name.Trim()] = value;
            }
        }
        catch (JsonException)
        {
            _v.Add(name, "应为 JSON 对象，如 {\"原类别\": \"plumbing\"}", "must be a JSON object such as {\"source text\": \"plumbing\"}");
        }
        return result;
    }

    public IFormFile? File(string name, string zh, string en)
    {
        var file = form.Files.GetFile(name);
        if (file is null || file.Length == 0)
            _v.Add(name, zh, en);
        return file is { Length: > 0 } ? file : null;
    }

    public void ThrowIfAny() => _v.ThrowIfAny();
}
