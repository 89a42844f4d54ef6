using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.People;

/// <summary>What a search for people asks: any of NHS number, name and date of birth.</summary>
public sealed record PersonSearch(string? NhsNumber, string? Name, DateOnly? DateOfBirth);

/// <summary>One row of a people search.</summary>
public sealed record PersonSummary(Guid Id, string NhsNumber, string GivenName, string FamilyName, DateOnly DateOfBirth, string Postcode, Guid? GpPracticeId);

/// <summary>Search results, with whether there were more than were returned.</summary>
public sealed record PersonSearchResult(IReadOnlyList<PersonSummary> People, bool MoreThanShown);

/// <summary>The rules and changes for people's records. Pages and APIs call this; nothing else writes people.</summary>
public class PersonService(UpcareDbContext db, PersonAccess access, TimeProvider clock)
{
    public const int SearchLimit = 50;

    private DateOnly Today => UkTime.Today(clock);

    /// <summary>Searches only the people the signed-in user may see, and writes the search to the audit trail.</summary>
    public async Task<PersonSearchResult> SearchAsync(PersonSearch search, CancellationToken ct = default)
    {
        var query = access.Visible(db.People.AsNoTracking());
        if (NhsNumber.Normalise(search.NhsNumber) is { } digits)
        {
            query = query.Where(p => p.NhsNumber == digits);
        }
        if (search.DateOfBirth is { } dob)
        {
            query = query.Where(p => p.DateOfBirth == dob);
        }
        var terms = (search.Name ?? "").ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (terms.Length == 1)
        {
            var term = terms[0];
            query = query.Where(p => p.FamilyNameKey.StartsWith(term) || p.GivenNameKey.StartsWith(term));
        }
        else if (terms.Length > 1)
        {
            var first = terms[0];
            var last = terms[^1];
            query = query.Where(p => p.GivenNameKey.StartsWith(first) && p.FamilyNameKey.StartsWith(last));
        }
        var rows = await query
            .OrderBy(p => p.FamilyNameKey).ThenBy(p => p.GivenNameKey).ThenBy(p => p.DateOfBirth)
            .Select(p => new PersonSummary(p.Id, p.NhsNumber, p.GivenName, p.FamilyName, p.DateOfBirth, p.Postcode, p.GpPracticeId))
            .Take(SearchLimit + 1)
            .ToListAsync(ct);
        var shown = rows.Take(SearchLimit).ToList();
        await access.RecordAsync(null, "search", "GET /people", AuditOutcome.Allowed, $"{shown.Count}{(rows.Count > SearchLimit ? "+" : "")} found");
        await access.RecordShownAsync(shown.Select(p => p.Id), "search-result", "GET /people", "Name, NHS number and date of birth in search results");
        return new PersonSearchResult(shown, rows.Count > SearchLimit);
    }

    /// <summary>The whole record, with its conditions, needs, contacts and statements, in one round trip.</summary>
    public Task<Person?> GetAsync(Guid id, CancellationToken ct = default) =>
        // One query rather than six: a record's lists are short, so the joined rows stay few, and a person's page is
        // the hottest path in the service.
        db.People.AsNoTracking().AsSingleQuery()
            .Include(p => p.LongTermConditions)
            .Include(p => p.CommunicationNeeds)
            .Include(p => p.Contacts)
            .Include(p => p.WhatMatters)
            .Include(p => p.SocialNeeds)
            .FirstOrDefaultAsync(p => p.Id == id, ct);

    public Task<Person?> FindByNhsNumberAsync(string nhsNumber, CancellationToken ct = default) =>
        NhsNumber.Normalise(nhsNumber) is { } digits
            ? db.People.AsNoTracking().FirstOrDefaultAsync(p => p.NhsNumber == digits, ct)
            : Task.FromResult<Person?>(null);

    public Task<int> CountAsync(CancellationToken ct = default) => db.People.CountAsync(ct);

