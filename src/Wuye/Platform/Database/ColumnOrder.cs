using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Wuye.Platform.Database;

public static class ColumnOrder
{
    /// <summary>
    /// Columns added to a table by a later migration land after the existing ones (ALTER TABLE
    /// ADD), where EF Core would put them by property order; spelling out the database's order
    /// keeps the model equal to every migrated database (the drift test compares both).
    /// </summary>
    public static EntityTypeBuilder<T> ColumnsInOrder<T>(this EntityTypeBuilder<T> b, params string[] properties)
        where T : class
    {
        for (var i = 0; i < properties.Length; i++)
            b.Property(properties[i]).HasColumnOrder(i);
        return b;
    }
}
