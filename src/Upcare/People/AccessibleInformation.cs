using Microsoft.EntityFrameworkCore;
using Upcare.Data;

namespace Upcare.People;

/// <summary>
/// The Accessible Information Standard needs other features must honour: which people need information in another
/// format (large print, braille, easy read), so nothing goes to them in standard print.
/// </summary>
public class AccessibleInformation(UpcareDbContext db)
{
    /// <summary>Each of these people who has an information format need, with the needs in their words.</summary>
    public async Task<Dictionary<Guid, string>> FormatNeedsAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct = default)
    {
        if (personIds.Count == 0)
        {
            return [];
        }
        var needs = await db.CommunicationNeeds.AsNoTracking()
            .Where(n => n.Category == CommunicationNeedCategory.InformationFormat && personIds.Contains(n.PersonId))
            .Select(n => new { n.PersonId, n.Description })
            .ToListAsync(ct);
        return needs.GroupBy(n => n.PersonId).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(n => n.Description)));
    }
}
