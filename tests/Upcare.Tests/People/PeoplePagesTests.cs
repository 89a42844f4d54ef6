using System.Net;
using Microsoft.EntityFrameworkCore;
using Upcare.People;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.People;

/// <summary>The people pages against a real database; run once on SQLite and once on PostgreSQL.</summary>
public abstract class PeoplePagesTests(UpcareApp app) : IAsyncLifetime
{
    // A link worker: the people they add join their caseload, so they can see everyone these tests create.
    private PageClient _client = default!;
    private string _linkWorker = "";

    public async ValueTask InitializeAsync()
    {
        _linkWorker = await app.CreateUserAsync(Upcare.Access.UserRole.LinkWorker);
        _client = await PageClient.SignedInAsync(app, _linkWorker);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static Dictionary<string, string> ValidPerson(string nhsNumber, string family = "Testperson") => new()
    {
        ["Input.NhsNumber"] = nhsNumber,
        ["Input.GivenName"] = "Ada",
        ["Input.FamilyName"] = family,
        ["Input.DateOfBirth.Day"] = "14",
        ["Input.DateOfBirth.Month"] = "6",
        ["Input.DateOfBirth.Year"] = "1958",
        ["Input.Sex"] = "Female",
        ["Input.EthnicCategory"] = "WhiteBritish",
        ["Input.AddressLine1"] = "12 Elswick Road",
        ["Input.Town"] = "Newcastle upon Tyne",
        ["Input.Postcode"] = "ne4 6jh",
        ["Input.PreferredContactMethod"] = "Letter",
        // These tests add many people alike; the check for an existing record has its own test.
        ["DifferentPerson"] = "true",
    };

    /// <summary>An unused valid NHS number from outside the 999 range the seeder uses.</summary>
    private static string NewNhsNumber()
    {
        while (true)
        {
            var payload = "4" + Random.Shared.Next(10_000_000, 99_999_999).ToString("00000000");
            if (NhsNumber.CheckDigitFor(payload) is { } check)
            {
                return payload + check;
            }
        }
    }

    private Task<int> CountPeopleAsync() => app.WithDbAsync(db => db.People.CountAsync());

    [Fact]
    public async Task Health_reports_the_database_provider_as_healthy()
    {
        var response = await _client.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"Healthy\"", body);
        Assert.Contains($"\"{app.Provider}\"", body);
    }

    [Fact]
    public async Task Adding_a_person_stores_them_and_opens_their_page()
    {
        var nhs = NewNhsNumber();
        var result = await _client.SubmitAsync("/people/new", ValidPerson(nhs));

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var page = await _client.GetAsync(result.Location!.ToString());
        Assert.Equal("Ada Testperson", page.H1);
        Assert.Contains(NhsNumber.Parse(nhs).Formatted, page.Text);
        Assert.Contains("NE4 6JH", page.Text);
        Assert.Contains("Ada Testperson has been added", page.Text);
        var stored = await app.WithDbAsync(db => db.People.SingleAsync(p => p.NhsNumber == nhs));
        Assert.Equal(new DateOnly(1958, 6, 14), stored.DateOfBirth);
        Assert.Equal("NE4 6JH", stored.Postcode);
    }

    [Fact]
    public async Task An_ethnic_group_left_unchosen_is_stored_as_not_known_not_guessed()
    {
        var nhs = NewNhsNumber();
        var fields = ValidPerson(nhs);
        fields.Remove("Input.EthnicCategory"); // submit the form as shown, with nothing chosen
        Assert.Equal(HttpStatusCode.Redirect, (await _client.SubmitAsync("/people/new", fields)).Status);
        var stored = await app.WithDbAsync(db => db.People.SingleAsync(p => p.NhsNumber == nhs));
        Assert.Equal(EthnicCategory.NotKnown, stored.EthnicCategory);
    }

