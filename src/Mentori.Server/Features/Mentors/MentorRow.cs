using System.Data.Common;
using System.Text.Json;

namespace Mentori.Server.Features.Mentors;

/// <summary>One row of a directory statement (the columns of <see cref="MentorDirectorySql"/>, in order).</summary>
public sealed record MentorRow(
    MentorSummary Mentor,
    DateTime CreatedAt,
    double RatingAverage,
    double? ResponseRate,
    double Relevance,
    IReadOnlyList<string>? MatchedTopics,
    int Score)
{
    public static MentorRow Read(DbDataReader reader)
    {
        var ratingAverage = reader.GetDouble(11);
        var ratingCount = Convert.ToInt32(reader.GetValue(12), System.Globalization.CultureInfo.InvariantCulture);
        double? responseRate = reader.IsDBNull(13) ? null : reader.GetDouble(13);
        var mentor = new MentorSummary(
            reader.GetGuid(0),
            reader.GetString(1),
            reader.GetString(2),
            NullableString(reader, 3),
            NullableString(reader, 4),
            NullableString(reader, 5),
            NullableString(reader, 6),
            reader.IsDBNull(7) ? [] : JsonSerializer.Deserialize<List<string>>(reader.GetString(7)) ?? [],
            reader.IsDBNull(8) ? null : decimal.Round(Convert.ToDecimal(reader.GetValue(8), System.Globalization.CultureInfo.InvariantCulture), 2),
            reader.IsDBNull(9) ? null : reader.GetInt32(9),
            MentorSummary.ShownAverage(ratingAverage, ratingCount),
            ratingCount,
            MentorSummary.ShownRate(responseRate),
            reader.IsDBNull(14) ? null : Convert.ToInt32(reader.GetValue(14), System.Globalization.CultureInfo.InvariantCulture));
        var hasMatches = reader.FieldCount > 17;
        return new MentorRow(
            mentor,
            DateTime.SpecifyKind(reader.GetDateTime(10), DateTimeKind.Utc),
            ratingAverage,
            responseRate,
            Convert.ToDouble(reader.GetValue(15), System.Globalization.CultureInfo.InvariantCulture),
            hasMatches ? JsonSerializer.Deserialize<List<string>>(reader.GetString(16)) : null,
            hasMatches ? Convert.ToInt32(reader.GetValue(17), System.Globalization.CultureInfo.InvariantCulture) : 0);
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
