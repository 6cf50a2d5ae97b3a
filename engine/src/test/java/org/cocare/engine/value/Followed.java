package org.cocare.engine.value;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.ruleset.ValueConfiguration;

/**
 * Builds {@link FollowedRecommendation}s for tests: a notified chain screening reminder of rule
 * {@code r1}, issued on {@link #ISSUED}, announced by email in English, open and followed 100 days,
 * unless told otherwise.
 */
final class Followed {
  static final Instant ISSUED = Instant.parse("2025-03-01T09:00:00Z");

  private static int next;

  private String id = "rec-" + ++next;
  private String patientId = "p1";
  private String ruleId = "r1";
  private String code = "c1";
  private String measure = "m1";
  private Kind kind = Kind.SCREENING_REMINDER;
  private ValueConfiguration configuration = ValueConfiguration.CHAIN;
  private Instant issuedAt = ISSUED;
  private boolean heldOut;
  private String channel = "email";
  private String language = "en";
  private final Set<Stage> reached = EnumSet.of(Stage.ISSUED);
  private Integer daysToComplete;
  private int daysObserved = 100;

  static Followed rec() {
    return new Followed();
  }

  Followed patient(String patientId) {
    this.patientId = patientId;
    return this;
  }

  Followed rule(String ruleId) {
    this.ruleId = ruleId;
    return this;
  }

  Followed measure(String measure) {
    this.measure = measure;
    return this;
  }

  Followed configuration(ValueConfiguration configuration) {
    this.configuration = configuration;
    return this;
  }

  Followed issuedDaysBefore(Instant date, long days) {
    this.issuedAt = date.minus(Duration.ofDays(days));
    return this;
  }

  Followed issuedAt(Instant issuedAt) {
    this.issuedAt = issuedAt;
    return this;
  }

  /** Held out: never announced, so no channel or language. */
  Followed heldOut() {
    this.heldOut = true;
    this.channel = null;
    this.language = null;
    return this;
  }

  Followed channel(String channel) {
    this.channel = channel;
    return this;
  }

  Followed reached(Stage... stages) {
    reached.addAll(Arrays.asList(stages));
    return this;
  }

  Followed completedAfter(int days) {
    reached.add(Stage.COMPLETED);
    this.daysToComplete = days;
    this.daysObserved = days;
    return this;
  }

  Followed openFor(int days) {
    this.daysObserved = days;
    return this;
  }

  FollowedRecommendation build() {
    return new FollowedRecommendation(
        id,
        patientId,
        ruleId,
        code,
        measure,
        kind,
        configuration,
        issuedAt,
        heldOut,
        channel,
        language,
        reached,
        daysToComplete,
        daysObserved);
  }
}
