namespace Mentori.Server.Commands.Generation;

/// <summary>The words <c>generate</c> builds its people and their messages from: plausible, varied, and fixed.</summary>
internal static class GeneratedText
{
    public static readonly string[] Topics =
    [
        "JavaScript", "TypeScript", "React", "Vue", "Angular", "Node.js", "Python", "Django", "Flask", "Machine Learning",
        "Deep Learning", "Statistics", "Data Engineering", "SQL", "PostgreSQL", "C#", ".NET", "Java", "Kotlin", "Spring",
        "Go", "Rust", "C++", "Embedded Systems", "DevOps", "Kubernetes", "Docker", "AWS", "Azure", "Google Cloud",
        "Security", "Cryptography", "System Design", "Cloud Architecture", "Microservices", "Testing", "Accessibility",
        "UX Design", "Product Design", "Figma", "Product Management", "Agile", "Leadership", "Engineering Management",
        "Career Development", "Career Transition", "Interview Preparation", "Public Speaking", "Technical Writing",
        "Open Source", "iOS", "Android", "Swift", "Flutter", "Game Development", "Unity", "Blockchain",
        "Data Visualization", "Excel", "Entrepreneurship",
    ];

    public static readonly string[] FirstNames =
    [
        "Ada", "Grace", "Alan", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Edsger", "Radia", "Tim",
        "Katherine", "Donald", "Hedy", "Guido", "Sophie", "Bjarne", "Anita", "James", "Amara", "Chen", "Fatima", "Kwame",
        "Lucía", "Mateo", "Priya", "Sven", "Yuki", "Zanele", "Olga", "Rahul", "Ingrid", "Tomás", "Aisha", "Jonas",
    ];

    public static readonly string[] LastNames =
    [
        "Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen", "Dijkstra",
        "Perlman", "Berners-Lee", "Johnson", "Knuth", "Lamarr", "van Rossum", "Wilson", "Stroustrup", "Borg", "Gosling",
        "Okafor", "Nakamura", "Silva", "Novak", "Haddad", "Müller", "García", "Kowalski", "Andersson", "Mensah",
    ];

    /// <summary>Where people are: a mentor's availability is read in this zone.</summary>
    public static readonly string[] Zones =
    [
        "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Europe/London", "Asia/Tokyo", "UTC", "America/Los_Angeles",
        "America/Sao_Paulo", "Africa/Lagos", "Australia/Sydney", "Europe/Madrid", "Asia/Singapore",
    ];

    public static readonly string[] Places =
    [
        "Berlin, Germany", "New York, USA", "Bengaluru, India", "London, UK", "Tokyo, Japan", "Remote", "San Francisco, USA",
        "São Paulo, Brazil", "Lagos, Nigeria", "Sydney, Australia", "Madrid, Spain", "Singapore",
    ];

    public static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static readonly string[] Ranges = ["7:00-9:00", "9:00-12:00", "12:00-14:00", "14:00-17:00", "17:00-20:00", "19:00-22:00"];

    public static readonly string[] Levels = ["beginner", "intermediate", "advanced"];

    public static readonly string[] Goals =
    [
        "Land my first developer job", "Move from support into engineering", "Prepare for senior interviews",
        "Learn to design systems that scale", "Become a better team lead", "Ship my first open-source contribution",
        "Switch careers into data science", "Grow confident at public speaking",
    ];

    public static readonly string[] Openers =
    [
        "Thanks for accepting!", "Looking forward to our session.", "Quick question before we meet:",
        "Here is the link to the repository I mentioned.", "Could we talk about", "I tried what you suggested about",
        "That really helped, thank you.", "Sorry, I am running five minutes late.", "Could we move to the same time next week?",
        "I read the article you sent on",
    ];

    public static readonly string[] Feedback =
    [
        "Clear, patient and practical.", "Exactly the advice I needed.", "Good session, a bit rushed at the end.",
        "Came well prepared with questions.", "Helpful pointers and great examples.", "We ran out of time, but it was useful.",
    ];
}
