namespace Upcare.Pages.Shared;

/// <summary>Where a long list is up to, for the NHS.UK previous/next links: page (from 1), how many pages, each page's address.</summary>
public sealed record Pagination(int Page, int Pages, Func<int, string> Link)
{
    public static Pagination Of(int page, int total, int pageSize, Func<int, string> link) =>
        new(page, Math.Max(1, (int)Math.Ceiling(total / (double)pageSize)), link);

    /// <summary>A page number from the query string, kept within the list.</summary>
    public static int Clamp(int page, int total, int pageSize) => Math.Clamp(page, 1, Math.Max(1, (int)Math.Ceiling(total / (double)pageSize)));
}
