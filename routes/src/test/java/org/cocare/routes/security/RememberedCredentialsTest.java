package org.cocare.routes.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

class RememberedCredentialsTest {
  private final AtomicInteger checks = new AtomicInteger();
  private final AtomicLong nanos = new AtomicLong();

  /** Accepts "integration" with "right" only, counting every check. */
  private final AuthenticationProvider accounts =
      new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication authentication) {
          checks.incrementAndGet();
          if (!"integration".equals(authentication.getName())
              || !"right".equals(authentication.getCredentials())) {
            throw new BadCredentialsException("Bad credentials");
          }
          return UsernamePasswordAuthenticationToken.authenticated(
              "integration", null, AuthorityUtils.createAuthorityList("ROLE_integration"));
        }

        @Override
        public boolean supports(Class<?> authentication) {
          return true;
        }
      };

  private final RememberedCredentials remembered =
      new RememberedCredentials(accounts, Duration.ofMinutes(5), nanos::get);

  private static Authentication basic(String user, String password) {
    return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
  }

  @Test
  void sameCredentialsAgain_areNotCheckedAgain() {
    Authentication first = remembered.authenticate(basic("integration", "right"));
    Authentication second = remembered.authenticate(basic("integration", "right"));

    assertThat(second).isSameAs(first);
    assertThat(second.isAuthenticated()).isTrue();
    assertThat(checks).hasValue(1);
  }

  @Test
  void wrongPassword_afterARightOne_isCheckedAndRefused() {
    remembered.authenticate(basic("integration", "right"));

    assertThatThrownBy(() -> remembered.authenticate(basic("integration", "wrong")))
        .isInstanceOf(BadCredentialsException.class);
    assertThatThrownBy(() -> remembered.authenticate(basic("integration", "wrong")))
        .isInstanceOf(BadCredentialsException.class);
    assertThat(checks).hasValue(3);
  }

  @Test
  void rememberedSignIn_isCheckedAgainOnceItExpires() {
    remembered.authenticate(basic("integration", "right"));
    nanos.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());

    remembered.authenticate(basic("integration", "right"));

    assertThat(checks).hasValue(2);
  }
}
