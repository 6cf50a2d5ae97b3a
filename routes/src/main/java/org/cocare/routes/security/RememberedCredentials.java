package org.cocare.routes.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Remembers, for a short while, the user name and password (as a SHA-256, never in the clear) of
 * each successful sign-in, so that an integration engine sending Basic credentials with every
 * request pays for the password check once, not per message: a BCrypt check costs tens of
 * milliseconds of CPU by design, which under load was more than the rest of ingest together. Only
 * successes are remembered: a wrong password misses and is checked, slowly, every time. Accounts
 * come from configuration and change only with a restart, so nothing remembered can go stale before
 * it expires.
 */
final class RememberedCredentials implements AuthenticationProvider {
  private final AuthenticationProvider delegate;
  private final Cache<String, Authentication> remembered;

  RememberedCredentials(AuthenticationProvider delegate, Duration forHowLong, Ticker ticker) {
    this.delegate = delegate;
    this.remembered =
        Caffeine.newBuilder()
            .expireAfterWrite(forHowLong)
            .maximumSize(1_000)
            .ticker(ticker)
            .build();
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    if (!(authentication instanceof UsernamePasswordAuthenticationToken)
        || !(authentication.getCredentials() instanceof String password)) {
      return delegate.authenticate(authentication);
    }
    String key = authentication.getName() + '\n' + sha256(password);
    Authentication known = remembered.getIfPresent(key);
    if (known != null) {
      return known;
    }
    Authentication result = delegate.authenticate(authentication);
    if (result != null && result.isAuthenticated()) {
      remembered.put(key, result);
    }
    return result;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return delegate.supports(authentication);
  }

  private static String sha256(String password) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
