using Mentori.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Mentori.Server.Features.Mentors;

/// <summary>
/// The topics listed mentors name most, for suggestions while a member types their own expertise or interests.
/// Counted at most every ten minutes over the newest <see cref="SampleSize"/> listed mentors, so the cost stays
/// bounded however many there are; a suggestion that is a little old, or from a sample, is still a good one.
/// </summary>
public sealed class MentorTopics(MentoriDb db, IMemoryCache cache)
{
    public const int SuggestionCount = 200;
    public const int SampleSize = 5000;
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private const string CacheKey = "mentor-topics";

    public async Task<IReadOnlyList<string>> PopularAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey, out IReadOnlyList<string>? topics) && topics is not null)
        {
            return topics;
        }

        var lists = await MentorDirectory.ListedMentorProfiles(db).AsNoTracking()
            .Where(p => p.Expertise != null)
            .OrderByDescending(p => p.UserId) // UUIDv7: the newest first
            .Take(SampleSize)
            .Select(p => p.Expertise!)
            .ToListAsync(cancellationToken);
        topics = lists.SelectMany(list => list)
            .GroupBy(topic => topic, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.OrdinalIgnoreCase)
            .Take(SuggestionCount)
            .Select(group => group.First())
            .ToList();
        cache.Set(CacheKey, topics, MaxAge);
        return topics;
    }
}
