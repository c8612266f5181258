namespace Mentori.Server.Commands;

/// <summary>
/// An admin command given instead of serving: <c>migrate</c>, <c>create-admin --email e --password p</c>,
/// <c>backup</c>, <c>backups</c>, <c>restore FILE [--force]</c> or <c>generate --mentors N …</c> (benchmark data).
/// </summary>
public sealed record AdminCommandLine(string Name, IReadOnlyDictionary<string, string> Options, string[] HostArgs)
{
    public const string Migrate = "migrate";
    public const string CreateAdmin = "create-admin";
    public const string Backup = "backup";
    public const string Backups = "backups";
    public const string Restore = "restore";
    public const string Generate = "generate";

    /// <summary>The name under which a command's one positional argument (restore's file) is kept.</summary>
    public const string Argument = "argument";

    private static readonly Dictionary<string, string[]> OptionsByCommand = new()
    {
        [Migrate] = [],
        [CreateAdmin] = ["email", "password"],
        [Backup] = [],
        [Backups] = [],
        [Restore] = ["force"],
        [Generate] = Generation.GenerationPlan.OptionNames,
    };

    /// <summary>Options that take no value.</summary>
    private static readonly string[] Flags = ["force"];

    /// <summary>
    /// The line to print when the first argument names no command: a word that is neither an option (<c>--urls</c>)
    /// nor a setting (<c>Database:Provider=postgres</c>) must be a mistyped command, not a reason to start serving.
    /// </summary>
    public static string? UnknownCommand(string[] args) =>
        args.Length > 0 && !OptionsByCommand.ContainsKey(args[0]) && !args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('=')
            ? $"unknown command \"{args[0]}\". Commands: {string.Join(", ", OptionsByCommand.Keys)}; without one, the server starts."
            : null;

    /// <summary>
    /// Null when the arguments ask to serve. The command's own options are taken out; the rest
    /// (<c>--Database:Provider=postgres</c>, <c>--environment Production</c>) go to the host's configuration.
    /// </summary>
    public static AdminCommandLine? Parse(string[] args)
    {
        if (args.Length == 0 || !OptionsByCommand.TryGetValue(args[0], out var known))
        {
            return null;
        }

        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var hostArgs = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var (key, value, consumed) = ReadOption(args, i);
            if (key is not null && Flags.Contains(key, StringComparer.OrdinalIgnoreCase) && known.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                // A flag takes no following word (restore --force FILE), only its own "=value".
                var written = args[i].Contains('=', StringComparison.Ordinal) ? value : null;
                if (!string.Equals(written, "false", StringComparison.OrdinalIgnoreCase))
                {
                    options[key] = "true";
                }
            }
            else if (key is not null && known.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                options[key] = value ?? "";
                i += consumed - 1;
            }
            else if (key is null && args[0] == Restore && !options.ContainsKey(Argument))
            {
                options[Argument] = args[i];
            }
            else
            {
                // A host option keeps its value with it (--environment Production), so the value is not read as a file.
                hostArgs.AddRange(args[i..(i + consumed)]);
                i += consumed - 1;
            }
        }

        return new AdminCommandLine(args[0], options, [.. hostArgs]);
    }

    private static (string? Key, string? Value, int Consumed) ReadOption(string[] args, int index)
    {
        var arg = args[index];
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            return (null, null, 1);
        }

        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            return (arg[2..equals], arg[(equals + 1)..], 1);
        }

        var hasValue = index + 1 < args.Length && !args[index + 1].StartsWith("--", StringComparison.Ordinal);
        return (arg[2..], hasValue ? args[index + 1] : null, hasValue ? 2 : 1);
    }
}
