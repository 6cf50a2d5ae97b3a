package org.cocare.engine.notify;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Objects;
import org.cocare.rules.recommendation.Kind;

/**
 * The hospital's rules for reaching patients: quiet hours (in the patient's zone; urgent items go
 * anyway), how many items one patient may be told about in any seven days across all rules, how
 * long before the same open recommendation may be mentioned again (per kind), and per rule the
 * fraction of patients held out as the control group.
 */
public record NotificationPolicy(
    LocalTime quietFrom,
    LocalTime quietUntil,
    int weeklyCap,
    Map<Kind, Duration> renotifyAfter,
    Map<String, Double> holdoutByRule) {

  /**
   * Re-notify intervals unless configured: education twice a year, screening monthly, follow-up
   * weekly.
   */
  public static final Map<Kind, Duration> DEFAULT_RENOTIFY =
      Map.of(
          Kind.EDUCATION, Duration.ofDays(180),
          Kind.SCREENING_REMINDER, Duration.ofDays(30),
          Kind.FOLLOW_UP_TASK, Duration.ofDays(7));

  public static final LocalTime DEFAULT_QUIET_FROM = LocalTime.of(21, 0);
  public static final LocalTime DEFAULT_QUIET_UNTIL = LocalTime.of(8, 0);
  public static final int DEFAULT_WEEKLY_CAP = 3;

  /** The defaults: quiet 21:00 to 08:00, three items a week, the default intervals, no holdout. */
  public static NotificationPolicy defaults() {
    return new NotificationPolicy(
        DEFAULT_QUIET_FROM, DEFAULT_QUIET_UNTIL, DEFAULT_WEEKLY_CAP, DEFAULT_RENOTIFY, Map.of());
  }

  public NotificationPolicy {
    Objects.requireNonNull(quietFrom, "quietFrom");
    Objects.requireNonNull(quietUntil, "quietUntil");
    if (weeklyCap < 1) {
      throw new IllegalArgumentException(
          "the weekly cap must allow at least one item, was " + weeklyCap);
    }
    renotifyAfter = Map.copyOf(renotifyAfter);
    for (Kind kind : Kind.values()) {
      if (!renotifyAfter.containsKey(kind)) {
        throw new IllegalArgumentException("no re-notify interval for " + kind.code());
      }
    }
    holdoutByRule = Map.copyOf(holdoutByRule);
    holdoutByRule.forEach(
        (rule, fraction) -> {
          if (fraction < 0 || fraction >= 1) {
            throw new IllegalArgumentException(
                "holdout of " + rule + " must be at least 0 and below 1, was " + fraction);
          }
        });
  }

  /** Whether {@code time} falls in the quiet hours, which may span midnight (22:00 to 08:00). */
  boolean isQuiet(LocalTime time) {
    if (quietFrom.equals(quietUntil)) {
      return false;
    }
    return quietFrom.isBefore(quietUntil)
        ? !time.isBefore(quietFrom) && time.isBefore(quietUntil)
        : !time.isBefore(quietFrom) || time.isBefore(quietUntil);
  }

  double holdout(String ruleId) {
    return holdoutByRule.getOrDefault(ruleId, 0.0);
  }
}
