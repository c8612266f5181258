using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mentori.Data.Conversions;

/// <summary>Enums are stored as the schema's lower-case words (<c>mentor</c>, <c>pending</c> ...).</summary>
public sealed class LowerCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => value.ToString().ToLowerInvariant(),
    stored => Enum.Parse<TEnum>(stored, true))
    where TEnum : struct, Enum;
