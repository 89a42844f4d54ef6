namespace Upcare.PersonalBudgets;

/// <summary>Reads an uploaded receipt, no bigger than the limit (a larger one is read only far enough to be refused).</summary>
public static class ReceiptUploads
{
    public static async Task<ReceiptUpload?> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return null;
        }
        if (file.Length > PersonalBudgetService.MaxReceiptBytes)
        {
            return new ReceiptUpload(Path.GetFileName(file.FileName), file.ContentType, [], file.Length);
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return new ReceiptUpload(Path.GetFileName(file.FileName), file.ContentType, buffer.ToArray(), file.Length);
    }
}
