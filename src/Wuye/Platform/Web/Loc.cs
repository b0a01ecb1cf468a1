using System.Globalization;

namespace Wuye.Platform.Web;

/// <summary>
/// Bilingual text kept side by side at the call site: Chinese first (the default culture),
/// English second. Keeping both in one place means a reader never hunts a resource key.
/// </summary>
public static class Loc
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string T(string zh, string en) => IsEnglish ? en : zh;

    /// <summary>Runs a text-making function once in Chinese and once in English, for records read in either.</summary>
    public static (T Zh, T En) Both<T>(Func<T> make)
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Chinese;
            var zh = make();
            CultureInfo.CurrentUICulture = English;
            return (zh, make());
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}

/// <summary>A message in both languages, resolved when it is shown.</summary>
public readonly record struct Text(string Zh, string En)
{
    public override string ToString() => Loc.T(Zh, En);
}
