namespace Mentori.Data.Entities;

/// <summary>
/// Mentori's own table: one admin action (who, what, whom, when, the values before and after as JSON). Kept when the
/// admin or the target account is deleted (their ids become null), so the log outlives the accounts it names.
/// </summary>
public class AdminAuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? AdminId { get; set; }
    public required string Action { get; set; }
    public Guid? TargetUserId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public DateTime CreatedAt { get; set; }
}
