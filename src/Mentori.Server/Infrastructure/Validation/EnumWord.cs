namespace Mentori.Server.Infrastructure.Validation;

/// <summary>An enum value as the API spells it in a query (<c>pending</c>, <c>mentor</c>): its name, in any case.</summary>
public static class EnumWord
{
    /// <summary>The value named <paramref name="text"/> (trimmed, case-insensitive), or null; numbers and comma lists name none.</summary>
    public static TEnum? Parse<TEnum>(string text)
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Cast<TEnum?>().FirstOrDefault(value => value.ToString()!.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
}
