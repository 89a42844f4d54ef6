using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.Organisations;

namespace Upcare.People;

/// <summary>Table mapping for people and the parts of their record.</summary>
public class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("People");
        b.Property(p => p.NhsNumber).HasMaxLength(10).IsFixedLength(false);
        b.HasIndex(p => p.NhsNumber).IsUnique();
        b.Property(p => p.GivenName).HasMaxLength(PersonLimits.Name);
        b.Property(p => p.FamilyName).HasMaxLength(PersonLimits.Name);
        b.Property(p => p.GivenNameKey).HasMaxLength(PersonLimits.Name);
        b.Property(p => p.FamilyNameKey).HasMaxLength(PersonLimits.Name);
        b.HasIndex(p => new { p.FamilyNameKey, p.GivenNameKey });
        b.HasIndex(p => p.DateOfBirth);
        b.Property(p => p.Sex).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.GenderIdentity).HasMaxLength(PersonLimits.Name);
        b.Property(p => p.EthnicCategory).HasConversion<string>().HasMaxLength(40);
        b.Property(p => p.AddressLine1).HasMaxLength(PersonLimits.AddressLine);
        b.Property(p => p.AddressLine2).HasMaxLength(PersonLimits.AddressLine);
        b.Property(p => p.Town).HasMaxLength(PersonLimits.Town);
        b.Property(p => p.Postcode).HasMaxLength(8);
        b.HasIndex(p => p.Postcode);
        b.Property(p => p.PreferredContactMethod).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Phone).HasMaxLength(PersonLimits.Phone);
        b.Property(p => p.Email).HasMaxLength(PersonLimits.Email);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.GpPracticeId).OnDelete(DeleteBehavior.Restrict);
        // By practice, and within it by sex and birthday: the population figures count everyone from this index alone.
        b.HasIndex(p => new { p.GpPracticeId, p.Sex, p.DateOfBirth });

        b.HasMany(p => p.LongTermConditions).WithOne().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.CommunicationNeeds).WithOne().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Contacts).WithOne().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.WhatMatters).WithOne().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.SocialNeeds).WithOne().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Mappings for the smaller parts of a person's record.</summary>
public class PersonPartsConfiguration :
    IEntityTypeConfiguration<LongTermCondition>,
    IEntityTypeConfiguration<CommunicationNeed>,
    IEntityTypeConfiguration<PersonContact>,
    IEntityTypeConfiguration<WhatMattersStatement>,
    IEntityTypeConfiguration<SocialNeed>
{
    public void Configure(EntityTypeBuilder<LongTermCondition> b)
    {
        b.ToTable("LongTermConditions");
        b.Property(c => c.SnomedCode).HasMaxLength(18);
        b.Property(c => c.Term).HasMaxLength(PersonLimits.Term);
        b.HasIndex(c => c.SnomedCode);
        // A condition is on a person's record once (the record page refuses a second): counting rows counts people.
        b.HasIndex(c => new { c.PersonId, c.SnomedCode }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<CommunicationNeed> b)
    {
        b.ToTable("CommunicationNeeds");
        b.Property(c => c.Category).HasConversion<string>().HasMaxLength(40);
        b.Property(c => c.Description).HasMaxLength(PersonLimits.Term);
    }

    public void Configure(EntityTypeBuilder<PersonContact> b)
    {
        b.ToTable("PersonContacts");
        b.Property(c => c.Name).HasMaxLength(PersonLimits.Name * 2);
        b.Property(c => c.Relationship).HasMaxLength(PersonLimits.Relationship);
        b.Property(c => c.Phone).HasMaxLength(PersonLimits.Phone);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.RelatedPersonId).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<WhatMattersStatement> b)
    {
        b.ToTable("WhatMattersStatements");
        b.Property(s => s.Text).HasMaxLength(PersonLimits.Statement);
        b.Property(s => s.Source).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(s => new { s.PersonId, s.RecordedAt });
    }

    public void Configure(EntityTypeBuilder<SocialNeed> b)
    {
        b.ToTable("SocialNeeds");
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(s => s.Kind);
    }
}

/// <summary>Longest text each field takes; the pages and the tables share them.</summary>
public static class PersonLimits
{
    public const int Name = 100;
    public const int AddressLine = 100;
    public const int Town = 60;
    public const int Phone = 20;
    public const int Email = 254;
    public const int Term = 200;
    public const int Relationship = 60;
    public const int Statement = 2000;
}
