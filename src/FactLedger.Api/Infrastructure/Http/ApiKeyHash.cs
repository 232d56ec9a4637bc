using System.Security.Cryptography;

namespace FactLedger.Api.Infrastructure.Http;

/// <summary>
/// Salted SHA-256 digests of API keys, so configuration need not hold the keys themselves. API keys are long random
/// strings, so a fast salted hash is enough (a slow password hash would cost every request without adding safety).
/// </summary>
public static class ApiKeyHash
{
    public const string Prefix = "sha256";

    public static string Create(string key)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return $"{Prefix}:{Convert.ToHexStringLower(salt)}:{Convert.ToHexStringLower(Digest(salt, key))}";
    }

    public static bool TryParse(string text, out byte[] salt, out byte[] hash)
    {
        salt = hash = [];
        var parts = text.Split(':');
        if (parts.Length != 3 || parts[0] != Prefix) return false;
        try
        {
            salt = Convert.FromHexString(parts[1]);
            hash = Convert.FromHexString(parts[2]);
            return salt.Length >= 8 && hash.Length == 32;
        }
        catch (FormatException) { return false; }
    }

    public static byte[] Digest(byte[] salt, string key)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var buffer = new byte[salt.Length + keyBytes.Length];
        salt.CopyTo(buffer, 0);
        keyBytes.CopyTo(buffer, salt.Length);
        return SHA256.HashData(buffer);
    }
}
