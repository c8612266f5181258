using Mentori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Sessions;

/// <summary>
/// A reminder sent once across instances and restarts: for each session the record that it was sent (keyed by the
/// session) is saved with its emails, so only the instance whose record commits sends them. A record another
/// instance made first, or one of a session deleted meanwhile, is skipped; any other failure is logged, and the
/// other sessions' reminders still go out.
/// </summary>
public static class RecordedOnce
{
    /// <summary>Records and queues the reminder of each session; the number queued.</summary>
    public static async Task<int> SendAsync(MentoriDb db, IEnumerable<Guid> sessionIds, Func<Guid, object> record, Func<Guid, Task> queue,
        ILogger logger, string what, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var sessionId in sessionIds)
        {
            db.Add(record(sessionId));
            try
            {
                await queue(sessionId); // queued with the record of it, in one save
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception) || DatabaseErrors.IsForeignKeyViolation(exception))
            {
                db.ChangeTracker.Clear();
                continue;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                logger.LogError(exception, "Could not queue the {Reminder} of session {SessionId}; trying again at the next pass", what, sessionId);
                continue;
            }

            sent++;
        }

        return sent;
    }
}
