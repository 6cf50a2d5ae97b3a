package org.cocare.routes.config;

import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import org.cocare.engine.notify.NotificationPolicy;
import org.cocare.rules.recommendation.Kind;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cocare.notify.*}: quiet hours in the patient's zone ({@code quiet-from}, {@code
 * quiet-until}; urgent items go anyway), items per patient in any seven days ({@code weekly-cap}),
 * how long before an open item is mentioned again per kind ({@code renotify-after.education},
 * {@code .screening-reminder}, {@code .follow-up-task}), and per rule id the fraction of patients
 * held out as the control group ({@code holdout.<rule>=0.1}).
 */
@ConfigurationProperties("cocare.notify")
public record NotifyProperties(
    LocalTime quietFrom,
    LocalTime quietUntil,
    Integer weeklyCap,
    Map<String, Duration> renotifyAfter,
    Map<String, Double> holdout) {

  public NotifyProperties {
    quietFrom = quietFrom == null ? NotificationPolicy.DEFAULT_QUIET_FROM : quietFrom;
    quietUntil = quietUntil == null ? NotificationPolicy.DEFAULT_QUIET_UNTIL : quietUntil;
    weeklyCap = weeklyCap == null ? NotificationPolicy.DEFAULT_WEEKLY_CAP : weeklyCap;
    renotifyAfter = renotifyAfter == null ? Map.of() : Map.copyOf(renotifyAfter);
    holdout = holdout == null ? Map.of() : Map.copyOf(holdout);
  }

  NotificationPolicy policy() {
    Map<Kind, Duration> intervals = new EnumMap<>(NotificationPolicy.DEFAULT_RENOTIFY);
    renotifyAfter.forEach((kind, interval) -> intervals.put(Kind.fromCode(kind), interval));
    return new NotificationPolicy(quietFrom, quietUntil, weeklyCap, intervals, holdout);
  }
}