    /// <summary>
    /// People already on Upcare who may be the person about to be added: the same date of birth, and the same family
    /// name or postcode, and a given name starting with the same letter. Split into those this user may open and a
    /// count of the rest (whose names are not shown). Empty when the details are not valid yet.
    /// </summary>
    public async Task<(IReadOnlyList<PersonSummary> Visible, int Others)> SimilarAsync(PersonDetails details, CancellationToken ct = default)
    {
        var candidate = new Person { NhsNumber = "", GivenName = "", FamilyName = "", Postcode = "" };
        // Invalid details, or an NHS number already in use, get their own clear error from CreateAsync instead.
        if (!details.ValidateInto(candidate, Today).IsValid || candidate.GivenNameKey.Length == 0
            || await db.People.AnyAsync(p => p.NhsNumber == candidate.NhsNumber, ct))
        {
            return ([], 0);
        }
        var initial = candidate.GivenNameKey[..1];
        var similar = db.People.AsNoTracking().Where(p => p.DateOfBirth == candidate.DateOfBirth
            && (p.FamilyNameKey == candidate.FamilyNameKey || p.Postcode == candidate.Postcode)
            && p.GivenNameKey.StartsWith(initial));
        var visible = await access.Visible(similar).OrderBy(p => p.FamilyName).Take(10)
            .Select(p => new PersonSummary(p.Id, p.NhsNumber, p.GivenName, p.FamilyName, p.DateOfBirth, p.Postcode, p.GpPracticeId)).ToListAsync(ct);
        return (visible, await similar.CountAsync(ct) - visible.Count);
    }

    public async Task<Person> CreateAsync(PersonDetails details, CancellationToken ct = default)
    {
        var person = new Person { NhsNumber = "", GivenName = "", FamilyName = "", Postcode = "" };
        var validation = details.ValidateInto(person, Today);
        validation.ThrowIfInvalid();
        await EnsureNhsNumberIsFreeAsync(person.NhsNumber, null, ct);
        person.Id = Guid.NewGuid();
        person.CreatedAt = person.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        person.Version = 1;
        db.People.Add(person);
        access.AddCreatorsRelationship(person.Id);
        access.Stage(person.Id, "create", "POST /people/new", "Added to Upcare");
        await SaveAsync(person.NhsNumber, ct);
        return person;
    }

    /// <summary>Changes a person's details, refusing when someone else saved since <paramref name="expectedVersion"/> was read.</summary>
    public async Task<Person> UpdateAsync(Guid id, int expectedVersion, PersonDetails details, CancellationToken ct = default)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new KeyNotFoundException();
        if (person.Version != expectedVersion)
        {
            throw new EditConflictException();
        }
        var validation = details.ValidateInto(person, Today);
        validation.ThrowIfInvalid();
        await EnsureNhsNumberIsFreeAsync(person.NhsNumber, id, ct);
        person.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        person.Version = expectedVersion + 1;
        access.Stage(person.Id, "update", "POST /people/{id:guid}/edit", $"Details changed (version {person.Version})");
        try
        {
            await SaveAsync(person.NhsNumber, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new EditConflictException();
        }
        return person;
    }

    public async Task<WhatMattersStatement> AddWhatMattersAsync(Guid personId, string? text, StatementSource source, CancellationToken ct = default)
    {
        var v = new Validation();
        var words = v.Required("Text", text, "Enter what matters to the person, in their own words", PersonLimits.Statement, "What matters to me");
        v.ThrowIfInvalid();
        await EnsurePersonExistsAsync(personId, ct);
        var statement = new WhatMattersStatement
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            Text = words!,
            Source = source,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.WhatMattersStatements.Add(statement);
        await db.SaveChangesAsync(ct);
        return statement;
    }

