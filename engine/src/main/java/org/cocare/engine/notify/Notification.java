package org.cocare.engine.notify;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.cocare.fhir.outreach.Channel;

/**
 * One message in the outbox: to whom and where, in which language, announcing which
 * recommendations, not before when; its delivery status and attempts. {@code id} is the idempotency
 * key a gateway is given.
 */
public record Notification(
    String id,
    String patientId,
    Channel channel,
    String address,
    String language,
    boolean urgent,
    List<String> recommendationIds,
    Status status,
    Instant notBefore,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt,
    Instant sentAt) {

  public enum Status {
    PLANNED,
    SENT,
    FAILED,
    /**
     * Never sent and never will be: withdrawn while planned, because nothing it announced is open
     * any more or because the patient opted out.
     */
    CANCELLED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Status of(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }
  }

  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(language, "language");
    recommendationIds = List.copyOf(recommendationIds);
    if (recommendationIds.isEmpty()) {
      throw new IllegalArgumentException("notification " + id + " announces no recommendation");
    }
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A new, planned notification from a planned message. */
  public static Notification planned(
      String id, String patientId, NotificationPlanner.Message message, Instant now) {
    return new Notification(
        id,
        patientId,
        message.channel(),
        message.address(),
        message.language(),
        message.urgent(),
        message.recommendationIds(),
        Status.PLANNED,
        message.notBefore(),
        0,
        message.notBefore(),
        null,
        now,
        null);
  }
}
