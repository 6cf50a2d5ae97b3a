package org.cocare.rules.ruleset;

import java.util.Arrays;

/**
 * How a rule creates value with the patient, in Stabell and Fjeldstad's value configurations, named
 * in the rule's metadata ({@value RuleSet#RULES_FILE}, column {@code configuration}) so that value
 * analysis can compare them.
 */
public enum ValueConfiguration {
  /**
   * A value chain: standardised reminders and education for common needs, the same for everyone who
   * qualifies.
   */
  CHAIN("chain"),
  /** A value shop: customised follow-up that a clinician works out for one patient's case. */
  SHOP("shop"),
  /** A value network: peer support and group activities that connect patients with each other. */
  NETWORK("network");

  private final String code;

  ValueConfiguration(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static ValueConfiguration fromCode(String code) {
    return Arrays.stream(values())
        .filter(c -> c.code.equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown value configuration: " + code + " (known: chain, shop, network)"));
  }
}
