package org.cocare.routes.portal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The signed links a patient follows: a <b>patient token</b> (who, until when, signed) that opens
 * the patient's own inbox and authorises their answers, and per notification a <b>tracking</b> link
 * (records "opened", then shows the inbox) and an <b>unsubscribe</b> link (records the opt-out).
 * Everything is signed with HMAC-SHA256 under {@code cocare.portal.secret}: nobody can forge a
 * token for another patient or a link for another notification, and nothing needs storing.
 *
 * <p>URL layout (the portal's controllers answer these): {@code /portal?token=T}, {@code
 * /portal/open/{notificationId}?exp=E&sig=S}, {@code
 * /portal/unsubscribe/{notificationId}?exp=E&sig=S}; links, like tokens, expire after {@code
 * cocare.portal.token-validity}.
 */
public final class PortalLinks {
  private static final String HMAC = "HmacSHA256";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final PortalProperties properties;
  private final Clock clock;

  public PortalLinks(PortalProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** A token for the patient, valid for {@code cocare.portal.token-validity} from now. */
  public String patientToken(String patientId) {
    long until = clock.instant().plus(properties.tokenValidity()).getEpochSecond();
    String payload = B64.encodeToString((patientId + "|" + until).getBytes(StandardCharsets.UTF_8));
    return payload + "." + sign("patient:" + payload);
  }

  /** The patient a token was issued for, if it is genuine and not expired. */
  public Optional<String> patientOf(String token) {
    if (token == null) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0
        || !matches(sign("patient:" + token.substring(0, dot)), token.substring(dot + 1))) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(B64D.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int bar = decoded.lastIndexOf('|');
    if (bar <= 0) {
      return Optional.empty();
    }
    long until;
    try {
      until = Long.parseLong(decoded.substring(bar + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (clock.instant().isAfter(Instant.ofEpochSecond(until))) {
      return Optional.empty();
    }
    return Optional.of(decoded.substring(0, bar));
  }

  /** The tracking link of a notification: following it records "opened". */
  public URI open(String notificationId) {
    return signed("/portal/open/", "open:", notificationId);
  }

  /** The unsubscribe link of a notification: following it asks to record the patient's opt-out. */
  public URI unsubscribe(String notificationId) {
    return signed("/portal/unsubscribe/", "unsubscribe:", notificationId);
  }

  /** Whether {@code exp} and {@code sig} make a genuine, unexpired tracking link. */
  public boolean isOpenLink(String notificationId, String exp, String sig) {
    return isLink("open:", notificationId, exp, sig);
  }

  /** Whether {@code exp} and {@code sig} make a genuine, unexpired unsubscribe link. */
  public boolean isUnsubscribeLink(String notificationId, String exp, String sig) {
    return isLink("unsubscribe:", notificationId, exp, sig);
  }

  /**
   * A link works for {@code cocare.portal.token-validity} from when it was written: an old message
   * (forwarded, kept in a gateway's log) does not open the patient's inbox for ever.
   */
  private URI signed(String path, String purpose, String notificationId) {
    long until = clock.instant().plus(properties.tokenValidity()).getEpochSecond();
    return base()
        .path(path + notificationId)
        .queryParam("exp", until)
        .queryParam("sig", sign(purpose + notificationId + "|" + until))
        .build()
        .toUri();
  }

  private boolean isLink(String purpose, String notificationId, String exp, String sig) {
    if (exp == null || !matches(sign(purpose + notificationId + "|" + exp), sig)) {
      return false;
    }
    try {
      return !clock.instant().isAfter(Instant.ofEpochSecond(Long.parseLong(exp)));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private UriComponentsBuilder base() {
    return UriComponentsBuilder.fromUri(properties.baseUrl());
  }

  private String sign(String text) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(properties.secret().getBytes(StandardCharsets.UTF_8), HMAC));
      return B64.encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  private static boolean matches(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
