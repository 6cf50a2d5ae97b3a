package org.cocare.engine.outcome;

import java.util.Arrays;

/**
 * What happened to a recommendation, in the order a recommendation usually lives through them (a
 * timeline sorts events of the same instant in this order). {@link #code()} is the stable external
 * name, stored and shown in the API.
 *
 * <p>{@link #SELF_REPORTED_DONE} (the patient says so) is deliberately not {@link #COMPLETED}
 * (evidence arrived and the rules closed the gap): outcome reports must not count one as the other.
 */
public enum OutcomeKind {
  ISSUED("issued"),
  HELD_OUT("held-out"),
  /** Not notified for now, with the reason: consent, the weekly cap. */
  WITHHELD("withheld"),
  PLANNED("planned"),
  SENT("sent"),
  DELIVERED("delivered"),
  FAILED("failed"),
  OPENED("opened"),
  ACKNOWLEDGED("acknowledged"),
  SELF_REPORTED_DONE("self-reported-done"),
  DECLINED("declined"),
  SNOOZED("snoozed"),
  /** The patient's 1–5 rating of how useful the item was; the detail says {@code rating=N}. */
  RATED("rated"),
  COMPLETED("completed"),
  EXPIRED("expired"),
  SUPERSEDED("superseded");

  private final String code;

  OutcomeKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /**
   * Whether only the recommendation lifecycle may record this kind: these go with a change of the
   * recommendation itself (inserted, or closed), so recording them alone would contradict it.
   */
  public boolean changesRecommendation() {
    return this == ISSUED || this == COMPLETED || this == EXPIRED || this == SUPERSEDED;
  }

  public static OutcomeKind fromCode(String code) {
    return Arrays.stream(values())
        .filter(k -> k.code.equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown outcome kind: "
                        + code
                        + " (known: "
                        + String.join(", ", Arrays.stream(values()).map(k -> k.code).toList())
                        + ")"));
  }
}
