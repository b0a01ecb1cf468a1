using Wuye.Modules.Facilities.Domain;

namespace Wuye.Tests.Modules.Facilities.Domain;

/// <summary>The best-employee suggestion's score from a nominee's records, by hand.</summary>
public sealed class StarRecordsTests
{
    [Fact]
    public void The_crew_part_counts_on_time_work_and_checks_and_the_employees_own_work_adds_to_it()
    {
        // 60 × 9/10 + 20 × 3/4 − 5 × 1 − 3 × 0.5 = 54 + 15 − 5 − 1.5 = 62.5; plus 4 done in person.
        Assert.Equal(66.5m, new StarRecords(10, 9, 4, 1, 0.5m, 4).Score);
        // No checks: the checks part in full; in-person work counts at most 20.
        Assert.Equal(100m, new StarRecords(2, 2, 0, 0, 0, 35).Score);
        // Nothing due: no crew part at all.
        Assert.Equal(3m, new StarRecords(0, 0, 0, 0, 0, 3).Score);
        // The crew part never goes below zero.
        Assert.Equal(0m, new StarRecords(4, 0, 4, 4, 10, 0).Score);
    }
}
