package org.cocare.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.cocare.rules.ruleset.RuleSet;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.builder.model.KieSessionModel;
import org.kie.api.command.Command;
import org.kie.api.command.KieCommands;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.ExecutionResults;

/**
 * Runs the default rule set the way the engine does (same kmodule settings, same batch), so the
 * rules can be tested in the module clinicians edit. The engine's terminology is out of reach, so
 * value-set membership comes from the rule set's own {@code terminology.csv}. The rule base is
 * compiled once per test JVM, on first use.
 */
public final class RuleHarness {
  public static final RuleSet RULE_SET = RuleSet.loadDefault();

  /** Value-set membership from the default rule set's terminology.csv. */
  public static final ValueSetIndex TERMINOLOGY = terminology(RULE_SET);

  public static final String SNOMED = "http://snomed.info/sct";
  public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
  public static final String LOINC = "http://loinc.org";
  public static final String CPT = "http://www.ama-assn.org/go/cpt";

  private static final String RECOMMENDATIONS = "recommendations";
  private static final String GAPS_CLOSED = "gapsClosed";
  private static final Pattern PACKAGE =
      Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

  private RuleHarness() {}

  /** What one evaluation produced, unmerged: every Recommendation and GapClosed in the session. */
  public record Output(List<Recommendation> recommendations, List<GapClosed> gapsClosed) {}

  public static Output evaluate(LocalDate asOf, Collection<?> facts) {
    return evaluate(asOf, facts, RULE_SET.parameters());
  }

  /** Evaluates with other thresholds than the rule set's, to show the rules read them. */
  public static Output evaluate(LocalDate asOf, Collection<?> facts, Parameters parameters) {
    return evaluate(Compiled.KIE_BASE, asOf, facts, parameters);
  }

  /** Evaluates with another rule base, e.g. the default rules rearranged. */
  public static Output evaluate(
      KieBase kieBase, LocalDate asOf, Collection<?> facts, Parameters parameters) {
    KieCommands commands = KieServices.Factory.get().getCommands();
    List<Command<?>> batch = new ArrayList<>();
    batch.add(commands.newInsertElements(facts));
    batch.add(commands.newInsert(EvaluationContext.asOf(asOf)));
    batch.add(commands.newInsert(parameters));
    batch.add(commands.newFireAllRules());
    batch.add(commands.newGetObjects(new ClassObjectFilter(Recommendation.class), RECOMMENDATIONS));
    batch.add(commands.newGetObjects(new ClassObjectFilter(GapClosed.class), GAPS_CLOSED));
    ExecutionResults results =
        kieBase.newStatelessKieSession().execute(commands.newBatchExecution(batch));
    return new Output(
        objects(results, RECOMMENDATIONS, Recommendation.class),
        objects(results, GAPS_CLOSED, GapClosed.class));
  }

  public static PatientFact patient(String id, LocalDate birthDate) {
    return new PatientFact(id, birthDate, "female", null, false);
  }

  public static ConditionFact condition(
      String id, String system, String code, String clinicalStatus, String verificationStatus) {
    return new ConditionFact(
        id,
        List.of(new Code(system, code)),
        TERMINOLOGY.valueSetsContaining(system, code),
        clinicalStatus,
        verificationStatus,
        null,
        null,
        null);
  }

  public static ProcedureFact procedure(
      String id, String system, String code, String status, LocalDate performed) {
    return new ProcedureFact(
        id,
        List.of(new Code(system, code)),
        TERMINOLOGY.valueSetsContaining(system, code),
        status,
        performed);
  }

  public static ObservationFact observation(
      String id, String system, String code, String status, LocalDate effective) {
    return new ObservationFact(
        id,
        List.of(new Code(system, code)),
        TERMINOLOGY.valueSetsContaining(system, code),
        status,
        effective,
        null,
        null);
  }

  public static EncounterFact encounter(
      String id, String classCode, String status, LocalDate start, LocalDate end) {
    return new EncounterFact(id, List.of(), Set.of(), status, classCode, start, end, null);
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

  private static <T> List<T> objects(ExecutionResults results, String name, Class<T> type) {
    Object value = results.getValue(name);
    if (!(value instanceof Collection<?> collection)) {
      return List.of();
    }
    return collection.stream().map(type::cast).toList();
  }

  /** Holder, so tests that never fire a rule do not pay for compiling the rule base. */
  private static final class Compiled {
    static final KieBase KIE_BASE = compile(RULE_SET);
  }

  public static KieBase compile(RuleSet ruleSet) {
    KieServices kie = KieServices.Factory.get();
    KieFileSystem files = kie.newKieFileSystem();
    ReleaseId releaseId =
        kie.newReleaseId(
            "org.cocare.rules.test",
            ruleSet.name() + "-" + ruleSet.contentHash().substring(0, 16),
            "1");
    files.generateAndWritePomXML(releaseId);
    KieModuleModel module = kie.newKieModuleModel();
    module.setConfigurationProperty("drools.propertySpecific", "ALLOWED");
    module
        .newKieBaseModel("cocare")
        .setDefault(true)
        .newKieSessionModel("evaluate")
        .setDefault(true)
        .setType(KieSessionModel.KieSessionType.STATELESS);
    files.writeKModuleXML(module.toXML());
    ruleSet
        .drlFiles()
        .forEach((name, drl) -> files.write("src/main/resources/" + folder(drl) + name, drl));
    KieBuilder builder = kie.newKieBuilder(files).buildAll();
    List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
    if (!errors.isEmpty()) {
      throw new IllegalStateException(
          "rule set " + ruleSet.label() + " does not compile: " + errors);
    }
    return kie.newKieContainer(releaseId).getKieBase();
  }

  private static String folder(String drl) {
    Matcher matcher = PACKAGE.matcher(drl);
    return matcher.find() ? matcher.group(1).replace('.', '/') + "/" : "";
  }
}
