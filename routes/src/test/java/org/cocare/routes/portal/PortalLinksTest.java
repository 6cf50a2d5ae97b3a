package org.cocare.routes.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

class PortalLinksTest {
  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
  private static final PortalProperties PROPERTIES =
      new PortalProperties(
          URI.create("https://care.example"),
          "a-test-secret-of-at-least-thirty-two-characters",
          Duration.ofDays(30));

  private final PortalLinks links = at(NOW);

  @Test
  void aTokenNamesItsPatient_untilItExpires() {
    String token = links.patientToken("p-1");

    assertThat(links.patientOf(token)).contains("p-1");
    assertThat(at(NOW.plus(Duration.ofDays(30))).patientOf(token)).contains("p-1");
    assertThat(at(NOW.plus(Duration.ofDays(31))).patientOf(token)).isEmpty();
  }

  @Test
  void aTokenCannotBeForged_forAnotherPatient_orWithAnotherSecret() {
    String token = links.patientToken("p-1");
    String otherPatient = links.patientToken("p-2");
    String forged =
        otherPatient.substring(0, otherPatient.indexOf('.')) + token.substring(token.indexOf('.'));
    PortalLinks otherSecret =
        new PortalLinks(
            new PortalProperties(
                PROPERTIES.baseUrl(), "another-secret-of-at-least-thirty-two-chars", null),
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(links.patientOf(forged)).isEmpty();
    assertThat(otherSecret.patientOf(token)).isEmpty();
    assertThat(links.patientOf("garbage")).isEmpty();
    assertThat(links.patientOf(null)).isEmpty();
  }

  @Test
  void aMessageLinkWorksForItsPurposeAndNotification_untilItExpires() {
    URI open = links.open("n-1");
    String exp = query(open, "exp");
    String sig = query(open, "sig");

    assertThat(open.getPath()).isEqualTo("/portal/open/n-1");
    assertThat(links.isOpenLink("n-1", exp, sig)).isTrue();
    assertThat(links.isOpenLink("n-2", exp, sig)).as("another notification").isFalse();
    assertThat(links.isUnsubscribeLink("n-1", exp, sig)).as("another purpose").isFalse();
    assertThat(links.isOpenLink("n-1", String.valueOf(Long.parseLong(exp) + 86_400), sig))
        .as("a lengthened expiry")
        .isFalse();
    assertThat(at(NOW.plus(Duration.ofDays(31))).isOpenLink("n-1", exp, sig)).isFalse();
  }

  private static PortalLinks at(Instant now) {
    return new PortalLinks(PROPERTIES, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static String query(URI uri, String name) {
    return UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst(name);
  }
}
