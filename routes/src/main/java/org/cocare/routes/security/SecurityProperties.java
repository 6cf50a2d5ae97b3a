package org.cocare.routes.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cocare.security.users}: the accounts. Passwords use Spring's prefixed encodings ({@code
 * {bcrypt}…}, or {@code {noop}…} for the documented demo accounts only).
 */
@ConfigurationProperties("cocare.security")
public record SecurityProperties(List<User> users) {
  public SecurityProperties {
    users = users == null ? List.of() : List.copyOf(users);
  }

  public record User(String name, String password, List<String> roles) {
    public User {
      if (name == null || name.isBlank() || password == null || password.isBlank()) {
        throw new IllegalArgumentException(
            "every cocare.security.users entry needs a name and a password");
      }
      roles = roles == null ? List.of() : List.copyOf(roles);
    }
  }
}
