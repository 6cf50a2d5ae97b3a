package org.cocare.rules.recommendation;

import java.util.Arrays;

/** The three kinds of recommendation; {@link #code()} is the stable external name. */
public enum Kind {
  EDUCATION("education"),
  SCREENING_REMINDER("screening-reminder"),
  FOLLOW_UP_TASK("follow-up-task");

  private final String code;

  Kind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Kind fromCode(String code) {
    return Arrays.stream(values())
        .filter(k -> k.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown recommendation kind: " + code));
  }
}
