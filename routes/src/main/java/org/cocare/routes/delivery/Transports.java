package org.cocare.routes.delivery;

import jakarta.mail.SendFailedException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.DefaultExchange;
import org.cocare.engine.notify.Notice;
import org.cocare.engine.notify.Notification;
import org.cocare.engine.notify.NotificationDelivery.DeliveryException;
import org.cocare.engine.notify.NotificationDelivery.Transport;
import org.cocare.routes.portal.PortalLinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channels' transports: email and the SMS/push webhook hand the written notice to their Camel
 * routes ({@link DeliveryRoutes}); the portal needs no transport (the notification is the inbox
 * entry). Failures become {@link DeliveryException}s with a reason free of patient data (no
 * address, no text), permanent where trying again cannot help.
 */
final class Transports {
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private Transports() {}

  /** The portal inbox: the sent notification is what the patient sees there. */
  static Transport portal() {
    return (notification, notice) -> {};
  }

  static Transport email(ProducerTemplate producer, NoticeWriter writer) {
    return (notification, notice) -> {
      NoticeWriter.Email email = writer.email(notice);
      Exchange exchange = new DefaultExchange(producer.getCamelContext());
      exchange.getIn().setHeader("To", notification.address());
      exchange.getIn().setHeader("Subject", email.subject());
      exchange.getIn().setHeader("X-Cocare-Notification", notification.id());
      // One-click unsubscribe in the mail client (RFC 8058), the same signed link as in the text.
      exchange.getIn().setHeader("List-Unsubscribe", "<" + email.unsubscribe() + ">");
      exchange.getIn().setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      exchange.getIn().setHeader("CamelMailAlternativeBody", email.text());
      exchange.getIn().setBody(email.html());
      Exception failure = producer.send(DeliveryRoutes.EMAIL, exchange).getException();
      if (failure != null) {
        throw emailFailure(failure);
      }
    };
  }

  static Transport webhook(ProducerTemplate producer, NoticeWriter writer, PortalLinks links) {
    JsonMapper json = JsonMapper.builder().build();
    return (notification, notice) -> {
      Exchange exchange = new DefaultExchange(producer.getCamelContext());
      exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
      exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
      exchange.getIn().setHeader(IDEMPOTENCY_KEY, notification.id());
      exchange
          .getIn()
          .setBody(json.writeValueAsString(payload(notification, notice, writer, links)));
      Exception failure = producer.send(DeliveryRoutes.WEBHOOK, exchange).getException();
      if (failure != null) {
        throw webhookFailure(failure);
      }
    };
  }

  /** What the gateway gets: where to, the short text and links; no patient id, no clinical data. */
  static Map<String, Object> payload(
      Notification notification, Notice notice, NoticeWriter writer, PortalLinks links) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", notification.id());
    body.put("channel", notification.channel().code());
    body.put("to", notification.address());
    body.put("language", notification.language());
    body.put("urgent", notification.urgent());
    body.put("text", writer.shortText(notice));
    body.put("link", links.open(notification.id()).toString());
    body.put("unsubscribe", links.unsubscribe(notification.id()).toString());
    return body;
  }

  private static DeliveryException emailFailure(Exception failure) {
    Throwable cause = rootOf(failure, SendFailedException.class);
    if (cause != null) {
      return new DeliveryException("the mail server refused the address", true, null);
    }
    return new DeliveryException(
        "the mail server could not be reached or failed: " + failure.getClass().getSimpleName(),
        false,
        null);
  }

  private static DeliveryException webhookFailure(Exception failure) {
    HttpOperationFailedException http = rootOf(failure, HttpOperationFailedException.class);
    if (http != null) {
      int status = http.getStatusCode();
      // A 4xx says this request will never be accepted, except "timeout" and "too many requests".
      boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
      return new DeliveryException("the gateway answered HTTP " + status, permanent, null);
    }
    return new DeliveryException(
        "the gateway could not be reached: " + failure.getClass().getSimpleName(), false, null);
  }

  private static <T extends Throwable> T rootOf(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
