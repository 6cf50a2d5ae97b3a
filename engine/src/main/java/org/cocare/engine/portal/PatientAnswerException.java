package org.cocare.engine.portal;

import java.util.List;
import java.util.Objects;

/**
 * A patient's answer that cannot be taken: the recommendation is not theirs (or does not exist), it
 * is closed, or the answer itself is invalid. {@code problem} is a stable short name (e.g. {@code
 * rating-range}) a page can translate, with {@code arguments} for its message; the exception's
 * message is the same in English and never repeats what the patient wrote.
 */
public final class PatientAnswerException extends RuntimeException {

  public enum Reason {
    /** No such recommendation for this patient: indistinguishable from not existing at all. */
    NOT_FOUND,
    /** The recommendation was completed or closed; it takes no more answers. */
    CLOSED,
    /** The answer is incomplete or out of range. */
    INVALID
  }

  private final Reason reason;
  private final String problem;
  private final List<Object> arguments;

  public PatientAnswerException(
      Reason reason, String problem, String message, List<Object> arguments) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.problem = Objects.requireNonNull(problem, "problem");
    this.arguments = List.copyOf(arguments);
  }

  public Reason reason() {
    return reason;
  }

  public String problem() {
    return problem;
  }

  public List<Object> arguments() {
    return arguments;
  }

  static PatientAnswerException invalid(String problem, String message, Object... arguments) {
    return new PatientAnswerException(Reason.INVALID, problem, message, List.of(arguments));
  }
}
