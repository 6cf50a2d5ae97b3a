package org.cocare.engine.value;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.cocare.fhir.recommendation.GapClosureCounts;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.fhir.value.QuestionnaireAnswers;
import org.cocare.fhir.value.Scale;
import org.cocare.rules.ruleset.ValueConfiguration;

/**
 * Value analysis on what the stores hold now: each figure reads the recommendations its filter's
 * period covers, the patients' traits and their questionnaire answers, and computes in memory. The
 * analysis date is the clock's now; rules are placed in their value configuration by the active
 * rule set's metadata (a rule it no longer has has none).
 */
public final class ValueAnalysis {
  private final ValueSource source;
  private final Supplier<Function<String, ValueConfiguration>> configurations;
  private final Clock clock;

  public ValueAnalysis(
      ValueSource source,
      Supplier<Function<String, ValueConfiguration>> configurations,
      Clock clock) {
    this.source = source;
    this.configurations = configurations;
    this.clock = clock;
  }

  /**
   * What the stores hold for the recommendations issued in the filter's period (the rest of the
   * filter does not narrow the read): read once, for several figures on the same data (a page
   * showing them all).
   */
  public Snapshot read(ValueFilter period) {
    return new Snapshot(
        new ArrayList<>(source.recommendations(period.from(), period.to(), configurations.get())),
        source.traits(),
        source::answers,
        clock.instant());
  }

  /** The funnel from issued to completed, per group of the dimension. */
  public FunnelReport funnel(ValueFilter filter, Dimension by) {
    return read(filter).funnel(filter, by);
  }

  /** Time to completion and the share completed within 30, 90 and 180 days, per group. */
  public ClosureReport closure(ValueFilter filter, Dimension by) {
    return read(filter).closure(filter, by);
  }

  /** Notified against held-out completion, per rule (the filter's cohort is ignored). */
  public UpliftReport uplift(ValueFilter filter, Integer withinDays) {
    return read(filter).uplift(filter, withinDays);
  }

  /** Each questionnaire scale of the covered patients, with Cronbach's alpha. */
  public Map<Scale, ScaleReport> scales(ValueFilter filter) {
    return read(filter).scales(filter);
  }

  /** One row per covered patient who answered the questionnaire: what the models are fitted on. */
  public AnalysisDataset dataset(ValueFilter filter) {
    return read(filter).dataset(filter);
  }

  /** Ability → behaviour → perceived value, with the gender moderation. */
  public MediationReport mediation(ValueFilter filter, Mediation settings) {
    return read(filter).mediation(filter, settings);
  }

  /**
   * The gap-closure counts of one measure's recommendations issued from {@code start} to {@code
   * end} (both days included, UTC), followed to now: for a MeasureReport. Completed within {@code
   * d} days counts those issued at least {@code d} days ago (the others have not had the days, as
   * in {@link Uplift}); an uncompleted one that was followed for fewer days is not known either way
   * and is left out.
   */
  public GapClosureCounts measureCounts(String measure, LocalDate start, LocalDate end) {
    Objects.requireNonNull(measure, "measure");
    Instant from = start.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant now = clock.instant();
    List<FollowedRecommendation> issued =
        source.recommendations(from, to, configurations.get()).stream()
            .filter(r -> measure.equals(r.measure()))
            .toList();
    Map<Integer, GapClosureCounts.Share> within = new java.util.TreeMap<>();
    for (int days : GapClosure.HORIZONS) {
      Instant issuedBy = now.minus(Duration.ofDays(days));
      int completed = 0;
      int counted = 0;
      for (FollowedRecommendation r : issued) {
        if (r.issuedAt().isAfter(issuedBy)) {
          continue;
        }
        if (r.completed() && r.daysToComplete() <= days) {
          completed++;
          counted++;
        } else if (r.completed() || r.daysObserved() >= days) {
          counted++;
        }
      }
      within.put(days, new GapClosureCounts.Share(completed, counted));
    }
    int completed = (int) issued.stream().filter(FollowedRecommendation::completed).count();
    return new GapClosureCounts(
        measure,
        start,
        end,
        issued.size(),
        completed,
        within.get(30),
        within.get(90),
        within.get(180));
  }

  /**
   * What each filterable field takes in the data of a period (only the filter's period counts, so
   * the choices do not shrink as others are made), for a filter form.
   */
  public Map<Dimension, Set<String>> options(ValueFilter period) {
    return read(period).options();
  }

  /**
   * The recommendations of a period with their patients' traits and questionnaire answers, read at
   * one instant (the analysis date); each figure applies its own filter to them. For one request's
   * use: not thread-safe.
   */
  public static final class Snapshot {
    private final List<FollowedRecommendation> recommendations;
    private final Map<String, PatientTraits> traits;
    private final Supplier<List<QuestionnaireAnswers>> readAnswers;
    private final Instant analysisDate;
    private List<QuestionnaireAnswers> answers;

    private Snapshot(
        List<FollowedRecommendation> recommendations,
        Map<String, PatientTraits> traits,
        Supplier<List<QuestionnaireAnswers>> readAnswers,
        Instant analysisDate) {
      this.recommendations = recommendations;
      this.traits = traits;
      this.readAnswers = readAnswers;
      this.analysisDate = analysisDate;
    }

    /** Read when a figure first needs them: the funnel, closure and uplift do not. */
    private List<QuestionnaireAnswers> answers() {
      if (answers == null) {
        answers = readAnswers.get();
      }
      return answers;
    }

    public FunnelReport funnel(ValueFilter filter, Dimension by) {
      return Funnel.of(recommendations, traits, filter, by);
    }

    public ClosureReport closure(ValueFilter filter, Dimension by) {
      return GapClosure.of(recommendations, traits, filter, by);
    }

    public UpliftReport uplift(ValueFilter filter, Integer withinDays) {
      return Uplift.of(recommendations, traits, filter, withinDays, analysisDate);
    }

    public Map<Scale, ScaleReport> scales(ValueFilter filter) {
      return Scales.report(answers(), traits.values(), filter);
    }

    public AnalysisDataset dataset(ValueFilter filter) {
      return AnalysisDataset.of(answers(), traits.values(), recommendations, filter);
    }

    public MediationReport mediation(ValueFilter filter, Mediation settings) {
      return settings.fit(dataset(filter));
    }

    /**
     * What each filterable field takes in this data: the rules, measures and codes issued, and the
     * traits of the patients they were issued to.
     */
    public Map<Dimension, Set<String>> options() {
      Map<Dimension, Set<String>> options = new EnumMap<>(Dimension.class);
      for (Dimension d : Dimension.values()) {
        if (d == Dimension.ALL) {
          continue;
        }
        Set<String> values = new TreeSet<>();
        for (FollowedRecommendation r : recommendations) {
          values.add(
              d.groupOf(
                  r, traits.getOrDefault(r.patientId(), PatientTraits.unknown(r.patientId()))));
        }
        values.remove(Dimension.NOT_STATED);
        options.put(d, values);
      }
      return options;
    }
  }
}
