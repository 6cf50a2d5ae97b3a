package org.cocare.engine.deadletter;

import java.time.Instant;

/** A failed message, kept for replay. {@code error} is a summary (exception type and message). */
public record DeadLetter(
    String id,
    String messageId,
    Instant failedAt,
    int attempts,
    String error,
    Status status,
    Instant replayedAt) {
  public enum Status {
    OPEN,
    REPLAYED
  }
}