    [Theory]
    [InlineData("Input.NhsNumber", "9434765918", "Input_NhsNumber", "NHS number is not valid: check each digit")]
    [InlineData("Input.NhsNumber", "94347659", "Input_NhsNumber", "NHS number must be 10 digits")]
    [InlineData("Input.Postcode", "NE4 5CI", "Input_Postcode", "Enter a full UK postcode, like NE4 5AB")]
    [InlineData("Input.DateOfBirth.Year", "2099", "Input_DateOfBirth", "Date of birth must be today or in the past")]
    [InlineData("Input.DateOfBirth.Month", "", "Input_DateOfBirth", "Date of birth must include a month")]
    [InlineData("Input.GivenName", "", "Input_GivenName", "Enter a first name")]
    public async Task Bad_input_is_shown_beside_the_field_and_in_the_summary_and_nothing_is_stored(string field, string value, string id, string message)
    {
        var before = await CountPeopleAsync();
        var fields = ValidPerson(NewNhsNumber());
        fields[field] = value;

        var page = await _client.SubmitAsync("/people/new", fields);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Equal([message], page.ErrorSummary);
        Assert.Equal([$"#{id}"], page.ErrorLinks);
        Assert.NotNull(page.Document.GetElementById(id));
        Assert.Equal(message, page.FieldError(id));
        Assert.Equal(before, await CountPeopleAsync());
    }

    [Fact]
    public async Task Over_long_text_is_refused_with_the_limit()
    {
        var before = await CountPeopleAsync();
        var fields = ValidPerson(NewNhsNumber());
        fields["Input.FamilyName"] = new string('x', PersonLimits.Name + 1);
        var page = await _client.SubmitAsync("/people/new", fields);
        Assert.Equal(["Last name must be 100 characters or fewer"], page.ErrorSummary);
        Assert.Equal(before, await CountPeopleAsync());
    }

    [Fact]
    public async Task Several_errors_are_listed_in_page_order()
    {
        var fields = ValidPerson("123");
        fields["Input.GivenName"] = "";
        fields["Input.Postcode"] = "";
        var page = await _client.SubmitAsync("/people/new", fields);
        Assert.Equal(["NHS number must be 10 digits", "Enter a first name", "Enter a postcode"], page.ErrorSummary);
    }

    [Fact]
    public async Task Someone_who_may_already_be_on_Upcare_is_offered_first_and_added_only_when_confirmed_different()
    {
        var family = $"Similar{Guid.NewGuid():N}"[..16];
        var first = ValidPerson(NewNhsNumber(), family);
        first.Remove("DifferentPerson");
        // A birthday no other test uses, so only this test's people are alike.
        (first["Input.DateOfBirth.Day"], first["Input.DateOfBirth.Month"], first["Input.DateOfBirth.Year"]) = ("3", "2", "1941");
        Assert.Equal(HttpStatusCode.Redirect, (await _client.SubmitAsync("/people/new", first)).Status);
        var existing = await app.WithDbAsync(db => db.People.Where(p => p.FamilyName == family).Select(p => p.Id).SingleAsync());

        var second = ValidPerson(NewNhsNumber(), family);
        second.Remove("DifferentPerson");
        (second["Input.DateOfBirth.Day"], second["Input.DateOfBirth.Month"], second["Input.DateOfBirth.Year"]) = ("3", "2", "1941");
        second["Input.GivenName"] = "Adah";
        var offered = await _client.SubmitAsync("/people/new", second);
        Assert.Equal(HttpStatusCode.OK, offered.Status);
        Assert.Contains("This person may already be on Upcare", offered.Text);
        Assert.Contains($"/people/{existing}", offered.Document.QuerySelectorAll("#similar a").Select(a => a.GetAttribute("href")));
        Assert.Equal(1, await app.WithDbAsync(db => db.People.CountAsync(p => p.FamilyName == family)));

        var confirmed = await _client.SubmitFormAsync(offered, "/people/new", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, confirmed.Status);
        Assert.Equal(2, await app.WithDbAsync(db => db.People.CountAsync(p => p.FamilyName == family)));
    }

