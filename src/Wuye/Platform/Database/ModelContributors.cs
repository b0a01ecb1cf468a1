using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Wuye.Platform.Audit;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Platform.Database;

/// <summary>
/// A model contributor that adds rows to every save, in the same transaction as the changes
/// that caused them (e.g. marking derived figures stale), so the two can never disagree.
/// </summary>
public interface ISaveContributor
{
    void BeforeSave(WuyeDb db);
}

/// <summary>A module's entity configuration, applied inside <see cref="WuyeDb.OnModelCreating"/>.</summary>
public interface IModelContributor
{
    void Configure(ModelBuilder mb);
}

public static class Naming
{
    public static string Snake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var ch = name[i];
            if (char.IsUpper(ch))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(ch));
            }
            else
                sb.Append(ch);
        }
        return sb.ToString();
    }
}
