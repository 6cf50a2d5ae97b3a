package org.cocare.engine.value;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.ruleset.ValueConfiguration;

/**
 * A seeded generator of patients and followed recommendations whose true completion rates, uplift
 * and times are known, for demos and for checking that value figures cover the truth. The same
 * settings give the same data, ids included.
 *
 * <p>How each recommendation is made: each patient gets each rule's recommendation with probability
 * {@code issueShare}, issued at a uniformly random second in the {@value #ISSUE_WINDOW_DAYS} days
 * before the analysis date, and held out with probability {@code holdoutShare}. Whether it would
 * ever complete is drawn first, with probability {@code controlRate} when held out and {@code
 * controlRate + trueUplift} when notified; then the time it would take, exponential with mean
 * {@code meanDaysToComplete}. It is seen completing only when that time falls before the analysis
 * date; otherwise it is open, followed to the analysis date. Completion is counted in days begun
 * ({@code daysToComplete = ⌈time⌉}) and follow-up in days passed ({@code daysObserved = ⌊time to
 * the analysis date⌋}): then an open one followed {@code k} days is known not to have completed
 * within {@code k} days, which is what Kaplan–Meier assumes of whole-day data. Notified ones go
 * through the funnel at random (sent and delivered only by email or sms); held-out ones reach only
 * issued and, perhaps, completed. Completion does not depend on the funnel or the patient.
 *
 * <p>The true value of each figure is given by {@link SyntheticRule}'s {@code true…} methods,
 * exactly up to the one-second grid of issue times.
 */
