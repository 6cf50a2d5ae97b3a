package org.cocare.engine.portal;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a patient says a recommendation is not for them: a fixed list a page can offer in the
 * patient's language, so declines can be counted by reason. {@link #OTHER} needs a few words.
 */
public enum DeclineReason {
  /** Done already, somewhere Cocare has no record of. */
  DONE_ELSEWHERE("done-elsewhere"),
  /** Does not apply to them. */
  NOT_RELEVANT("not-relevant"),
  /** They do not want it. */
  PREFER_NOT("prefer-not"),
  /** Cost, distance or time stand in the way. */
  COST_OR_ACCESS("cost-or-access"),
  OTHER("other");

  private final String code;

  DeclineReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<DeclineReason> of(String code) {
    return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
  }
}