    public async Task<LongTermCondition> AddConditionAsync(Guid personId, string? snomedCode, string? term, DateParts? diagnosedOn, CancellationToken ct = default)
    {
        var v = new Validation();
        var code = snomedCode?.Trim();
        if (SnomedCtId.ProblemWithConceptId(code) is { } problem)
        {
            v.Add("SnomedCode", problem);
        }
        var known = code is null ? null : ConditionCatalogue.Find(code);
        var name = known?.Term ?? v.Required("Term", term, "Enter the name of the condition", PersonLimits.Term, "Condition name");
        DateOnly? diagnosed = null;
        if (diagnosedOn is { IsEmpty: false })
        {
            if (!diagnosedOn.TryParse("Date diagnosed", out var d, out var error))
            {
                v.Add("DiagnosedOn", error!);
            }
            else if (d > Today)
            {
                v.Add("DiagnosedOn", "Date diagnosed must be today or in the past");
            }
            else
            {
                diagnosed = d;
            }
        }
        v.ThrowIfInvalid();
        await EnsurePersonExistsAsync(personId, ct);
        var already = new ValidationFailedException([new FieldError("SnomedCode", $"{name} is already on this person's record")]);
        if (await db.LongTermConditions.AnyAsync(c => c.PersonId == personId && c.SnomedCode == code, ct))
        {
            throw already;
        }
        var condition = new LongTermCondition { Id = Guid.NewGuid(), PersonId = personId, SnomedCode = code!, Term = name!, DiagnosedOn = diagnosed };
        db.LongTermConditions.Add(condition);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone added the same condition a moment ago: the unique index kept it to one.
            db.Entry(condition).State = EntityState.Detached;
            if (await db.LongTermConditions.AsNoTracking().AnyAsync(c => c.PersonId == personId && c.SnomedCode == code, ct))
            {
                throw already;
            }
            throw;
        }
        return condition;
    }

    public async Task<CommunicationNeed> AddCommunicationNeedAsync(Guid personId, CommunicationNeedCategory? category, string? description, CancellationToken ct = default)
    {
        var v = new Validation();
        if (category is null)
        {
            v.Add("Category", "Select the kind of communication need");
        }
        var text = v.Required("Description", description, "Describe the need, for example 'British Sign Language interpreter'", PersonLimits.Term, "Description");
        v.ThrowIfInvalid();
        await EnsurePersonExistsAsync(personId, ct);
        var need = new CommunicationNeed
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            Category = category!.Value,
            Description = text!,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CommunicationNeeds.Add(need);
        await db.SaveChangesAsync(ct);
        return need;
    }

    public async Task<PersonContact> AddContactAsync(Guid personId, string? name, string? relationship, string? phone, bool isCarer, bool isNextOfKin, CancellationToken ct = default)
    {
        var v = new Validation();
        var fullName = v.Required("Name", name, "Enter the carer's or next of kin's full name", PersonLimits.Name * 2, "Full name");
        var rel = v.Required("Relationship", relationship, "Enter their relationship to the person, for example 'daughter'", PersonLimits.Relationship, "Relationship");
        var number = v.Optional("Phone", phone, PersonLimits.Phone, "Phone number");
        if (!isCarer && !isNextOfKin)
        {
            v.Add("IsCarer", "Select whether they are a carer, next of kin, or both");
        }
        v.ThrowIfInvalid();
        await EnsurePersonExistsAsync(personId, ct);
        var contact = new PersonContact
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            Name = fullName!,
            Relationship = rel!,
            Phone = number,
            IsCarer = isCarer,
            IsNextOfKin = isNextOfKin,
        };
        db.PersonContacts.Add(contact);
        await db.SaveChangesAsync(ct);
        return contact;
    }

    private async Task EnsurePersonExistsAsync(Guid personId, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            throw new KeyNotFoundException();
        }
    }

    private async Task EnsureNhsNumberIsFreeAsync(string nhsNumber, Guid? exceptId, CancellationToken ct)
    {
        if (await db.People.AnyAsync(p => p.NhsNumber == nhsNumber && p.Id != exceptId, ct))
        {
            throw DuplicateNhsNumber(nhsNumber);
        }
    }

    private async Task SaveAsync(string nhsNumber, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Two people saved at once with the same NHS number: the unique index refuses the second.
            db.ChangeTracker.Clear();
            if (await db.People.AnyAsync(p => p.NhsNumber == nhsNumber, ct))
            {
                throw DuplicateNhsNumber(nhsNumber);
            }
            throw;
        }
    }

    private static ValidationFailedException DuplicateNhsNumber(string nhsNumber) =>
        new([new FieldError(nameof(PersonDetails.NhsNumber), $"Another person already has NHS number {NhsNumber.Parse(nhsNumber).Formatted}")]);
}