public record SyntheticCohort(
    long seed,
    int patients,
    double holdoutShare,
    double issueShare,
    Instant analysisDate,
    List<SyntheticRule> rules) {

  /** Recommendations are issued in the year before the analysis date. */
  public static final int ISSUE_WINDOW_DAYS = 365;

  public static final List<String> GENDERS = List.of("female", "male");
  public static final List<String> EDUCATION_LEVELS = List.of("primary", "secondary", "tertiary");
  public static final List<String> VISIT_REASONS =
      List.of("check-up", "diabetes", "hypertension", "respiratory");
  public static final List<String> DEPARTMENTS =
      List.of("general-practice", "internal-medicine", "cardiology", "endocrinology");
  public static final List<String> CHANNELS = List.of("email", "sms", "portal");
  public static final List<String> LANGUAGES = List.of("en", "zh-CN");

  /** The share of patients whose record states no education, so figures show "not stated". */
  static final double EDUCATION_NOT_STATED = 0.1;

  private static final long WINDOW_SECONDS = ISSUE_WINDOW_DAYS * 86_400L;

  public SyntheticCohort {
    if (patients < 0) {
      throw new IllegalArgumentException("patients must be 0 or more, was " + patients);
    }
    if (!(holdoutShare >= 0 && holdoutShare <= 1)) {
      throw new IllegalArgumentException("holdoutShare must be in [0, 1], was " + holdoutShare);
    }
    if (!(issueShare >= 0 && issueShare <= 1)) {
      throw new IllegalArgumentException("issueShare must be in [0, 1], was " + issueShare);
    }
    Objects.requireNonNull(analysisDate, "analysisDate");
    rules = List.copyOf(rules);
    if (rules.stream().map(SyntheticRule::ruleId).distinct().count() != rules.size()) {
      throw new IllegalArgumentException("rule ids must differ: " + rules);
    }
  }

  /**
   * 1,000 patients, a fifth of recommendations held out, seven in ten patients given each rule's
   * recommendation, analysed on 2026-01-01.
   */
  public static SyntheticCohort of(long seed, List<SyntheticRule> rules) {
    return new SyntheticCohort(seed, 1000, 0.2, 0.7, Instant.parse("2026-01-01T00:00:00Z"), rules);
  }

  public SyntheticCohort withSeed(long seed) {
    return new SyntheticCohort(seed, patients, holdoutShare, issueShare, analysisDate, rules);
  }

  public SyntheticCohort withPatients(int patients) {
    return new SyntheticCohort(seed, patients, holdoutShare, issueShare, analysisDate, rules);
  }

  public SyntheticCohort withHoldoutShare(double holdoutShare) {
    return new SyntheticCohort(seed, patients, holdoutShare, issueShare, analysisDate, rules);
  }

  public SyntheticCohort withIssueShare(double issueShare) {
    return new SyntheticCohort(seed, patients, holdoutShare, issueShare, analysisDate, rules);
  }

  public SyntheticCohort withAnalysisDate(Instant analysisDate) {
    return new SyntheticCohort(seed, patients, holdoutShare, issueShare, analysisDate, rules);
  }

  /**
   * One rule of the cohort and its truth.
   *
   * @param controlRate the share of held-out recommendations that would ever complete
   * @param trueUplift what notifying adds to that share; may be 0 or negative
   * @param meanDaysToComplete the mean of the exponential time to completion of those that do
   */
  public record SyntheticRule(
      String ruleId,
      String code,
      String measure,
      Kind kind,
      ValueConfiguration configuration,
      double controlRate,
      double trueUplift,
      double meanDaysToComplete) {

    public SyntheticRule {
      Objects.requireNonNull(ruleId, "ruleId");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(kind, "kind");
      if (!(controlRate >= 0 && controlRate <= 1)) {
        throw new IllegalArgumentException(ruleId + ": controlRate must be in [0, 1]");
      }
      double notified = controlRate + trueUplift;
      if (!(notified >= 0 && notified <= 1)) {
        throw new IllegalArgumentException(
            ruleId + ": controlRate + trueUplift must be in [0, 1], was " + notified);
      }
      if (!(meanDaysToComplete > 0)) {
        throw new IllegalArgumentException(ruleId + ": meanDaysToComplete must be positive");
      }
    }

    /** The share that would ever complete: {@code p}. */
    public double eventualRate(boolean heldOut) {
      return heldOut ? controlRate : controlRate + trueUplift;
    }

    /**
     * The true share completed within {@code days} days, {@code p·(1 − exp(−days/mean))}: what gap
     * closure's Kaplan–Meier {@code 1 − S(days)} estimates for whole {@code days}.
     */
    public double trueCompletedWithin(boolean heldOut, double days) {
      return eventualRate(heldOut) * withinDays(days);
    }

    /** The true uplift in completion within {@code days}: what {@link Uplift} estimates with it. */
    public double trueUpliftWithin(double days) {
      return trueUplift * withinDays(days);
    }

    /**
     * The true share completed by the analysis date, over issue times uniform in the window {@code
     * W}: {@code p·(1 − mean/W·(1 − exp(−W/mean)))}.
     */
    public double trueCompletedByAnalysisDate(boolean heldOut) {
      return eventualRate(heldOut) * byAnalysisDate();
    }

    /**
     * The true uplift in completion by the analysis date: what {@link Uplift} estimates without
     * days.
     */
    public double trueUpliftByAnalysisDate() {
      return trueUplift * byAnalysisDate();
    }

    /**
     * The true median of {@code daysToComplete} as the data count it (days begun), among all
     * recommendations, never-completing ones included: the first whole day {@code k} with {@code
     * p·(1 − exp(−k/mean)) ≥ ½}, that is {@code ⌈−mean·ln(1 − 1/(2p))⌉} ({@code ⌈mean·ln 2⌉} when
     * all complete). Empty when {@code p ≤ ½}: then half never complete, and there is no median.
     */
    public OptionalDouble trueMedianDays(boolean heldOut) {
      double p = eventualRate(heldOut);
      if (p <= 0.5) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(Math.ceil(-meanDaysToComplete * Math.log(1 - 0.5 / p)));
    }

    private double withinDays(double days) {
      return 1 - Math.exp(-days / meanDaysToComplete);
    }

    private double byAnalysisDate() {
      double m = meanDaysToComplete;
      return 1 - m / ISSUE_WINDOW_DAYS * (1 - Math.exp(-ISSUE_WINDOW_DAYS / m));
    }
  }

  /**
   * What was generated.
   *
   * @param traits every patient's traits by patient id, in the order generated
   * @param recommendations by patient, then rule, in the order generated
   */
  public record Data(
      SyntheticCohort settings,
      Map<String, PatientTraits> traits,
      List<FollowedRecommendation> recommendations) {
    public Data {
      Objects.requireNonNull(settings, "settings");
      traits = Collections.unmodifiableMap(new LinkedHashMap<>(traits));
      recommendations = List.copyOf(recommendations);
    }

    /** The settings of a rule, with its truth. */
    public SyntheticRule rule(String ruleId) {
      return settings.rules().stream()
          .filter(r -> r.ruleId().equals(ruleId))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no synthetic rule " + ruleId));
    }
  }

  public Data generate() {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, PatientTraits> traits = new LinkedHashMap<>();
    for (int i = 0; i < patients; i++) {
      String id = "s" + seed + "-p" + String.format("%05d", i);
      traits.put(
          id,
          new PatientTraits(
              id,
              18 + random.nextInt(85 - 18 + 1),
              pick(random, GENDERS),
              random.nextDouble() < EDUCATION_NOT_STATED ? null : pick(random, EDUCATION_LEVELS),
              pick(random, VISIT_REASONS),
              pick(random, DEPARTMENTS)));
    }
    List<FollowedRecommendation> recommendations = new ArrayList<>();
    for (String patientId : traits.keySet()) {
      for (SyntheticRule rule : rules) {
        if (random.nextDouble() < issueShare) {
          recommendations.add(recommendation(random, patientId, rule));
        }
      }
    }
    return new Data(this, traits, recommendations);
  }

  private FollowedRecommendation recommendation(
      SplittableRandom random, String patientId, SyntheticRule rule) {
    long secondsBefore = 1 + random.nextLong(WINDOW_SECONDS);
    double daysFollowable = secondsBefore / 86_400.0;
    boolean heldOut = random.nextDouble() < holdoutShare;
    boolean eventually = random.nextDouble() < rule.eventualRate(heldOut);
    double time = -rule.meanDaysToComplete() * Math.log(1 - random.nextDouble());
    boolean completed = eventually && time < daysFollowable;
    Integer daysToComplete = completed ? (int) Math.ceil(time) : null;
    int daysObserved = completed ? daysToComplete : (int) Math.floor(daysFollowable);

    Set<Stage> reached = EnumSet.of(Stage.ISSUED);
    String channel = null;
    String language = null;
    if (!heldOut) {
      channel = CHANNELS.get(draw(random, 0.45, 0.35, 0.2));
      language = LANGUAGES.get(draw(random, 0.7, 0.3));
      boolean seen;
      if (channel.equals("portal")) {
        seen = random.nextDouble() < 0.4;
      } else {
        boolean sent = random.nextDouble() < 0.97;
        boolean delivered = sent && random.nextDouble() < 0.93;
        seen = delivered && random.nextDouble() < (channel.equals("sms") ? 0.7 : 0.55);
        add(reached, Stage.SENT, sent);
        add(reached, Stage.DELIVERED, delivered);
      }
      add(reached, Stage.OPENED, seen);
      add(reached, Stage.ACKNOWLEDGED, seen && random.nextDouble() < 0.5);
    }
    add(reached, Stage.COMPLETED, completed);
    return new FollowedRecommendation(
        // A name-based UUID: deterministic from the seed, and as long as the stores' ids.
        UUID.nameUUIDFromBytes((patientId + "/" + rule.ruleId()).getBytes(StandardCharsets.UTF_8))
            .toString(),
        patientId,
        rule.ruleId(),
        rule.code(),
        rule.measure(),
        rule.kind(),
        rule.configuration(),
        analysisDate.minus(Duration.ofSeconds(secondsBefore)),
        heldOut,
        channel,
        language,
        reached,
        daysToComplete,
        daysObserved);
  }

  private static String pick(SplittableRandom random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** An index drawn with the given probabilities, which add up to 1. */
  private static int draw(SplittableRandom random, double... probabilities) {
    double u = random.nextDouble();
    for (int i = 0; i < probabilities.length - 1; i++) {
      u -= probabilities[i];
      if (u < 0) {
        return i;
      }
    }
    return probabilities.length - 1;
  }

  private static void add(Set<Stage> reached, Stage stage, boolean when) {
    if (when) {
      reached.add(stage);
    }
  }
}
