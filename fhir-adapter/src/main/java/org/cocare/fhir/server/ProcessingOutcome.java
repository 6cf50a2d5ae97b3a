package org.cocare.fhir.server;

import java.util.List;
import java.util.Objects;

/**
 * The result of processing a stored message: processed (with what it changed), a duplicate of an
 * earlier one (nothing changed), or failed (kept in the dead-letter store as {@code deadLetterId}).
 */
public record ProcessingOutcome(
    String messageId,
    Status status,
    List<String> changed,
    List<String> patients,
    int recommendationsIssued,
    int recommendationsClosed,
    String deadLetterId,
    String error) {

  public enum Status {
    PROCESSED,
    DUPLICATE,
    FAILED
  }

  public ProcessingOutcome {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(status, "status");
    changed = changed == null ? List.of() : List.copyOf(changed);
    patients = patients == null ? List.of() : List.copyOf(patients);
  }

  public static ProcessingOutcome processed(
      String messageId, List<String> changed, List<String> patients, int issued, int closed) {
    return new ProcessingOutcome(
        messageId, Status.PROCESSED, changed, patients, issued, closed, null, null);
  }

  public static ProcessingOutcome duplicate(String messageId) {
    return new ProcessingOutcome(messageId, Status.DUPLICATE, null, null, 0, 0, null, null);
  }

  public static ProcessingOutcome failed(String messageId, String deadLetterId, String error) {
    return new ProcessingOutcome(messageId, Status.FAILED, null, null, 0, 0, deadLetterId, error);
  }
}
