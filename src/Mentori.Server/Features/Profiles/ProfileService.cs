using System.Security.Claims;
using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Problems;
using Mentori.Server.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Profiles;

/// <summary>A user's own profile: reading it and replacing its editable fields.</summary>
public sealed class ProfileService(MentoriDb db, ProfileImages images)
{
    public async Task<ProfileResponse> GetAsync(ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        await FindAsync(caller.GetUserId(), cancellationToken) ?? throw ProfileResponse.NoProfile();

    /// <summary>A user's profile, or null for an account without one (an admin's view of a user).</summary>
    public async Task<ProfileResponse?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Profiles.AsNoTracking().Where(p => p.UserId == userId).Select(p => ProfileResponse.From(p)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The zone the caller's profile names, or null: the zone the web UI shows their times in.</summary>
    public Task<string?> TimezoneAsync(ClaimsPrincipal caller, CancellationToken cancellationToken) => TimezoneOfAsync(caller.GetUserId(), cancellationToken);

    /// <summary>The zone a user's profile names, or null (shown beside a session's time for the other side).</summary>
    public async Task<string?> TimezoneOfAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Profiles.AsNoTracking().Where(p => p.UserId == userId).Select(p => p.Timezone).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Another user as conversations show them (name and photo), or null for no such user.</summary>
    public async Task<UserSummary?> SummaryOfAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Profiles.AsNoTracking().Where(p => p.UserId == userId)
            .Select(p => new UserSummary(p.UserId, p.FirstName, p.LastName, p.ProfileImage)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Replaces every editable field (a field left out becomes empty). Mentor-only fields on a mentee, and
    /// mentee-only fields on a mentor, are field errors; an admin has neither.
    /// </summary>
    public async Task<ProfileResponse> UpdateAsync(ClaimsPrincipal caller, UpdateProfileRequest request, CancellationToken cancellationToken)
    {
        var userId = caller.GetUserId();
        var user = await db.Users.Include(u => u.Profile).SingleAsync(u => u.Id == userId, cancellationToken);
        var errors = new ValidationErrors();
        var names = (First: PersonName.Validate(errors, "firstName", request.FirstName),
            Last: PersonName.Validate(errors, "lastName", request.LastName));
        var bio = FreeText.Optional(errors, "bio", request.Bio, ProfileRules.MaxBioLength);
        var phone = FreeText.SingleLine(errors, "phone", request.Phone, ProfileRules.MaxPhoneLength);
        var location = FreeText.SingleLine(errors, "location", request.Location, ProfileRules.MaxLocationLength);

        // A photo uploaded to Mentori has a path of its own, not a URL; sending it back unchanged keeps it.
        var keepsStoredImage = request.ProfileImage?.Trim() is { Length: > 0 } sent && sent == user.Profile?.ProfileImage;
        var image = keepsStoredImage
            ? user.Profile!.ProfileImage
            : FreeText.HttpUrl(errors, "profileImage", request.ProfileImage, ProfileRules.MaxImageUrlLength);
        var timezone = FreeText.SingleLine(errors, "timezone", request.Timezone, ProfileRules.MaxTimezoneLength);
        if (timezone is not null && !ProfileRules.IsIanaTimezone(timezone))
        {
            errors.Add("timezone", "The time zone must be an IANA zone id such as Europe/Berlin.");
        }

        RefuseFieldsOfOtherRoles(errors, user.Role, request);
        var expertise = ProfileRules.CleanTopics(errors, "expertise", request.Expertise);
        var availability = ProfileRules.CleanAvailability(errors, request.Availability);
        var interests = ProfileRules.CleanTopics(errors, "interests", request.Interests);
        var goals = FreeText.Optional(errors, "goals", request.Goals, ProfileRules.MaxGoalsLength);
        if (request.HourlyRate is < 0 or > ProfileRules.MaxHourlyRate || decimal.Round(request.HourlyRate ?? 0, 2) != (request.HourlyRate ?? 0))
        {
            errors.Add("hourlyRate", $"The rate is between 0 and {ProfileRules.MaxHourlyRate} with at most two decimals.");
        }

        if (request.YearsExperience is < 0 or > ProfileRules.MaxYearsExperience)
        {
            errors.Add("yearsExperience", $"Years of experience are between 0 and {ProfileRules.MaxYearsExperience}.");
        }

        var level = string.IsNullOrWhiteSpace(request.ExperienceLevel) ? null : request.ExperienceLevel.Trim().ToLowerInvariant();
        if (level is not null && !ProfileRules.ExperienceLevels.Contains(level))
        {
            errors.Add("experienceLevel", "The level is beginner, intermediate or advanced.");
        }

        errors.ThrowIfAny();

        var profile = user.Profile ?? new Profile { UserId = user.Id, FirstName = "", LastName = "" };
        if (user.Profile is null)
        {
            db.Profiles.Add(profile);
        }

        var previousImage = profile.ProfileImage;
        profile.FirstName = names.First!;
        profile.LastName = names.Last!;
        profile.Bio = bio;
        profile.ProfileImage = image;
        profile.Phone = phone;
        profile.Location = location;
        profile.Timezone = timezone;
        var mentor = user.Role == UserRole.Mentor;
        var mentee = user.Role == UserRole.Mentee;
        profile.Expertise = mentor ? expertise : null;
        profile.Availability = mentor ? availability : null;
        profile.HourlyRate = mentor ? request.HourlyRate : null;
        profile.YearsExperience = mentor ? request.YearsExperience : null;
        profile.Interests = mentee ? interests : null;
        profile.Goals = mentee ? goals : null;
        profile.ExperienceLevel = mentee ? level : null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(exception))
        {
            // The photo changed since it was read, or a first profile was created by a parallel request.
            throw ProfileResponse.EditConflict();
        }

        if (previousImage != image)
        {
            images.DeleteStored(previousImage);
        }

        return ProfileResponse.From(profile);
    }

    private static void RefuseFieldsOfOtherRoles(ValidationErrors errors, UserRole role, UpdateProfileRequest request)
    {
        // Empty values are not "sent": a form that posts every field blank is not setting the other role's fields.
        (string Field, bool Sent, UserRole Owner)[] roleFields =
        [
            ("expertise", request.Expertise is { Count: > 0 }, UserRole.Mentor),
            ("availability", request.Availability is { Count: > 0 }, UserRole.Mentor),
            ("hourlyRate", request.HourlyRate is not null, UserRole.Mentor),
            ("yearsExperience", request.YearsExperience is not null, UserRole.Mentor),
            ("interests", request.Interests is { Count: > 0 }, UserRole.Mentee),
            ("goals", !string.IsNullOrWhiteSpace(request.Goals), UserRole.Mentee),
            ("experienceLevel", !string.IsNullOrWhiteSpace(request.ExperienceLevel), UserRole.Mentee),
        ];
        foreach (var (field, sent, owner) in roleFields.Where(f => f.Sent && f.Owner != role))
        {
            errors.Add(field, $"Only a {owner.ToString().ToLowerInvariant()} has this field.");
        }
    }
}
