package org.cocare.fhir.intake;

import java.util.Objects;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Incoming content was refused; {@link #outcome()} says what was wrong and where. */
public class InvalidFhirException extends RuntimeException {
  private final transient OperationOutcome outcome;
  private final ErrorCode code;

  public InvalidFhirException(ErrorCode code, String summary, OperationOutcome outcome) {
    super(summary);
    this.code = Objects.requireNonNull(code);
    this.outcome = Objects.requireNonNull(outcome);
  }

  public OperationOutcome outcome() {
    return outcome;
  }

  public ErrorCode code() {
    return code;
  }

  /**
   * The HTTP status that fits: 400 unreadable or unsupported, 401, 422 invalid, 404, 409, 403, 500.
   */
  public int httpStatus() {
    return switch (code) {
      case MALFORMED, UNSUPPORTED, INVALID_QUERY, ANSWER_INVALID -> 400;
      case PATIENT_TOKEN -> 401;
      case INVALID, RULE_SET_INVALID -> 422;
      case NOT_FOUND -> 404;
      case RULE_SET_STATE, RECOMMENDATION_CLOSED -> 409;
      case RULE_SET_FORBIDDEN, PATIENT_FORBIDDEN -> 403;
      case PROCESSING_FAILED -> 500;
    };
  }
}
