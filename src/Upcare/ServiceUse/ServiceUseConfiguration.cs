using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Upcare.ServiceUse;

/// <summary>Table mapping for imported GP and hospital activity.</summary>
public sealed class ServiceUseEventConfiguration : IEntityTypeConfiguration<ServiceUseEvent>
{
    public void Configure(EntityTypeBuilder<ServiceUseEvent> b)
    {
        b.ToTable("ServiceUseEvents");
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.Source).HasMaxLength(100);
        b.Property(e => e.RecordId).HasMaxLength(100);
        b.HasIndex(e => new { e.Source, e.RecordId }).IsUnique();
        b.HasIndex(e => new { e.PersonId, e.On });
        b.HasOne<People.Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
