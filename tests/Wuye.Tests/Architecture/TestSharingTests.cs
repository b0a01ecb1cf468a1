using System.Text.RegularExpressions;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Architecture;

/// <summary>
/// The test classes of a collection share one app, one class after another; the app keeps whatever clock the previous
/// class left (a fake one set in 2027, say). xunit offers no hook when a collection moves to its next class, so each
/// class must set the clock itself, per test, in its constructor: <c>shared.Use(TimeProvider.System)</c> or its own.
/// </summary>
public sealed partial class TestSharingTests
{
    [GeneratedRegex(@"\[Collection\(nameof\((\w+)\)\)\]")]
    private static partial Regex CollectionAttribute();

    /// <summary>A class handing the shared app to a base class that sets the clock (e.g. Regulation's MovedClockApp).</summary>
    [GeneratedRegex(@"\(Shared(?:App|Browser) \w+\) : (\w+)\(\w+\)")]
    private static partial Regex BaseTakingTheApp();

    [Fact]
    public void Every_class_of_a_shared_collection_sets_the_apps_clock()
    {
        var sep = Path.DirectorySeparatorChar;
        var files = Directory
            .EnumerateFiles(Path.Combine(Repo.Root, "tests", "Wuye.Tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}") && !f.Contains($"{sep}bin{sep}"))
            .Select(f => (File: Path.GetRelativePath(Repo.Root, f), Text: File.ReadAllText(f)))
            .ToList();
        var inCollections = files.Where(f => CollectionAttribute().IsMatch(f.Text)).ToList();
        // The check itself would pass on nothing: the suite has dozens of such classes.
        Assert.True(inCollections.Count >= 40, $"only {inCollections.Count} test files in a collection: is the pattern stale?");
        static bool SetsClock(string text) => text.Contains(".Use(", StringComparison.Ordinal);
        bool BaseSetsClock(string text) =>
            BaseTakingTheApp().Match(text) is { Success: true } m
            && files.Any(f => f.Text.Contains($"class {m.Groups[1].Value}(", StringComparison.Ordinal) && SetsClock(f.Text));
        var forgetful = inCollections.Where(f => !SetsClock(f.Text) && !BaseSetsClock(f.Text)).Select(f => f.File).ToList();
        Assert.True(
            forgetful.Count == 0,
            "These classes share a collection's app but never set its clock — call shared.Use(TimeProvider.System) (or the "
                + "class's own clock) in the constructor:\n"
                + string.Join("\n", forgetful)
        );
    }
}
