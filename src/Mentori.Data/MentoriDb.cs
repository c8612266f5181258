using Mentori.Data.Configuration;
using Mentori.Data.Conversions;
using Mentori.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Data;

public class MentoriDb : DbContext, IDataProtectionKeyContext
{
    private readonly TimeProvider clock;

    public MentoriDb(DbContextOptions<MentoriDb> options, TimeProvider clock)
        : base(options)
    {
        this.clock = clock;

        // EF Core would wrap each SaveChanges inside an explicit transaction in a savepoint of its own: two more
        // statements per save. Nothing in Mentori catches a failed save and goes on in the same transaction, so a
        // failure always ends it. (The pool keeps this setting: it is restored as it was after construction.)
        Database.AutoSavepointsEnabled = false;
    }

    public DbSet<User> Users => Set<User>();
    public DbSet<Profile> Profiles => Set<Profile>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<Rating> Ratings => Set<Rating>();
    public DbSet<RatingSummary> RatingSummaries => Set<RatingSummary>();
    public DbSet<ResponseSummary> ResponseSummaries => Set<ResponseSummary>();
    public DbSet<SessionReminder> SessionReminders => Set<SessionReminder>();
    public DbSet<RequestReminder> RequestReminders => Set<RequestReminder>();
    public DbSet<AdminAuditEntry> AdminAudit => Set<AdminAuditEntry>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<EmailToken> EmailTokens => Set<EmailToken>();
    public DbSet<BackupRun> BackupRuns => Set<BackupRun>();
    public DbSet<OutboxEmail> EmailOutbox => Set<OutboxEmail>();
    public DbSet<NotificationPreferences> NotificationPreferences => Set<NotificationPreferences>();
    public DbSet<ChatConnection> ChatConnections => Set<ChatConnection>();
    public DbSet<UnreadMessageNotice> UnreadMessageNotices => Set<UnreadMessageNotice>();

    /// <summary>ASP.NET Core's data-protection key ring (cookies, antiforgery), shared by every instance and kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DatabaseProvider Provider =>
        Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        var dateTimes = configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        var nullableDateTimes = configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        if (Provider == DatabaseProvider.Postgres)
        {
            dateTimes.HaveColumnType("timestamp without time zone");
            nullableDateTimes.HaveColumnType("timestamp without time zone");
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var provider = Provider;
        if (provider == DatabaseProvider.Postgres)
        {
            // btree_gist lets the exclusion constraint on sessions compare mentor_id with "=" inside a GiST index.
            modelBuilder.HasPostgresExtension("btree_gist");
        }

        modelBuilder.ApplyConfiguration(new UserConfiguration(provider));
        modelBuilder.ApplyConfiguration(new ProfileConfiguration(provider));
        modelBuilder.ApplyConfiguration(new SessionConfiguration(provider));
        modelBuilder.ApplyConfiguration(new MessageConfiguration(provider));
        modelBuilder.ApplyConfiguration(new RatingConfiguration(provider));
        modelBuilder.ApplyConfiguration(new RefreshTokenConfiguration(provider));
        modelBuilder.ApplyConfiguration(new EmailTokenConfiguration(provider));
        modelBuilder.ApplyConfiguration(new RatingSummaryConfiguration());
        modelBuilder.ApplyConfiguration(new ResponseSummaryConfiguration());
        modelBuilder.ApplyConfiguration(new SessionReminderConfiguration());
        modelBuilder.ApplyConfiguration(new RequestReminderConfiguration());
        modelBuilder.ApplyConfiguration(new AdminAuditConfiguration(provider));
        modelBuilder.ApplyConfiguration(new BackupRunConfiguration());
        modelBuilder.ApplyConfiguration(new OutboxEmailConfiguration());
        modelBuilder.ApplyConfiguration(new NotificationPreferencesConfiguration());
        modelBuilder.ApplyConfiguration(new ChatConnectionConfiguration());
        modelBuilder.ApplyConfiguration(new UnreadMessageNoticeConfiguration());
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTimestamps();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTimestamps();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// <c>created_at</c> and <c>updated_at</c> come from the injected clock, so tests control them. Updates that
    /// bypass the change tracker (ExecuteUpdate, raw SQL) are kept current by the database's own trigger.
    /// </summary>
    private void StampTimestamps()
    {
        var now = clock.StoredUtcNow();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Added && entry.Metadata.FindProperty("CreatedAt") is not null)
            {
                entry.Property("CreatedAt").CurrentValue = now;
            }

            if (entry.State is EntityState.Added or EntityState.Modified && entry.Metadata.FindProperty("UpdatedAt") is not null)
            {
                entry.Property("UpdatedAt").CurrentValue = now;
            }
        }
    }
}
