package org.cocare.engine.rulesets;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.cocare.engine.evaluation.Evaluation;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.record.PatientRecordStore;
import org.cocare.engine.rules.CompiledRuleSet;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.rules.recommendation.Recommendation;
import org.cocare.rules.ruleset.RuleSet;
import org.cocare.rules.ruleset.RuleSetCompilationException;
import org.hl7.fhir.r4.model.Resource;

/**
 * What activating a version would change: the candidate and the active version evaluated over the
 * same patients as of the same date, and per recommendation code how many patients would gain or
 * lose it, with a few of them as examples. Writes nothing.
 */
public final class ImpactPreview {
  /** Patients named per code and direction. */
  static final int EXAMPLES = 5;

  private final PatientRecordStore records;
  private final Evaluator evaluator;
  private final RuleEngine engine;

  public ImpactPreview(PatientRecordStore records, Evaluator evaluator, RuleEngine engine) {
    this.records = records;
    this.evaluator = evaluator;
    this.engine = engine;
  }

  /** The patients whose recommendations with {@code code} differ between the two versions. */
  public record Change(
      String code, int gained, int lost, List<String> gainedBy, List<String> lostBy) {}

  public record Impact(
      String active, String candidate, LocalDate asOf, int patients, List<Change> changes) {}

  /** Over up to {@code limit} stored patients. */
  public Impact stored(RuleSet candidate, LocalDate asOf, int limit) {
    Map<String, List<Resource>> sample = new TreeMap<>();
    records.patientIds(limit).forEach(id -> sample.put(id, records.load(id)));
    return of(candidate, asOf, sample);
  }

  /** Over the given records (e.g. the examples), by patient id. */
  public Impact of(RuleSet candidate, LocalDate asOf, Map<String, List<Resource>> sample) {
    CompiledRuleSet active = engine.active();
    CompiledRuleSet draft;
    try {
      draft = engine.compile(candidate);
    } catch (RuleSetCompilationException e) {
      throw new RuleSetException(
          RuleSetException.Reason.INVALID,
          candidate.label() + " does not compile: no preview",
          e.problems());
    }
    LocalDate date = asOf != null ? asOf : evaluator.today();
    Map<String, Set<String>> gained = new TreeMap<>();
    Map<String, Set<String>> lost = new TreeMap<>();
    sample.forEach(
        (patient, record) -> {
          Set<String> before = codes(evaluator.evaluate(patient, record, date, active));
          Set<String> after = codes(evaluator.evaluate(patient, record, date, draft));
          after.stream()
              .filter(c -> !before.contains(c))
              .forEach(c -> gained.computeIfAbsent(c, k -> new TreeSet<>()).add(patient));
          before.stream()
              .filter(c -> !after.contains(c))
              .forEach(c -> lost.computeIfAbsent(c, k -> new TreeSet<>()).add(patient));
        });
    Set<String> codes = new TreeSet<>(gained.keySet());
    codes.addAll(lost.keySet());
    List<Change> changes = new ArrayList<>();
    for (String code : codes) {
      Set<String> in = gained.getOrDefault(code, Set.of());
      Set<String> out = lost.getOrDefault(code, Set.of());
      changes.add(
          new Change(
              code,
              in.size(),
              out.size(),
              in.stream().limit(EXAMPLES).toList(),
              out.stream().limit(EXAMPLES).toList()));
    }
    return new Impact(
        active.ruleSet().label(), candidate.label(), date, sample.size(), List.copyOf(changes));
  }

  private static Set<String> codes(Evaluation evaluation) {
    return evaluation.recommendations().stream()
        .map(Recommendation::code)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
