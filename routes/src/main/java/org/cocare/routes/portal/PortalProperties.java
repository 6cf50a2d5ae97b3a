package org.cocare.routes.portal;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cocare.portal.*}: the address patients reach the service at ({@code base-url}, used in the
 * links of every message), the secret that signs patient tokens and links ({@code secret}: at least
 * 32 characters; replace the demo value in production) and how long a patient token is valid
 * ({@code token-validity}).
 */
@ConfigurationProperties("cocare.portal")
public record PortalProperties(URI baseUrl, String secret, Duration tokenValidity) {
  static final int MIN_SECRET_LENGTH = 32;

  public PortalProperties {
    Objects.requireNonNull(baseUrl, "cocare.portal.base-url is required");
    Objects.requireNonNull(secret, "cocare.portal.secret is required");
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "cocare.portal.secret must have at least " + MIN_SECRET_LENGTH + " characters");
    }
    tokenValidity = tokenValidity == null ? Duration.ofDays(30) : tokenValidity;
  }
}
