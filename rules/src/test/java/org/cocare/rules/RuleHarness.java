package org.cocare.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cocare.rules.model.Code;
import org.cocare.rules.model.ConditionFact;
import org.cocare.rules.model.EncounterFact;
import org.cocare.rules.model.EvaluationContext;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.model.ObservationFact;
import org.cocare.rules.model.Parameters;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.model.ProcedureFact;
import org.cocare.rules.model.ValueSetIndex;
import org.cocare.rules.recommendation.Recommendation;
import org.cocare.rules.ruleset.Csv;
import org.cocare.rules.ruleset.RuleBase;
import org.cocare.rules.ruleset.RuleSet;
import org.cocare.rules.scenario.FactBuilder;

/**
 * Runs the default rule set through {@link RuleBase}, the same compiling and firing the engine
 * uses, so the rules can be tested in the module clinicians edit. The engine's terminology is out
 * of reach, so value-set membership comes from the rule set's own {@code terminology.csv}; facts
 * are built as a scenario's are ({@link FactBuilder}). The rule base is compiled once per test JVM,
 * on first use.
 */
public final class RuleHarness {
  public static final RuleSet RULE_SET = RuleSet.loadDefault();

  /** Value-set membership from the default rule set's terminology.csv. */
  public static final ValueSetIndex TERMINOLOGY = terminology(RULE_SET);

  private static final FactBuilder FACTS = new FactBuilder(TERMINOLOGY);

  public static final String SNOMED = "http://snomed.info/sct";
  public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
  public static final String LOINC = "http://loinc.org";
  public static final String CPT = "http://www.ama-assn.org/go/cpt";

  private RuleHarness() {}

  /** What one evaluation produced, unmerged: every Recommendation and GapClosed in the session. */
  public record Output(List<Recommendation> recommendations, List<GapClosed> gapsClosed) {}

  public static Output evaluate(LocalDate asOf, Collection<?> facts) {
    return evaluate(asOf, facts, RULE_SET.parameters());
  }

  /** Evaluates with other thresholds than the rule set's, to show the rules read them. */
  public static Output evaluate(LocalDate asOf, Collection<?> facts, Parameters parameters) {
    return evaluate(Compiled.RULE_BASE, asOf, facts, parameters);
  }

  /** Evaluates with another rule base, e.g. the default rules rearranged. */
  public static Output evaluate(
      RuleBase ruleBase, LocalDate asOf, Collection<?> facts, Parameters parameters) {
    RuleBase.Firing firing = ruleBase.fire(facts, EvaluationContext.asOf(asOf), parameters);
    return new Output(firing.recommendations(), firing.gapsClosed());
  }

  public static PatientFact patient(String id, LocalDate birthDate) {
    return new PatientFact(id, birthDate, "female", null, false);
  }

  public static ConditionFact condition(
      String id, String system, String code, String clinicalStatus, String verificationStatus) {
    return FACTS.condition(id, system, code, clinicalStatus, verificationStatus);
  }

  public static ProcedureFact procedure(
      String id, String system, String code, String status, LocalDate performed) {
    return FACTS.procedure(id, system, code, status, performed);
  }

  public static ObservationFact observation(
      String id, String system, String code, String status, LocalDate effective) {
    return FACTS.observation(id, system, code, status, effective);
  }

  /** An observation with a quantity, a coded or a date value; any of them may be null. */
  public static ObservationFact observation(
      String id,
      String system,
      String code,
      String status,
      LocalDate effective,
      BigDecimal value,
      String valueSystem,
      String valueCode,
      LocalDate valueDate) {
    return FACTS.observation(
        id, system, code, status, effective, value, valueSystem, valueCode, valueDate);
  }

  /** An observation with a quantity value, coded values and quantity components. */
  public static ObservationFact observation(
      String id,
      String system,
      String code,
      String status,
      LocalDate effective,
      BigDecimal value,
      String unit,
      List<Code> valueCodes,
      List<ObservationFact.Component> components) {
    return FACTS.observation(
        id, system, code, status, effective, value, unit, valueCodes, components);
  }

  public static EncounterFact encounter(
      String id, String classCode, String status, LocalDate start, LocalDate end) {
    return FACTS.encounter(id, classCode, status, start, end);
  }

  private static ValueSetIndex terminology(RuleSet ruleSet) {
    Csv csv = Csv.parse(ruleSet.file(RuleSet.TERMINOLOGY_FILE));
    Map<String, Set<String>> byCoding = new HashMap<>();
    for (List<String> row : csv.rows()) {
      byCoding
          .computeIfAbsent(
              csv.cell(row, "system") + "|" + csv.cell(row, "code"), k -> new LinkedHashSet<>())
          .add(csv.cell(row, "valueset"));
    }
    return (system, code) -> Set.copyOf(byCoding.getOrDefault(system + "|" + code, Set.of()));
  }

  /** Holder, so tests that never fire a rule do not pay for compiling the rule base. */
  private static final class Compiled {
    static final RuleBase RULE_BASE = RuleBase.compile(RULE_SET);
  }

  public static RuleBase compile(RuleSet ruleSet) {
    return RuleBase.compile(ruleSet);
  }

  /** The default rule set, compiled (once per test JVM). */
  public static RuleBase ruleBase() {
    return Compiled.RULE_BASE;
  }
}
