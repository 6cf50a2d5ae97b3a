package org.cocare.engine.evaluation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.cocare.engine.rules.CompiledRuleSet;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.engine.rules.RuleOutput;
import org.cocare.rules.model.EvaluationContext;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.ruleset.RuleBase;
import org.hl7.fhir.r4.model.Resource;

/**
 * Evaluates a patient's record against the active rule set. The as-of date is explicit or today in
 * the injected clock's zone; the measurement period is the calendar year of the as-of date.
 */
public final class Evaluator {
  private final RuleEngine rules;
  private final Clock clock;
  private final Timer timer;

  public Evaluator(RuleEngine rules, Clock clock, MeterRegistry meters) {
    this.rules = rules;
    this.clock = clock;
    this.timer =
        Timer.builder("cocare.evaluations")
            .description("Evaluations of one patient's record against the active rule set")
            .register(meters);
  }

  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /** Explains the evaluation of the patient's record as of {@code asOf} (default today). */
  public Explanation explain(
      String patientId, Collection<? extends Resource> record, LocalDate asOf) {
    LocalDate date = asOf != null ? asOf : today();
    EvaluationContext context = EvaluationContext.asOf(date);
    CompiledRuleSet active = rules.active();
    RuleBase.Firing firing =
        active.ruleBase().fire(active.mapper().facts(record), context, active.parameters(), true);
    return Explanation.of(
        patientId,
        date,
        context.periodStart(),
        context.periodEnd(),
        active.ruleSet().label(),
        firing.derivations());
  }

  /** Evaluates against the active rule set. */
  public Evaluation evaluate(
      String patientId, Collection<? extends Resource> record, LocalDate asOf) {
    return evaluate(patientId, record, asOf, rules.active());
  }

  /**
   * Evaluates against {@code ruleSet}, active or not (e.g. a draft in an impact preview); the facts
   * are mapped with that rule set's own terminology.
   */
  public Evaluation evaluate(
      String patientId,
      Collection<? extends Resource> record,
      LocalDate asOf,
      CompiledRuleSet ruleSet) {
    LocalDate date = asOf != null ? asOf : today();
    return timer.record(
        () -> {
          List<Object> facts = ruleSet.mapper().facts(record);
          if (facts.stream().noneMatch(PatientFact.class::isInstance)) {
            // A record starts with its Patient: without one (not arrived yet, or deleted) there is
            // nobody to recommend anything to, whatever else the record holds.
            return new Evaluation(patientId, date, ruleSet.ruleSet().label(), List.of(), List.of());
          }
          RuleOutput output = rules.evaluate(ruleSet, facts, EvaluationContext.asOf(date));
          return new Evaluation(
              patientId,
              date,
              output.ruleSetVersion(),
              output.recommendations(),
              output.gapsClosed());
        });
  }
}
