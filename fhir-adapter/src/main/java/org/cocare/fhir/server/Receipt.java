package org.cocare.fhir.server;

import java.util.Objects;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * What receiving a body came to. The body is stored in every case; {@code messageId} names the
 * stored message (for a duplicate, the original). A rejection carries the outcome and HTTP status.
 */
public record Receipt(String messageId, Status status, OperationOutcome outcome, int httpStatus) {
  public enum Status {
    /** Stored and valid; to be processed. */
    ACCEPTED,
    /** The same message arrived before; {@code messageId} is the original. */
    DUPLICATE,
    /** Stored and refused as malformed or invalid. */
    REJECTED
  }

  public Receipt {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(status, "status");
    if (status == Status.REJECTED && outcome == null) {
      throw new IllegalArgumentException("a rejection needs an outcome");
    }
  }
}
