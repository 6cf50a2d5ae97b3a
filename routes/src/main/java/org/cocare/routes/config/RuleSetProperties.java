package org.cocare.routes.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cocare.rulesets.*}: whether activating a version needs an approval by a second person
 * ({@code four-eyes}, on unless configured off), and how long an activation request waits for the
 * compile before answering 202 Accepted instead of the activated version ({@code activation-wait}).
 */
@ConfigurationProperties("cocare.rulesets")
public record RuleSetProperties(Boolean fourEyes, Duration activationWait) {
  public RuleSetProperties {
    fourEyes = fourEyes == null || fourEyes;
    activationWait = activationWait == null ? Duration.ofSeconds(30) : activationWait;
  }
}
