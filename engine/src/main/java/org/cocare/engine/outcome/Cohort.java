package org.cocare.engine.outcome;

import java.util.Arrays;

/**
 * Which side of a rule's randomised holdout a recommendation is on: {@link #CONTROL} (held out:
 * recorded, never notified) or {@link #INTERVENTION} (everything else). Comparing the two is what
 * shows whether notifying made a difference.
 */
public enum Cohort {
  CONTROL("control"),
  INTERVENTION("intervention");

  private final String code;

  Cohort(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Cohort fromCode(String code) {
    return Arrays.stream(values())
        .filter(c -> c.code.equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown cohort: " + code + " (known: control, intervention)"));
  }
}
