package org.cocare.engine.rulesets;

import java.util.List;

/**
 * A rule-set operation that cannot be done, and why: the version does not exist, is in the wrong
 * state for it, the person may not do it (four eyes), or the rule set is not valid ({@code
 * problems}: every error with file, line and column).
 */
public final class RuleSetException extends RuntimeException {
  public enum Reason {
    NOT_FOUND,
    CONFLICT,
    FORBIDDEN,
    INVALID
  }

  private final Reason reason;
  private final List<String> problems;

  public RuleSetException(Reason reason, String message) {
    this(reason, message, List.of());
  }

  public RuleSetException(Reason reason, String message, List<String> problems) {
    super(message);
    this.reason = reason;
    this.problems = List.copyOf(problems);
  }

  public Reason reason() {
    return reason;
  }

  public List<String> problems() {
    return problems;
  }
}
