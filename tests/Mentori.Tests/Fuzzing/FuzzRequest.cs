using System.Net.Http.Headers;
using System.Text;

namespace Mentori.Tests.Fuzzing;

/// <summary>A generated request as bytes, so that it can be sent again exactly, and shown when it fails.</summary>
public sealed record FuzzRequest(HttpMethod Method, Uri Uri, byte[]? Body, string? ContentType, int Caller)
{
    public static async Task<FuzzRequest> OfAsync(HttpRequestMessage request, int caller, CancellationToken cancellationToken)
    {
        using (request)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            return new FuzzRequest(request.Method, request.RequestUri!, body, request.Content?.Headers.ContentType?.ToString(), caller);
        }
    }

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Uri);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }
        }

        return message;
    }

    public override string ToString() =>
        $"{Method} {Uri} as caller {Caller} {ContentType} {FuzzTests.Shorten(Body is null ? "" : Encoding.UTF8.GetString(Body))}";
}
