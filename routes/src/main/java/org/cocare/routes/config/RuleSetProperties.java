package org.cocare.routes.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cocare.rulesets.*}: whether activating a version needs an approval by a second person
 * ({@code four-eyes}, on unless configured off), how long an activation request waits for the
 * compile before answering 202 Accepted instead of the activated version ({@code activation-wait}),
 * and the folder of the measure stewards' eCQM test cases every version is tested against ({@code
 * ecqm-cases-dir}, none by default; it needs the measures' value sets in {@code
 * cocare.terminology.valueset-dirs}).
 */
@ConfigurationProperties("cocare.rulesets")
public record RuleSetProperties(Boolean fourEyes, Duration activationWait, Path ecqmCasesDir) {
  public RuleSetProperties {
    fourEyes = fourEyes == null || fourEyes;
    activationWait = activationWait == null ? Duration.ofSeconds(30) : activationWait;
  }
}
