namespace Mentori.Server.Infrastructure.Problems;

/// <summary>A write that failed because the file system is full: a condition of the server, not of the request.</summary>
public static class DiskFull
{
    private const int NoSpace = 28; // ENOSPC on Linux and macOS
    private const int QuotaExceeded = 122; // EDQUOT on Linux
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    public static bool Is(IOException exception) => exception.HResult is NoSpace or QuotaExceeded or WindowsDiskFull or WindowsHandleDiskFull;

    /// <summary>507: nothing was stored, and the user may try again once the operator has made room.</summary>
    public static ProblemException Problem(string detail) =>
        new(StatusCodes.Status507InsufficientStorage, ProblemTypes.StorageFull, "The server's storage is full", detail);
}
