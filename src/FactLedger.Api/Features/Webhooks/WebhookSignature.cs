using System.Security.Cryptography;

namespace FactLedger.Api.Features.Webhooks;

/// <summary>
/// Secrets and signatures as Standard Webhooks has them: the secret is <c>whsec_</c> and the base64 of 24 random
/// bytes; the signature is <c>v1,</c> and the base64 of HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c>, keyed by
/// the secret's bytes. A receiver checks it with any Standard Webhooks library or a few lines of its own.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        var signed = Encoding.UTF8.GetBytes(
            $"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
