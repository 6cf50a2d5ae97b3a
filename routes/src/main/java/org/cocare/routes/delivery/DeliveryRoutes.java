package org.cocare.routes.delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.builder.RouteBuilder;
import org.cocare.engine.notify.NotificationDelivery;
import org.cocare.engine.notify.OutreachSweep;
import org.springframework.stereotype.Component;

/**
 * Delivers the notification outbox: a timer polls for due notifications (the retries with their
 * backoff are in the outbox, so they survive a restart), another plans again for every patient with
 * open items now and then and the transports send through {@link #EMAIL} (SMTP, HTML with a
 * plain-text alternative) and {@link #WEBHOOK} (the SMS/push gateway, a JSON POST with the
 * notification id as {@code Idempotency-Key}).
 */
@Component
public class DeliveryRoutes extends RouteBuilder {
  static final String EMAIL = "direct:deliver-email";
  static final String WEBHOOK = "direct:deliver-webhook";

  private final NotificationDelivery delivery;
  private final OutreachSweep sweep;
  private final DeliveryProperties properties;

  public DeliveryRoutes(
      NotificationDelivery delivery, OutreachSweep sweep, DeliveryProperties properties) {
    this.delivery = delivery;
    this.sweep = sweep;
    this.properties = properties;
  }

  @Override
  public void configure() {
    long period = properties.pollInterval().toMillis();
    from("timer:notification-delivery?delay=" + period + "&period=" + period)
        .routeId("notification-delivery")
        .autoStartup(properties.enabled())
        .process(exchange -> delivery.deliverDue(properties.batch()))
        .id("deliver-due");

    // Time alone changes what is due: a snooze ends, a re-notify interval passes.
    long sweepPeriod = properties.sweepInterval().toMillis();
    from("timer:outreach-sweep?delay=" + sweepPeriod + "&period=" + sweepPeriod)
        .routeId("outreach-sweep")
        .autoStartup(properties.enabled())
        .process(exchange -> sweep.sweep())
        .id("plan-again");

    DeliveryProperties.Email email = properties.email();
    if (email.configured()) {
      from(EMAIL)
          .routeId("deliver-email")
          // A failure goes back to the deliverer, which records and retries it; Camel's own
          // handler would log the exchange.
          .errorHandler(noErrorHandler())
          .to(smtp(email))
          .id("smtp");
    }
    DeliveryProperties.Webhook webhook = properties.webhook();
    if (webhook.configured()) {
      from(WEBHOOK)
          .routeId("deliver-webhook")
          .errorHandler(noErrorHandler())
          .process(
              exchange -> {
                if (webhook.token() != null && !webhook.token().isBlank()) {
                  exchange.getIn().setHeader("Authorization", "Bearer " + webhook.token());
                }
              })
          .to(
              webhook.url()
                  + (webhook.url().getQuery() == null ? "?" : "&")
                  + "throwExceptionOnFailure=true")
          .id("gateway");
    }
  }

  private static String smtp(DeliveryProperties.Email email) {
    StringBuilder uri =
        new StringBuilder(email.ssl() ? "smtps://" : "smtp://")
            .append(email.host())
            .append(':')
            .append(email.port())
            .append("?contentType=")
            .append(encode("text/html; charset=UTF-8"))
            .append("&from=")
            .append(encode(email.from()))
            .append("&connectionTimeout=10000")
            // The recipient and subject are this message's, given as headers.
            .append("&useHeaderRecipients=true&useHeaderSubject=true");
    if (email.username() != null && !email.username().isBlank()) {
      uri.append("&username=").append(encode(email.username()));
      uri.append("&password=RAW(").append(email.password()).append(')');
    }
    return uri.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
