package org.cocare.engine.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cocare.engine.outcome.OutcomeKind;
import org.cocare.engine.recommendation.RecommendationLifecycle;
import org.cocare.fhir.outreach.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox: each due notification is claimed, written ({@link NoticeComposer}) and
 * handed to its channel's {@link Transport}. Success marks it sent and records "sent" for every
 * item (the portal inbox also "delivered": it is there); a failure is retried with exponential
 * backoff, and a permanent failure — the transport says so, or the attempts are used up — is marked
 * failed and recorded. Retries live in the outbox, not in memory, so a restart neither loses nor
 * repeats them.
 */
public final class NotificationDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);

  /** Sends one notice over one channel; throws when it was not accepted. */
  @FunctionalInterface
  public interface Transport {
    void send(Notification notification, Notice notice) throws DeliveryException;
  }

  /**
   * A failed attempt; {@code permanent} when trying again cannot help (a rejected address). The
   * message is logged and recorded: it must name no address and quote nothing that was sent.
   */
  public static final class DeliveryException extends Exception {
    private final boolean permanent;

    public DeliveryException(String message, boolean permanent, Throwable cause) {
      super(message, cause);
      this.permanent = permanent;
    }

    public boolean permanent() {
      return permanent;
    }
  }

  /**
   * Retry policy: the first retry after {@code initial}, doubling up to {@code max}; given up after
   * {@code maxAttempts}; one attempt may hold a notification for {@code lease}.
   */
  public record Retry(Duration initial, Duration max, int maxAttempts, Duration lease) {
    public Retry {
      Objects.requireNonNull(initial, "initial");
      Objects.requireNonNull(max, "max");
      Objects.requireNonNull(lease, "lease");
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
    }

    /** How long to wait after the {@code attempts}-th failed attempt (1-based). */
    public Duration after(int attempts) {
      Duration wait = initial;
      for (int i = 1; i < attempts && wait.compareTo(max) < 0; i++) {
        wait = wait.multipliedBy(2);
      }
      return wait.compareTo(max) > 0 ? max : wait;
    }
  }

  private final NotificationStore store;
  private final NoticeComposer composer;
  private final Map<Channel, Transport> transports;
  private final RecommendationLifecycle lifecycle;
  private final TransactionTemplate transactions;
  private final Retry retry;
  private final Clock clock;

  public NotificationDelivery(
      NotificationStore store,
      NoticeComposer composer,
      Map<Channel, Transport> transports,
      RecommendationLifecycle lifecycle,
      TransactionTemplate transactions,
      Retry retry,
      Clock clock) {
    this.store = store;
    this.composer = composer;
    this.transports = Map.copyOf(transports);
    this.lifecycle = lifecycle;
    this.transactions = transactions;
    this.retry = retry;
    this.clock = clock;
  }

  /** Delivers up to {@code limit} due notifications; how many were sent. */
  public int deliverDue(int limit) {
    int sent = 0;
    for (Notification n : store.due(clock.instant(), limit)) {
      if (deliver(n)) {
        sent++;
      }
    }
    return sent;
  }

  /** One attempt at one notification; true when it was sent by this call. */
  public boolean deliver(Notification n) {
    Instant now = clock.instant();
    if (!store.claim(n.id(), now, now.plus(retry.lease()))) {
      return false;
    }
    Optional<Notice> notice = composer.compose(n);
    if (notice.isEmpty()) {
      store.cancel(n.id(), "nothing left to announce: closed, or answered by the patient");
      LOG.info("notification {} cancelled: nothing left to announce", n.id());
      return false;
    }
    Transport transport = transports.get(n.channel());
    try {
      if (transport == null) {
        throw new DeliveryException(
            "no " + n.channel().code() + " gateway is configured", true, null);
      }
      transport.send(n, notice.get());
    } catch (DeliveryException e) {
      failed(n, e.getMessage(), e.permanent());
      return false;
    } catch (RuntimeException e) {
      // An unexpected failure's message may quote what was sent: its type is enough here.
      failed(n, "unexpected " + e.getClass().getSimpleName(), false);
      return false;
    }
    sent(n, notice.get());
    return true;
  }

  /**
   * A gateway's receipt for a sent notification: delivered to the device, or failed after all.
   * False when the notification is unknown or was never sent.
   */
  public boolean receipt(String notificationId, boolean delivered, String detail) {
    Optional<Notification> found = store.find(notificationId);
    if (found.isEmpty() || found.get().status() != Notification.Status.SENT) {
      return false;
    }
    Notification n = found.get();
    Instant now = clock.instant();
    String text =
        detail == null || detail.isBlank()
            ? n.channel().code()
            : n.channel().code() + ": " + detail;
    transactions.executeWithoutResult(
        status ->
            n.recommendationIds()
                .forEach(
                    id ->
                        lifecycle.record(
                            id,
                            delivered ? OutcomeKind.DELIVERED : OutcomeKind.FAILED,
                            now,
                            text)));
    return true;
  }

  private void sent(Notification n, Notice notice) {
    Instant at = clock.instant();
    transactions.executeWithoutResult(
        status -> {
          if (!store.markSent(n.id(), at)) {
            LOG.warn("notification {} was sent, but another deliverer had marked it", n.id());
            return;
          }
          for (Notice.Item item : notice.items()) {
            lifecycle.record(item.recommendationId(), OutcomeKind.SENT, at, n.channel().code());
            if (n.channel() == Channel.PORTAL) {
              lifecycle.record(item.recommendationId(), OutcomeKind.DELIVERED, at, "portal");
            }
          }
        });
    LOG.info("notification {} sent by {}", n.id(), n.channel().code());
  }

  private void failed(Notification n, String error, boolean permanent) {
    Instant now = clock.instant();
    int attempts = n.attempts() + 1;
    if (!permanent && attempts < retry.maxAttempts()) {
      Duration wait = retry.after(attempts);
      store.retryLater(n.id(), error, now.plus(wait));
      LOG.info("notification {} attempt {} failed ({}), next in {}", n.id(), attempts, error, wait);
      return;
    }
    transactions.executeWithoutResult(
        status -> {
          store.markFailed(n.id(), error);
          n.recommendationIds()
              .forEach(
                  id ->
                      lifecycle.record(
                          id, OutcomeKind.FAILED, now, n.channel().code() + ": " + error));
        });
    LOG.warn(
        "notification {} failed permanently after {} attempt(s) by {}: {}",
        n.id(),
        attempts,
        n.channel().code(),
        error);
  }
}
