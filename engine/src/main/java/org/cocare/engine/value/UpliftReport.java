package org.cocare.engine.value;

import java.util.List;
import java.util.Objects;
import org.cocare.rules.ruleset.ValueConfiguration;

/**
 * Whether notifying made a difference, per rule: completion among notified against held-out
 * recommendations (see {@link Uplift}). Rules come in id order.
 *
 * @param withinDays completion within this many days of issue; null: completed by the analysis date
 */
public record UpliftReport(Integer withinDays, List<RuleUplift> rules) {
  public UpliftReport {
    if (withinDays != null && withinDays <= 0) {
      throw new IllegalArgumentException("withinDays must be positive, was " + withinDays);
    }
    rules = List.copyOf(rules);
  }

  /** The figure for a rule; throws when the report has none for it. */
  public RuleUplift rule(String ruleId) {
    return rules.stream()
        .filter(r -> r.ruleId().equals(ruleId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no uplift for rule " + ruleId));
  }

  /**
   * One rule's uplift. All intervals are 95%.
   *
   * @param configuration the rule's value configuration; null when its metadata names none
   * @param notified completed of the notified (not held-out) recommendations
   * @param notifiedRate {@code notified}'s Wilson interval
   * @param heldOut completed of the held-out recommendations
   * @param heldOutRate {@code heldOut}'s Wilson interval
   * @param difference notified minus held-out rate with Newcombe's hybrid score interval; null
   *     (with every figure below it null, and not {@code effective}) when either arm is empty
   * @param relativeUplift {@code difference / held-out rate}; null when the held-out rate is 0
   * @param pValue two-sided, of the pooled two-proportion z-test (the 2×2 chi-square test without
   *     continuity correction); 1 when every recommendation, or none, completed
   * @param numberNeededToNotify {@code 1 / difference}: how many patients to notify for one more
   *     completion (round up to present it); negative when notifying lowered completion, where it
   *     is a number needed to harm; null when the difference is 0
   * @param numberNeededToNotifyInterval the difference's bounds inverted, {@code [1/upper,
   *     1/lower]}; null when the difference's interval includes 0, since its inverse is then not an
   *     interval but two rays through infinity, from "benefit at least" to "harm at least" (Altman,
   *     BMJ 1998;317:1309), which is read as: not shown to make a difference
   * @param includesZero the difference's interval includes 0: not shown effective (nor harmful)
   * @param effective the difference's lower bound is above 0: notifying was shown to help
   */
  public record RuleUplift(
      String ruleId,
      ValueConfiguration configuration,
      Proportion notified,
      Interval notifiedRate,
      Proportion heldOut,
      Interval heldOutRate,
      Interval difference,
      Double relativeUplift,
      Double pValue,
      Double numberNeededToNotify,
      Interval numberNeededToNotifyInterval,
      boolean includesZero,
      boolean effective) {
    public RuleUplift {
      Objects.requireNonNull(ruleId, "ruleId");
      Objects.requireNonNull(notified, "notified");
      Objects.requireNonNull(heldOut, "heldOut");
      if (effective && includesZero) {
        throw new IllegalArgumentException(
            ruleId + ": an interval that includes 0 does not show an effect");
      }
      if (numberNeededToNotifyInterval != null && includesZero) {
        throw new IllegalArgumentException(
            ruleId + ": the number needed has no interval when the difference's includes 0");
      }
    }
  }
}
