using System.Security.Claims;
using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Features.Sessions;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Pagination;
using Mentori.Server.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mentori.Server.Features.Mentors;

/// <summary>
/// Finding mentors: the directory with its filters and sorts, one mentor's page, and recommendations for a
/// mentee. Listed are active users with role mentor and a profile.
/// </summary>
public sealed class MentorDirectory(MentoriDb db)
{
    public async Task<Page<MentorSummary>> SearchAsync(MentorSearch search, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(MentorDirectorySql.Search(db.Provider, search), cancellationToken);
        return search.Page.ToPage(rows, row => row.Mentor, row => KeyOf(search.Sort, row).ToParts(search.Sort.ToString()));
    }

    /// <summary>How many mentors a search finds, up to <paramref name="cap"/> (the web UI shows "1 000+" beyond).</summary>
    public async Task<int> CountAsync(MentorSearch search, int cap, CancellationToken cancellationToken)
    {
        var (command, parameters) = Command(MentorDirectorySql.Count(db.Provider, search, cap));
        return Convert.ToInt32(await command.ExecuteScalarAsync(parameters, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Mentors whose expertise covers the caller's interests, most topics in common first, then by rating. A mentee
    /// without interests gets an empty list (the UI asks for interests).
    /// </summary>
    public async Task<Page<RecommendedMentor>> RecommendedAsync(ClaimsPrincipal caller, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (caller.GetRole() != UserRole.Mentee)
        {
            throw ProblemException.Forbidden(ProblemTypes.WrongRole, "Only mentees get recommendations",
                "Recommendations match a mentee's interests with mentors' expertise.");
        }

        var errors = new ValidationErrors();
        var page = PageRequest.From(errors, limit, cursor, parts => MentorSortKey.Parse(RecommendedKey, RecommendedKeyTypes, parts));
        errors.ThrowIfAny();

        var callerId = caller.GetUserId();
        var interests = await db.Profiles.AsNoTracking().Where(p => p.UserId == callerId).Select(p => p.Interests).SingleOrDefaultAsync(cancellationToken);
        if (interests is not { Count: > 0 })
        {
            return new Page<RecommendedMentor>([], null);
        }

        var rows = await QueryAsync(MentorDirectorySql.Recommended(db.Provider, interests, page.FetchCount, page.After), cancellationToken);
        return page.ToPage(rows, Recommendation, row => new MentorSortKey([row.Score, row.RatingAverage, row.Mentor.RatingCount, row.Mentor.Id]).ToParts(RecommendedKey));
    }

    /// <summary>
    /// Up to <paramref name="count"/> other listed mentors who share a topic with <paramref name="mentorId"/> and are
    /// free for all of <c>[start, end)</c> (their week covers it, no accepted session overlaps it): most topics in
    /// common first, then by rating. What a mentee whose request lapsed is offered instead.
    /// </summary>
    public async Task<IReadOnlyList<MentorSummary>> FreeAlikeAsync(Guid mentorId, DateTime start, DateTime end, int count, CancellationToken cancellationToken)
    {
        var topics = await db.Profiles.AsNoTracking().Where(p => p.UserId == mentorId).Select(p => p.Expertise).SingleOrDefaultAsync(cancellationToken);
        if (topics is not { Count: > 0 })
        {
            return [];
        }

        var candidates = (await QueryAsync(MentorDirectorySql.Recommended(db.Provider, topics, AlikeCandidates, null), cancellationToken))
            .Select(row => row.Mentor).Where(mentor => mentor.Id != mentorId).ToList();
        var ids = candidates.Select(mentor => mentor.Id).ToList();
        var weeks = await db.Profiles.AsNoTracking().Where(p => ids.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, p => new WeeklyAvailability(p.Availability ?? [], WeeklyAvailability.ZoneOf(p.Timezone)), cancellationToken);
        var busy = (await db.Sessions.AsNoTracking()
                .Where(s => ids.Contains(s.MentorId)).AcceptedNear(start, end)
                .Select(s => new { s.MentorId, s.ScheduledAt, s.Duration })
                .ToListAsync(cancellationToken))
            .Where(s => SessionRules.Overlaps(start, end, s.ScheduledAt, SessionRules.EndOf(s.ScheduledAt, s.Duration)))
            .Select(s => s.MentorId)
            .ToHashSet();
        return candidates.Where(mentor => weeks.TryGetValue(mentor.Id, out var week) && week.Covers(start, end) && !busy.Contains(mentor.Id))
            .Take(count).ToList();
    }

    /// <summary>How many mentors with the topics <see cref="FreeAlikeAsync"/> looks through for free ones.</summary>
    private const int AlikeCandidates = 50;

    /// <summary>One listed mentor with availability; 404 for any id that is not one (a mentee, deactivated, unknown).</summary>
    public async Task<MentorDetail> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var mentor = await (
            from p in ListedMentorProfiles(db)
            join r in db.RatingSummaries on p.UserId equals r.UserId
            join a in db.ResponseSummaries on p.UserId equals a.UserId
            where p.UserId == id
            select new { Profile = p, r.RatingAverage, r.RatingCount, a.ResponseRate, a.MedianResponseMinutes }).SingleOrDefaultAsync(cancellationToken)
            ?? throw NotAMentor();
        var profile = mentor.Profile;
        var summary = new MentorSummary(profile.UserId, profile.FirstName, profile.LastName, profile.Bio, profile.ProfileImage,
            profile.Location, profile.Timezone, profile.Expertise ?? [], profile.HourlyRate, profile.YearsExperience,
            MentorSummary.ShownAverage(mentor.RatingAverage, mentor.RatingCount), mentor.RatingCount,
            MentorSummary.ShownRate(mentor.ResponseRate), mentor.MedianResponseMinutes);
        return new MentorDetail(summary, profile.Availability ?? []);
    }

    /// <summary>
    /// The profiles of listed mentors: <see cref="MentorDirectorySql"/>'s definition of "listed", in LINQ. Not
    /// through <c>FromSqlRaw</c>: EF Core cannot cache the SQL of a query built on raw SQL, so each run would generate
    /// it again under a lock that every concurrent request queued on (a quarter of a session request in a trace).
    /// </summary>
    public static IQueryable<Profile> ListedMentorProfiles(MentoriDb db) =>
        db.Profiles.AsNoTracking().Where(p => p.User.Role == UserRole.Mentor && p.User.IsActive);

    public static ProblemException NotAMentor() =>
        ProblemException.NotFound("There is no active mentor with this id.");

    private const string RecommendedKey = "recommended";
    private static readonly Type[] RecommendedKeyTypes = [typeof(int), typeof(double), typeof(int), typeof(Guid)];

    private static MentorSortKey KeyOf(MentorSort sort, MentorRow row) => sort switch
    {
        MentorSort.Relevance => new([(float)row.Relevance, row.Mentor.Id]),
        MentorSort.Rating => new([row.RatingAverage, row.Mentor.RatingCount, row.Mentor.Id]),
        MentorSort.Responsive => new([row.ResponseRate ?? -1, -(row.Mentor.MedianResponseMinutes ?? 0), row.Mentor.Id]),
        MentorSort.Experience => new([row.Mentor.YearsExperience ?? -1, row.Mentor.Id]),
        MentorSort.Rate => new([row.Mentor.HourlyRate ?? MentorDirectorySql.NoRate, row.Mentor.Id]),
        _ => new([row.CreatedAt, row.Mentor.Id]),
    };

    private static RecommendedMentor Recommendation(MentorRow row) => new(row.Mentor, row.Score, row.MatchedTopics ?? []);

    private async Task<List<MentorRow>> QueryAsync(DirectoryStatement statement, CancellationToken cancellationToken)
    {
        var (command, parameters) = Command(statement);
        await using var reader = await command.ExecuteReaderAsync(parameters, cancellationToken);
        var rows = new List<MentorRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(MentorRow.Read(reader.DbDataReader));
        }

        return rows;
    }

    /// <summary>
    /// The statement as EF Core runs its own raw SQL (<c>FromSqlRaw</c>): on the context's connection, opened and
    /// closed by EF, and seen by the context's interceptors and command log like any of its queries.
    /// </summary>
    private (IRelationalCommand Command, RelationalCommandParameterObject Parameters) Command(DirectoryStatement statement)
    {
        using var prototype = db.Database.GetDbConnection().CreateCommand(); // only to make the provider's parameters
        var arguments = statement.Parameters.Select(entry =>
        {
            var parameter = prototype.CreateParameter();
            parameter.ParameterName = entry.Key;
            parameter.Value = entry.Value;
            return (object)parameter;
        }).ToList();
        var raw = db.GetService<IRawSqlCommandBuilder>().Build(statement.Sql, arguments);
        return (raw.RelationalCommand, new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), raw.ParameterValues,
            null, db, db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.FromSqlQuery));
    }
}