    [Fact]
    public async Task A_second_person_with_the_same_NHS_number_is_refused()
    {
        var nhs = NewNhsNumber();
        Assert.Equal(HttpStatusCode.Redirect, (await _client.SubmitAsync("/people/new", ValidPerson(nhs))).Status);

        var page = await _client.SubmitAsync("/people/new", ValidPerson(NhsNumber.Parse(nhs).Formatted, "Duplicate"));

        Assert.Equal([$"Another person already has NHS number {NhsNumber.Parse(nhs).Formatted}"], page.ErrorSummary);
        Assert.Equal(1, await app.WithDbAsync(db => db.People.CountAsync(p => p.NhsNumber == nhs)));
    }

    [Fact]
    public async Task People_are_found_by_NHS_number_name_and_date_of_birth()
    {
        var nhs = NewNhsNumber();
        var family = "Zyxwood" + Random.Shared.Next(1000, 9999);
        await _client.SubmitAsync("/people/new", ValidPerson(nhs, family));

        var byNumber = await _client.GetAsync($"/people?search=1&NhsNumber={Uri.EscapeDataString(NhsNumber.Parse(nhs).Formatted)}");
        Assert.Equal("1 person found", byNumber.Document.GetElementById("results")!.TextContent);
        Assert.Contains($"{family.ToUpperInvariant()}, Ada", byNumber.Text);

        var byName = await _client.GetAsync($"/people?search=1&Name=ada+{family[..5].ToLowerInvariant()}");
        Assert.Contains($"{family.ToUpperInvariant()}, Ada", byName.Text);

        var byNameAndDob = await _client.GetAsync($"/people?search=1&Name={family}&DateOfBirth.Day=14&DateOfBirth.Month=6&DateOfBirth.Year=1958");
        Assert.Contains($"{family.ToUpperInvariant()}, Ada", byNameAndDob.Text);

        var wrongDob = await _client.GetAsync($"/people?search=1&Name={family}&DateOfBirth.Day=15&DateOfBirth.Month=6&DateOfBirth.Year=1958");
        Assert.Equal("No people found", wrongDob.Document.GetElementById("results")!.TextContent);
    }

    [Fact]
    public async Task An_empty_search_asks_for_something_to_search_by()
    {
        var page = await _client.GetAsync("/people?search=1");
        Assert.Equal(["Enter an NHS number, a name or a date of birth"], page.ErrorSummary);
        Assert.StartsWith("Error: ", page.Title);
    }

