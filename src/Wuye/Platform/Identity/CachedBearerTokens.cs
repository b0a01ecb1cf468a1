using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Wuye.Platform.Identity;

/// <summary>
/// Wraps the bearer token protector with a small cache of recently read tokens, so a client
/// that sends the same token on every call pays the key derivation once a minute, not once a
/// request. The handler still checks each ticket's expiry on every request.
/// </summary>
internal sealed class CachedBearerTokens(IMemoryCache cache) : IPostConfigureOptions<BearerTokenOptions>
{
    public void PostConfigure(string? name, BearerTokenOptions options)
    {
        if (options.BearerTokenProtector is not Cached)
            options.BearerTokenProtector = new Cached(options.BearerTokenProtector, cache);
    }

    private sealed class Cached(ISecureDataFormat<AuthenticationTicket> inner, IMemoryCache cache) : ISecureDataFormat<AuthenticationTicket>
    {
        public string Protect(AuthenticationTicket data) => inner.Protect(data);

        public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            if (string.IsNullOrEmpty(protectedText) || protectedText.Length > 4096)
                return inner.Unprotect(protectedText, purpose);
            var key = ("bearer", purpose, protectedText);
            if (cache.TryGetValue(key, out AuthenticationTicket? ticket))
                return ticket;
            ticket = inner.Unprotect(protectedText, purpose);
            if (ticket is not null)
                cache.Set(key, ticket, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1), Size = 1 });
            return ticket;
        }
    }
}
