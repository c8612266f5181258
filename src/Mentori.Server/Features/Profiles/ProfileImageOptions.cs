using System.ComponentModel.DataAnnotations;

namespace Mentori.Server.Features.Profiles;

/// <summary>
/// The <c>ProfileImages</c> section: where uploaded photos are kept (relative to the content root). Several
/// server instances must share this folder.
/// </summary>
public sealed class ProfileImageOptions
{
    public const string Section = "ProfileImages";

    [Required]
    public string Directory { get; set; } = "data/profile-images";
}
