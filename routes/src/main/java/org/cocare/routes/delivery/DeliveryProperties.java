package org.cocare.routes.delivery;

import java.net.URI;
import java.time.Duration;
import org.cocare.engine.notify.NotificationDelivery;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cocare.delivery.*}: whether the outbox is delivered ({@code enabled}), how often it is
 * polled ({@code poll-interval}) and how many notifications per poll ({@code batch}); how often
 * every patient with open items is planned again without new data ({@code sweep-interval}: snoozes
 * ending, re-notify intervals passing); the retry policy ({@code retry.initial}, {@code retry.max},
 * {@code retry.max-attempts}, {@code retry.lease}); the SMTP server ({@code email.host}, {@code
 * port}, {@code username}, {@code password}, {@code from}, {@code ssl} for SMTPS) and the SMS/push
 * gateway ({@code webhook.url}, {@code webhook.token} sent as a bearer token). A channel without
 * its server configured fails its notifications permanently, with that reason recorded.
 */
@ConfigurationProperties("cocare.delivery")
public record DeliveryProperties(
    Boolean enabled,
    Duration pollInterval,
    Duration sweepInterval,
    Integer batch,
    RetryProperties retry,
    Email email,
    Webhook webhook) {

  public DeliveryProperties {
    enabled = enabled == null || enabled;
    pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
    sweepInterval = sweepInterval == null ? Duration.ofHours(1) : sweepInterval;
    batch = batch == null ? 50 : batch;
    retry = retry == null ? new RetryProperties(null, null, null, null) : retry;
    email = email == null ? new Email(null, null, null, null, null, null) : email;
    webhook = webhook == null ? new Webhook(null, null) : webhook;
  }

  /** Exponential backoff from {@code initial} doubling up to {@code max}, {@code maxAttempts}. */
  public record RetryProperties(
      Duration initial, Duration max, Integer maxAttempts, Duration lease) {
    public RetryProperties {
      initial = initial == null ? Duration.ofSeconds(30) : initial;
      max = max == null ? Duration.ofHours(1) : max;
      maxAttempts = maxAttempts == null ? 8 : maxAttempts;
      lease = lease == null ? Duration.ofMinutes(2) : lease;
    }

    NotificationDelivery.Retry policy() {
      return new NotificationDelivery.Retry(initial, max, maxAttempts, lease);
    }
  }

  /** The SMTP server email goes through; off unless {@code host} is set. */
  public record Email(
      String host, Integer port, String username, String password, String from, Boolean ssl) {
    public Email {
      port = port == null ? 25 : port;
      from = from == null ? "Cocare <no-reply@cocare.invalid>" : from;
      ssl = ssl != null && ssl;
    }

    boolean configured() {
      return host != null && !host.isBlank();
    }
  }

  /** The SMS/app-push gateway: a JSON POST per message; off unless {@code url} is set. */
  public record Webhook(URI url, String token) {
    boolean configured() {
      return url != null;
    }
  }
}
