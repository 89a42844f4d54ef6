using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.Organisations;

namespace Upcare.ServiceDirectory;

/// <summary>Table mapping for services.</summary>
public class CommunityServiceConfiguration : IEntityTypeConfiguration<CommunityService>
{
    public void Configure(EntityTypeBuilder<CommunityService> b)
    {
        b.ToTable("Services");
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Description).HasMaxLength(4000);
        b.Property(s => s.Url).HasMaxLength(400);
        b.Property(s => s.Email).HasMaxLength(254);
        b.Property(s => s.Phone).HasMaxLength(40);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(s => s.Availability).HasConversion<string>().HasMaxLength(30);
        b.Property(s => s.EligibilityDescription).HasMaxLength(1000);
        b.Property(s => s.FeesDescription).HasMaxLength(1000);
        b.Property(s => s.SearchText).HasMaxLength(5000);
        b.Property(s => s.ImportHash).HasMaxLength(64);
        b.Property(s => s.ImportSource).HasMaxLength(500);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.Status, s.OrganisationId });
        b.HasMany(s => s.Locations).WithOne().HasForeignKey(l => l.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.OpeningTimes).WithOne().HasForeignKey(o => o.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.CostOptions).WithOne().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Taxonomy).WithOne().HasForeignKey(t => t.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for locations; latitude and longitude are indexed for the bounding-box step of distance search.</summary>
public class DirectoryLocationConfiguration : IEntityTypeConfiguration<DirectoryLocation>
{
    public void Configure(EntityTypeBuilder<DirectoryLocation> b)
    {
        b.ToTable("Locations");
        b.Property(l => l.Name).HasMaxLength(200);
        b.Property(l => l.AddressLine1).HasMaxLength(200);
        b.Property(l => l.Town).HasMaxLength(100);
        b.Property(l => l.Postcode).HasMaxLength(8);
        b.Property(l => l.ImportSource).HasMaxLength(500);
        b.HasIndex(l => new { l.Latitude, l.Longitude });
        b.HasOne<Organisation>().WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Table mapping for services at locations.</summary>
public class ServiceAtLocationConfiguration : IEntityTypeConfiguration<ServiceAtLocation>
{
    public void Configure(EntityTypeBuilder<ServiceAtLocation> b)
    {
        b.ToTable("ServiceAtLocations");
        b.HasOne(s => s.Location).WithMany().HasForeignKey(s => s.LocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.LocationId, s.ServiceId }).IsUnique();
        // From a service to its places with no visit to the table (it also serves the foreign key).
        b.HasIndex(s => new { s.ServiceId, s.LocationId });
    }
}

/// <summary>Table mapping for opening times.</summary>
public class OpeningTimeConfiguration : IEntityTypeConfiguration<OpeningTime>
{
    public void Configure(EntityTypeBuilder<OpeningTime> b)
    {
        b.ToTable("OpeningTimes");
        b.Property(o => o.Day).HasConversion<int>();
        // "Open on a day at a time" read from the index alone: the services open then, as one set.
        b.HasIndex(o => new { o.Day, o.Opens, o.Closes, o.ServiceId });
    }
}

/// <summary>Table mapping for cost options.</summary>
public class CostOptionConfiguration : IEntityTypeConfiguration<CostOption>
{
    public void Configure(EntityTypeBuilder<CostOption> b)
    {
        b.ToTable("CostOptions");
        b.Property(c => c.Option).HasMaxLength(200);
        b.Property(c => c.Description).HasMaxLength(500);
    }
}

/// <summary>Table mapping for taxonomy terms.</summary>
public class TaxonomyTermConfiguration : IEntityTypeConfiguration<TaxonomyTerm>
{
    public void Configure(EntityTypeBuilder<TaxonomyTerm> b)
    {
        b.ToTable("TaxonomyTerms");
        b.Property(t => t.Code).HasMaxLength(100);
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Description).HasMaxLength(1000);
        b.Property(t => t.Taxonomy).HasMaxLength(100);
        b.Property(t => t.ImportSource).HasMaxLength(500);
        b.HasIndex(t => new { t.Taxonomy, t.Code }).IsUnique();
        // The eligibility terms are reference data every directory has, so they come with the schema.
        b.HasData(Eligibility.Terms.Select(t => new TaxonomyTerm { Id = t.Id, Code = t.Code, Name = t.Name, Taxonomy = t.Taxonomy }));
    }
}

/// <summary>Table mapping for service taxonomy links.</summary>
public class ServiceTaxonomyConfiguration : IEntityTypeConfiguration<ServiceTaxonomy>
{
    public void Configure(EntityTypeBuilder<ServiceTaxonomy> b)
    {
        b.ToTable("ServiceTaxonomies");
        b.HasKey(t => new { t.ServiceId, t.TermId });
        b.HasIndex(t => new { t.TermId, t.ServiceId });
        b.HasOne<TaxonomyTerm>().WithMany().HasForeignKey(t => t.TermId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Table mapping for the postcode lookup.</summary>
public class PostcodeLocationConfiguration : IEntityTypeConfiguration<PostcodeLocation>
{
    public void Configure(EntityTypeBuilder<PostcodeLocation> b)
    {
        b.ToTable("PostcodeLocations");
        b.HasKey(p => p.Postcode);
        b.Property(p => p.Postcode).HasMaxLength(8);
    }
}
