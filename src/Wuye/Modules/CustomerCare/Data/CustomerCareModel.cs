using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.CustomerCare.Data;

/// <summary>Tables of the customer_care schema.</summary>
internal sealed class CustomerCareModel : IModelContributor
{
    public const string Schema = "customer_care";

    public void Configure(ModelBuilder mb)
    {
        mb.Entity<Notice>(b =>
        {
            b.ToTable("notice", Schema);
            b.Property(x => x.Title).HasMaxLength(100);
            b.Property(x => x.Body).HasMaxLength(4000);
            b.Property(x => x.AuthorName).HasMaxLength(100);
            b.Property(x => x.Source).HasMaxLength(50);
            b.Ignore(x => x.MustPush);
            b.Ignore(x => x.ForOwners);
            b.Ignore(x => x.ForStaff);
            b.HasIndex(x => new
            {
                x.ProjectId,
                x.Status,
                x.PublishedAt,
            });
            b.HasIndex(x => new { x.Status, x.PushedAt });
        });
        mb.Entity<NoticeRead>(b =>
        {
            b.ToTable("notice_read", Schema);
            b.HasIndex(x => new { x.NoticeId, x.UserId }).IsUnique();
            b.HasIndex(x => x.UserId);
            b.HasOne<Notice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