    [Fact]
    public async Task What_matters_is_kept_in_the_persons_own_words()
    {
        var nhs = NewNhsNumber();
        var created = await _client.SubmitAsync("/people/new", ValidPerson(nhs));
        var personUrl = created.Location!.ToString();

        var empty = await _client.SubmitAsync($"{personUrl}/what-matters/add", new Dictionary<string, string> { ["Text"] = "  " });
        Assert.Equal(["Enter what matters to the person, in their own words"], empty.ErrorSummary);

        var words = "Getting back to the allotment with my grandson.";
        var saved = await _client.SubmitAsync($"{personUrl}/what-matters/add", new Dictionary<string, string> { ["Text"] = words, ["Source"] = "Person" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var page = await _client.GetAsync(personUrl);
        Assert.Contains($"“{words}”", page.Text);
        Assert.Contains("In their own words", page.Text);
        Assert.Equal(1, await app.WithDbAsync(db => db.WhatMattersStatements.CountAsync(s => s.Text == words)));
    }

    [Fact]
    public async Task A_condition_needs_a_valid_SNOMED_CT_concept_id()
    {
        var created = await _client.SubmitAsync("/people/new", ValidPerson(NewNhsNumber()));
        var personUrl = created.Location!.ToString();

        var bad = await _client.SubmitAsync($"{personUrl}/conditions/add", new Dictionary<string, string> { ["OtherCode"] = "871731000000105", ["Term"] = "Something" });
        Assert.Equal(["SNOMED CT concept ID is not valid: check the digits"], bad.ErrorSummary);
        Assert.Equal(["#OtherCode"], bad.ErrorLinks);

        var good = await _client.SubmitAsync($"{personUrl}/conditions/add", new Dictionary<string, string> { ["SnomedCode"] = ConditionCatalogue.Copd.SnomedCode });
        Assert.Equal(HttpStatusCode.Redirect, good.Status);
        var page = await _client.GetAsync(personUrl);
        Assert.Contains("Chronic obstructive pulmonary disease", page.Text);
        Assert.Contains("13645005", page.Text);
    }

    [Fact]
    public async Task Carers_and_communication_needs_are_recorded()
    {
        var created = await _client.SubmitAsync("/people/new", ValidPerson(NewNhsNumber()));
        var personUrl = created.Location!.ToString();

        var noRole = await _client.SubmitAsync($"{personUrl}/carers/add", new Dictionary<string, string> { ["Name"] = "Joan Testperson", ["Relationship"] = "Sister" });
        Assert.Equal(["Select whether they are a carer, next of kin, or both"], noRole.ErrorSummary);

        await _client.SubmitAsync($"{personUrl}/carers/add", new Dictionary<string, string> { ["Name"] = "Joan Testperson", ["Relationship"] = "Sister", ["IsCarer"] = "true" });
        await _client.SubmitAsync($"{personUrl}/communication-needs/add", new Dictionary<string, string> { ["Category"] = "CommunicationProfessional", ["Description"] = "British Sign Language interpreter" });

        var page = await _client.GetAsync(personUrl);
        Assert.Contains("Sister: carer", page.Text);
        Assert.Contains("British Sign Language interpreter", page.Text);
    }

    [Fact]
    public async Task Two_people_editing_at_once_do_not_overwrite_each_other()
    {
        var created = await _client.SubmitAsync("/people/new", ValidPerson(NewNhsNumber()));
        var editUrl = created.Location + "/edit";
        var first = await _client.GetAsync(editUrl);
        var second = await _client.GetAsync(editUrl);

        var saved = await _client.SubmitFormAsync(first, editUrl, new Dictionary<string, string> { ["Input.Phone"] = "0191 498 0123" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);

        var conflict = await _client.SubmitFormAsync(second, editUrl, new Dictionary<string, string> { ["Input.AddressLine1"] = "99 Westgate Road" });
        Assert.Equal(HttpStatusCode.OK, conflict.Status);
        Assert.Contains("Someone else changed these details", conflict.Text);
        Assert.Contains("0191 498 0123", conflict.Text); // what the other editor saved is shown
        Assert.Equal("99 Westgate Road", ((AngleSharp.Html.Dom.IHtmlInputElement)conflict.Document.GetElementById("Input_AddressLine1")!).Value); // own work kept
        var id = Guid.Parse(created.Location!.ToString().Split('/').Last());
        var stored = await app.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal("0191 498 0123", stored.Phone);
        Assert.Equal("12 Elswick Road", stored.AddressLine1);

        // Saving again, with both versions in view, is a deliberate choice and succeeds.
        var again = await _client.SubmitFormAsync(conflict, editUrl, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        stored = await app.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal("99 Westgate Road", stored.AddressLine1);
    }

    [Fact]
    public async Task An_unknown_person_is_not_found()
    {
        var page = await _client.GetAsync($"/people/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Page not found", page.H1);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        var before = await CountPeopleAsync();
        var response = await _client.Http.PostAsync("/people/new", new FormUrlEncodedContent(ValidPerson(NewNhsNumber())));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountPeopleAsync());
    }
}

public sealed class PeoplePagesOnSqliteTests(SqliteAppFixture fixture) : PeoplePagesTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PeoplePagesOnPostgresTests(PostgresAppFixture fixture) : PeoplePagesTests(fixture.App), IClassFixture<PostgresAppFixture>;
