namespace Upcare.Hosting;

/// <summary>The <c>Upcare</c> configuration section.</summary>
public sealed class UpcareOptions
{
    /// <summary>Seed an empty database with the synthetic population on start (always on in Development).</summary>
    public bool Demo { get; set; }

    /// <summary>How many synthetic people demo mode makes.</summary>
    public int DemoPeople { get; set; } = 2000;

    /// <summary>How many community services demo mode puts in the directory.</summary>
    public int DemoServices { get; set; } = 300;

    /// <summary>The seed for demo mode's population, so every newcomer sees the same people.</summary>
    public int DemoSeed { get; set; } = 42;

    /// <summary>The password of every demo account. Development has a documented default; anywhere else demo mode needs it set.</summary>
    public string? DemoPassword { get; set; }

    /// <summary>Apply migrations when the app starts (the embedded default). Operators of PostgreSQL may turn this off and run the migrate command.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// How long a background job's lease lasts unless its holder renews it (a third of this, all the time it lives): how
    /// soon another instance takes over the jobs of one that died.
    /// </summary>
    public int JobLeaseSeconds { get; set; } = 30;

    /// <summary>The address people and systems reach Upcare at, like https://upcare.example.nhs.uk (see <see cref="PublicAddress"/>).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Bank holidays, which are not working days when counting deadlines (England and Wales in appsettings.json).</summary>
    public List<DateOnly> BankHolidays { get; set; } = [];
}
