using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Infrastructure.Database;

/// <summary>
/// Development only: an empty database gets the sample users of the schema document (jane.mentor@example.com
/// and john.mentee@example.com, docs/decisions.md) and a handful of other mentors, so the first page a new user opens has something on it. Everyone is verified.
/// </summary>
public sealed class SampleData(MentoriDb db, PasswordHasher hasher, ILogger<SampleData> logger)
{
    public const string Password = "Mentori!2026";

    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        // One hash for all: every sample user has the same password, and bcrypt is slow on purpose.
        var hash = await hasher.HashAsync(Password, cancellationToken);
        db.Users.AddRange(
            Mentor(Guid.Parse("550e8400-e29b-41d4-a716-446655440000"), "jane.mentor@example.com", hash, new Profile
            {
                FirstName = "Jane",
                LastName = "Smith",
                Bio = "Senior software engineer with 10 years of experience",
                Expertise = ["JavaScript", "React", "Node.js", "Career Development"],
                Availability = new()
                {
                    ["monday"] = ["9:00-12:00", "14:00-17:00"],
                    ["wednesday"] = ["10:00-16:00"],
                    ["friday"] = ["9:00-13:00"],
                },
                YearsExperience = 10,
                HourlyRate = 80m,
                Location = "New York, USA",
                Timezone = "America/New_York",
            }),
            new User
            {
                Id = Guid.Parse("660e8400-e29b-41d4-a716-446655440001"),
                Email = "john.mentee@example.com",
                PasswordHash = hash,
                Role = UserRole.Mentee,
                IsVerified = true,
                Profile = new Profile
                {
                    FirstName = "John",
                    LastName = "Doe",
                    Bio = "Aspiring full-stack developer",
                    Interests = ["Web Development", "JavaScript", "Career Transition"],
                    Goals = "Learn modern web development and transition to tech career",
                    ExperienceLevel = "beginner",
                    Timezone = "Europe/London",
                },
            },
            Mentor(null, "amara.okafor@example.com", hash, new Profile
            {
                FirstName = "Amara",
                LastName = "Okafor",
                Bio = "Data scientist who moved from academia to industry; happy to talk Python, statistics and interviews.",
                Expertise = ["Python", "Machine Learning", "Statistics", "Career Transition"],
                Availability = new() { ["tuesday"] = ["17:00-20:00"], ["saturday"] = ["10:00-14:00"] },
                YearsExperience = 8,
                HourlyRate = 95m,
                Location = "Lagos, Nigeria",
                Timezone = "Africa/Lagos",
            }),
            Mentor(null, "lukas.becker@example.com", hash, new Profile
            {
                FirstName = "Lukas",
                LastName = "Becker",
                Bio = "Backend and cloud architect. I review designs, C# code and system-design interview answers.",
                Expertise = ["C#", ".NET", "System Design", "Cloud Architecture"],
                Availability = new() { ["monday"] = ["18:00-21:00"], ["thursday"] = ["18:00-21:00"] },
                YearsExperience = 15,
                HourlyRate = 120m,
                Location = "Berlin, Germany",
                Timezone = "Europe/Berlin",
            }),
            Mentor(null, "mei.tanaka@example.com", hash, new Profile
            {
                FirstName = "Mei",
                LastName = "Tanaka",
                Bio = "Product designer; portfolio reviews and first steps in UX research.",
                Expertise = ["UX Design", "Product Design", "Figma", "Portfolio Review"],
                Availability = new() { ["wednesday"] = ["9:00-12:00"], ["friday"] = ["13:00-17:00"] },
                YearsExperience = 6,
                HourlyRate = 60m,
                Location = "Tokyo, Japan",
                Timezone = "Asia/Tokyo",
            }),
            Mentor(null, "carlos.mendes@example.com", hash, new Profile
            {
                FirstName = "Carlos",
                LastName = "Mendes",
                Bio = "Engineering manager. Leadership, first-time managers, and growing from senior to staff.",
                Expertise = ["Leadership", "Engineering Management", "Career Development"],
                Availability = new() { ["tuesday"] = ["8:00-11:00"], ["thursday"] = ["8:00-11:00"] },
                YearsExperience = 18,
                HourlyRate = 150m,
                Location = "Lisbon, Portugal",
                Timezone = "Europe/Lisbon",
            }),
            Mentor(null, "priya.raman@example.com", hash, new Profile
            {
                FirstName = "Priya",
                LastName = "Raman",
                Bio = "Frontend engineer and accessibility advocate; TypeScript, React and testing.",
                Expertise = ["TypeScript", "React", "Accessibility", "Testing"],
                Availability = new() { ["monday"] = ["10:00-13:00"], ["saturday"] = ["9:00-12:00"] },
                YearsExperience = 7,
                HourlyRate = 70m,
                Location = "Bengaluru, India",
                Timezone = "Asia/Kolkata",
            }),
            Mentor(null, "sam.oconnor@example.com", hash, new Profile
            {
                FirstName = "Sam",
                LastName = "O'Connor",
                Bio = "Volunteer mentor for career changers: CVs, first job search, and learning to code.",
                Expertise = ["Career Transition", "Web Development", "JavaScript"],
                Availability = new() { ["sunday"] = ["14:00-18:00"] },
                YearsExperience = 4,
                HourlyRate = 0m,
                Location = "Dublin, Ireland",
                Timezone = "Europe/Dublin",
            }));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Added sample data: sign in as jane.mentor@example.com or john.mentee@example.com with password {Password}", Password);
    }

    private static User Mentor(Guid? id, string email, string hash, Profile profile) => new()
    {
        Id = id ?? Guid.CreateVersion7(),
        Email = email,
        PasswordHash = hash,
        Role = UserRole.Mentor,
        IsVerified = true,
        Profile = profile,
    };
}
