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

  /** The funnel from issued to completed, per group of the dimension. */
  public FunnelReport funnel(ValueFilter filter, Dimension by) {
    Data data = load(filter);
    return Funnel.of(data.recommendations(), data.traits(), filter, by);
  }

  /** Time to completion and the share completed within 30, 90 and 180 days, per group. */
  public ClosureReport closure(ValueFilter filter, Dimension by) {
    Data data = load(filter);
    return GapClosure.of(data.recommendations(), data.traits(), filter, by);
  }

  /** Notified against held-out completion, per rule (the filter's cohort is ignored). */
  public UpliftReport uplift(ValueFilter filter, Integer withinDays) {
    Data data = load(filter);
    return Uplift.of(data.recommendations(), data.traits(), filter, withinDays, clock.instant());
  }

  /** Each questionnaire scale of the covered patients, with Cronbach's alpha. */
  public Map<org.cocare.fhir.value.Scale, ScaleReport> scales(ValueFilter filter) {
    return Scales.report(source.answers(), source.traits().values(), filter);
  }

  /** One row per covered patient who answered the questionnaire: what the models are fitted on. */
  public AnalysisDataset dataset(ValueFilter filter) {
    Data data = load(filter);
    return AnalysisDataset.of(
        source.answers(), data.traits().values(), data.recommendations(), filter);
  }

  /** Ability → behaviour → perceived value, with the gender moderation. */
  public MediationReport mediation(ValueFilter filter, Mediation settings) {
    return settings.fit(dataset(filter));
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
   * the choices do not shrink as others are made), for a filter form: the rules, measures and codes
   * issued, and the traits of the patients they were issued to.
   */
  public Map<Dimension, Set<String>> options(ValueFilter period) {
    Data data = load(period);
    Map<Dimension, Set<String>> options = new EnumMap<>(Dimension.class);
    for (Dimension d : Dimension.values()) {
      if (d == Dimension.ALL) {
        continue;
      }
      Set<String> values = new TreeSet<>();
      for (FollowedRecommendation r : data.recommendations()) {
        values.add(
            d.groupOf(
                r,
                data.traits().getOrDefault(r.patientId(), PatientTraits.unknown(r.patientId()))));
      }
      values.remove(Dimension.NOT_STATED);
      options.put(d, values);
    }
    return options;
  }

  private Data load(ValueFilter filter) {
    return new Data(
        new ArrayList<>(source.recommendations(filter.from(), filter.to(), configurations.get())),
        source.traits());
  }

  private record Data(
      List<FollowedRecommendation> recommendations, Map<String, PatientTraits> traits) {}
}
