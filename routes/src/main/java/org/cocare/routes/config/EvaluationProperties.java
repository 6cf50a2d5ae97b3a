package org.cocare.routes.config;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cocare.evaluation.*}: the time zone whose calendar date is "today" when no as-of date is
 * given.
 */
@ConfigurationProperties("cocare.evaluation")
public record EvaluationProperties(ZoneId zone) {
  public EvaluationProperties {
    zone = zone == null ? ZoneId.of("UTC") : zone;
  }
}
