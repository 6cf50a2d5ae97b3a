package org.cocare.engine.rulesets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.record.PatientRecordStore;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.engine.rulesets.RuleSetException.Reason;
import org.cocare.engine.rulesets.RuleSetVersion.Status;
import org.cocare.rules.ruleset.RuleSet;
import org.cocare.rules.scenario.ScenarioResult;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rule-set registry's life cycle on each database Cocare supports: first start, draft, edit,
 * validate, test the scenarios (failing ones block approval), four-eyes approval, activation (and a
 * failed one), roll back, audit, export/import, impact preview.
 */
abstract class RegistryContract {
  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final RuleSet DEFAULTS = RuleSet.loadDefault();
  static final String NAME = DEFAULTS.name();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 29);
  static final ObjectMapper SCENARIO_JSON = new ObjectMapper();

  RuleSetStore store;
  RuleEngine engine;
  RuleSetRegistry registry;
  ExecutorService compiler;
  DataSource dataSource;

  abstract DataSource newDatabase();

  @BeforeEach
  void setUp() {
    dataSource = newDatabase();
    store = new RuleSetStore(dataSource);
    engine = new RuleEngine(RuleSetRegistry.bootstrap(store, DEFAULTS, CLOCK));
    compiler = Executors.newSingleThreadExecutor();
    registry = registry(true);
  }

  @AfterEach
  void tearDown() {
    compiler.shutdownNow();
  }

  RuleSetRegistry registry(boolean fourEyes) {
    return new RuleSetRegistry(
        store,
        engine,
        CLOCK,
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
        compiler,
        fourEyes);
  }

  @Test
  void firstStart_importsTheDefaultsAsVersionOne_active_andOnlyOnce() {
    assertThat(registry.versions(NAME))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.version()).isEqualTo(1);
              assertThat(v.status()).isEqualTo(Status.ACTIVE);
              assertThat(v.contentHash()).isEqualTo(DEFAULTS.contentHash());
            });
    assertThat(engine.active().ruleSet().label()).isEqualTo(NAME + "@1");

    RuleSet again = RuleSetRegistry.bootstrap(store, DEFAULTS, CLOCK);

    assertThat(again.label()).isEqualTo(NAME + "@1");
    assertThat(registry.versions(NAME)).hasSize(1);
    assertThat(registry.audit(NAME)).extracting(AuditEntry::action).containsExactly("imported");
  }

  @Test
  void changedShippedDefaults_becomeADraft_andTheActiveVersionStays() {
    RuleSet shipped = withParameter(DEFAULTS, "uspstf.hcv.min-age=18", "uspstf.hcv.min-age=21");

    RuleSet active = RuleSetRegistry.bootstrap(store, shipped, CLOCK);

    assertThat(active.label()).isEqualTo(NAME + "@1");
    assertThat(registry.version(NAME, 2).status()).isEqualTo(Status.DRAFT);
    assertThat(registry.files(NAME, 2).contentHash()).isEqualTo(shipped.contentHash());
  }

  @Test
  void draftEditApproveActivate_changesWhatTheEngineRecommends_andEveryStepIsAudited()
      throws Exception {
    RuleSetVersion draft = registry.createDraft(NAME, 1, "clara");
    assertThat(draft.version()).isEqualTo(2);
    assertThat(draft.status()).isEqualTo(Status.DRAFT);

    String parameters = registry.files(NAME, 2).file("parameters.properties");
    registry.editFile(
        NAME,
        2,
        "parameters.properties",
        parameters.replace("uspstf.hcv.min-age=18", "uspstf.hcv.min-age=21"),
        "clara");
    assertThat(registry.validate(NAME, 2, "clara")).isEmpty();
    assertThat(registry.test(NAME, 2, "clara").results())
        .as("the shipped scenario of an 18-year-old expects an HCV reminder")
        .filteredOn(r -> !r.passed())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.name()).isEqualTo(EIGHTEEN);
              assertThat(r.differences())
                  .singleElement()
                  .asString()
                  .startsWith("recommendation expected but not produced: screening-hcv");
            });
    assertThatThrownBy(() -> registry.approve(NAME, 2, "amir"))
        .isInstanceOfSatisfying(
            RuleSetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
        .hasMessageContaining("fails its tests")
        .hasMessageContaining(", 1 failed");
    expectNoHcvReminderAtEighteen(2, "clara");
    assertThat(registry.test(NAME, 2, "clara").failed()).isZero();
    assertThatThrownBy(() -> registry.approve(NAME, 2, "clara"))
        .isInstanceOfSatisfying(
            RuleSetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN))
        .hasMessageContaining("a second person must approve it");
    assertThatThrownBy(() -> registry.activate(NAME, 2, "ada"))
        .isInstanceOfSatisfying(
            RuleSetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));

    registry.approve(NAME, 2, "amir");
    RuleSetVersion active = registry.activate(NAME, 2, "ada").get();

    assertThat(active.status()).isEqualTo(Status.ACTIVE);
    assertThat(registry.version(NAME, 1).status()).isEqualTo(Status.RETIRED);
    assertThat(engine.active().ruleSet().label()).isEqualTo(NAME + "@2");
    assertThat(engine.active().parameters().intValue("uspstf.hcv.min-age")).isEqualTo(21);
    assertThat(registry.versions(NAME))
        .filteredOn(v -> v.status() == Status.ACTIVE)
        .singleElement()
        .extracting(RuleSetVersion::version)
        .isEqualTo(2);
    assertThat(registry.audit(NAME))
        .extracting(AuditEntry::action, AuditEntry::actor)
        .containsSubsequence(
            org.assertj.core.groups.Tuple.tuple("created", "clara"),
            org.assertj.core.groups.Tuple.tuple("edited", "clara"),
            org.assertj.core.groups.Tuple.tuple("validated", "clara"),
            org.assertj.core.groups.Tuple.tuple("tested", "clara"),
            org.assertj.core.groups.Tuple.tuple("approved", "amir"),
            org.assertj.core.groups.Tuple.tuple("activated", "ada"));
    assertThat(
            registry.audit(NAME).stream()
                .filter(e -> e.action().equals("edited"))
                .findFirst()
                .orElseThrow()
                .detail())
        .contains("-uspstf.hcv.min-age=18", "+uspstf.hcv.min-age=21");
    assertThat(registry.diff(NAME, 1, 2))
        .contains("--- parameters.properties")
        .contains("+uspstf.hcv.min-age=21");
  }

  @Test
  void aDraftWithASyntaxError_isInvalidWithItsLine_cannotBeApproved_andNeverBecomesActive() {
    registry.createDraft(NAME, 1, "clara");
    registry.editFile(
        NAME,
        2,
        "local.drl",
        "package org.cocare.rules.local\n\nrule \"broken\"\nwhen\n  eval( \nthen\nend\n",
        "clara");

    assertThat(registry.validate(NAME, 2, "clara"))
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p).startsWith("local.drl:"));
    assertThatThrownBy(() -> registry.test(NAME, 2, "clara"))
        .isInstanceOfSatisfying(
            RuleSetException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INVALID);
              assertThat(e.problems()).allSatisfy(p -> assertThat(p).startsWith("local.drl:"));
            });
    assertThatThrownBy(() -> registry.approve(NAME, 2, "amir"))
        .isInstanceOfSatisfying(
            RuleSetException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INVALID);
              assertThat(e.problems()).isNotEmpty();
            });

    RuleSetRegistry noFourEyes = registry(false);
    assertThatThrownBy(() -> noFourEyes.activate(NAME, 2, "ada").join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(RuleSetException.class);
    assertThat(engine.active().ruleSet().label()).isEqualTo(NAME + "@1");
    assertThat(registry.version(NAME, 1).status()).isEqualTo(Status.ACTIVE);
    assertThat(registry.audit(NAME)).extracting(AuditEntry::action).contains("activation-failed");
  }

  @Test
  void test_runsEveryShippedScenario_allPass_andIsAuditedAsTested() {
    TestReport report = registry.test(NAME, 1, "clara");

    int shipped = DEFAULTS.scenarios().size();
    assertThat(report.label()).isEqualTo(NAME + "@1");
    assertThat(report.passed()).isEqualTo(shipped).isGreaterThanOrEqualTo(90);
    assertThat(report.failed()).isZero();
    assertThat(report.results()).hasSize(shipped).allMatch(ScenarioResult::passed);
    assertThat(registry.audit(NAME))
        .last()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("tested");
              assertThat(e.actor()).isEqualTo("clara");
              assertThat(e.detail()).isEqualTo(shipped + " passed, 0 failed");
            });
  }

  @Test
  void draftWhoseScenarioExpectsOtherwise_failsThatScenario_withTheDifference_andIsNotApproved()
      throws Exception {
    registry.createDraft(NAME, 1, "clara");
    String scenario = "hcv-hiv-age-30-never-tested_both-due";
    editScenarios(
        2,
        "scenarios-uspstf.json",
        scenario,
        recommendations -> {
          for (JsonNode r : recommendations) {
            if (r.path("code").asText().equals("screening-hcv")) {
              ((ObjectNode) r).put("priority", "urgent");
            }
          }
        },
        "clara");
    assertThat(registry.validate(NAME, 2, "clara")).isEmpty();

    TestReport report = registry.test(NAME, 2, "clara");

    assertThat(report.failed()).isEqualTo(1);
    assertThat(report.passed()).isEqualTo(report.results().size() - 1);
    String difference =
        "recommendation screening-hcv produced with priority routine instead of urgent";
    assertThat(report.results())
        .filteredOn(r -> !r.passed())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.name()).isEqualTo(scenario);
              assertThat(r.differences()).containsExactly(difference);
            });
    assertThat(registry.audit(NAME))
        .last()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("tested");
              assertThat(e.detail()).endsWith("1 failed: " + scenario);
            });
    assertThatThrownBy(() -> registry.approve(NAME, 2, "amir"))
        .isInstanceOfSatisfying(
            RuleSetException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INVALID);
              assertThat(e.getMessage())
                  .contains("fails its tests")
                  .contains(", 1 failed")
                  .contains("cannot be approved");
              assertThat(e.problems()).containsExactly("scenario " + scenario + ": " + difference);
            });
    assertThat(registry.version(NAME, 2).status()).isEqualTo(Status.DRAFT);
  }

  @Test
  void scenarioFileThatCannotBeRead_isAValidationProblem_namingItsLine() {
    registry.createDraft(NAME, 1, "clara");
    registry.editFile(
        NAME,
        2,
        "scenarios-local.json",
        """
        { "scenarios": [ {
          "name": "local",
          "input": { "asOf": "2026-11-29", "patient": { "id": "p", "birthdate": "1990-01-01" } },
          "expected": {}
        } ] }
        """,
        "clara");

    assertThat(registry.validate(NAME, 2, "clara"))
        .singleElement()
        .asString()
        .startsWith("scenarios-local.json:3:")
        .contains("scenarios[0].input.patient: unknown field \"birthdate\"");
  }

  @Test
  void withFourEyesOff_aDraftWhoseScenarioFails_isNotActivated() {
    draftWithHcvFromTwentyOne();

    assertThatThrownBy(() -> registry(false).activate(NAME, 2, "admin").join())
        .hasCauseInstanceOf(RuleSetException.class)
        .hasMessageContaining("fails its tests")
        .hasMessageContaining(EIGHTEEN);
    assertThat(engine.active().ruleSet().label()).isEqualTo(NAME + "@1");
    assertThat(registry.audit(NAME)).extracting(AuditEntry::action).endsWith("activation-failed");
  }

  @Test
  void unsafeDraft_isRefusedAtValidation_andAtActivation() {
    registry.createDraft(NAME, 1, "mallory");
    registry.editFile(
        NAME,
        2,
        "local.drl",
        "package org.cocare.rules.local\n\nrule \"x\"\nwhen\nthen\n  System.exit(0);\nend\n",
        "mallory");

    assertThat(registry.validate(NAME, 2, "mallory"))
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("local.drl:6:3").contains("System"));
    assertThatThrownBy(() -> registry(false).activate(NAME, 2, "admin").join())
        .hasCauseInstanceOf(RuleSetException.class)
        .hasMessageContaining("does not compile");
    assertThat(engine.active().ruleSet().label()).isEqualTo(NAME + "@1");
  }

  @Test
  void onlyDraftsChange_andFileNamesAreChecked() throws Exception {
    assertThatThrownBy(() -> registry.editFile(NAME, 1, "x.drl", "", "clara"))
        .isInstanceOfSatisfying(
            RuleSetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT))
        .hasMessageContaining("only a draft can be edited");
    registry.createDraft(NAME, 1, "clara");
    assertThatThrownBy(() -> registry.editFile(NAME, 2, "../etc/passwd", "", "clara"))
        .isInstanceOfSatisfying(
            RuleSetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
    assertThatThrownBy(() -> registry.version(NAME, 9))
        .isInstanceOfSatisfying(
            RuleSetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
  }

  @Test
  void rollback_returnsToAnEarlierActiveVersion_inOneStep_andIsInstantFromTheCache()
      throws Exception {
    draftWithHcvFromTwentyOne();
    expectNoHcvReminderAtEighteen(2, "clara");
    registry.approve(NAME, 2, "amir");
    registry.activate(NAME, 2, "ada").get();
    assertThatThrownBy(() -> registry.rollback(NAME, 2, "ada"))
        .isInstanceOfSatisfying(
            RuleSetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
    assertThat(engine.isCompiled(registry.files(NAME, 1))).isTrue();

    RuleSetVersion back = registry.rollback(NAME, 1, "ada").get();

    assertThat(back.status()).isEqualTo(Status.ACTIVE);
    assertThat(registry.version(NAME, 2).status()).isEqualTo(Status.RETIRED);
    assertThat(engine.active().ruleSet().label()).isEqualTo(NAME + "@1");
    assertThat(engine.active().parameters().intValue("uspstf.hcv.min-age")).isEqualTo(18);
    assertThat(registry.audit(NAME)).extracting(AuditEntry::action).endsWith("rolled-back");
    assertThat(registry.files(NAME, 1).contentHash()).isEqualTo(DEFAULTS.contentHash());
  }

  @Test
  void exportThenImport_isANewDraftWithTheSameFiles() {
    byte[] zip = registry.export(NAME, 1);

    RuleSetVersion imported = registry.importZip(zip, "clara");

    assertThat(imported.status()).isEqualTo(Status.DRAFT);
    assertThat(registry.files(NAME, imported.version()).files())
        .isEqualTo(registry.files(NAME, 1).files());
    assertThatThrownBy(() -> registry.importZip("not a zip".getBytes(), "clara"))
        .isInstanceOfSatisfying(
            RuleSetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
  }

  @Test
  void impactPreview_namesThePatientsWhoGainOrLoseAReminder() {
    PatientRecordStore records = new PatientRecordStore(dataSource, FHIR);
    Evaluator evaluator = new Evaluator(engine, CLOCK, new SimpleMeterRegistry());
    ImpactPreview preview = new ImpactPreview(records, evaluator, engine);
    RuleSet raised = withParameter(DEFAULTS, "uspstf.hcv.min-age=18", "uspstf.hcv.min-age=21");
    Map<String, List<Resource>> sample =
        Map.of(
            "young", List.of(patient("young", "2006-06-01")),
            "older", List.of(patient("older", "1990-06-01")));

    ImpactPreview.Impact impact = preview.of(raised, AS_OF, sample);

    assertThat(impact.patients()).isEqualTo(2);
    assertThat(impact.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.code()).isEqualTo("screening-hcv");
              assertThat(c.lost()).isEqualTo(1);
              assertThat(c.lostBy()).containsExactly("young");
              assertThat(c.gained()).isZero();
            });
  }

  /** The shipped scenario of an 18-year-old, who is reminded of HCV screening from 18. */
  static final String EIGHTEEN = "hypertension-18-today_gets-adult-education";

  /** What a clinician raising the HCV start age does too: updates the scenario it changes. */
  /** Draft 2, by clara: hepatitis C screening from 21 instead of 18, its scenarios untouched. */
  private void draftWithHcvFromTwentyOne() {
    registry.createDraft(NAME, 1, "clara");
    registry.editFile(
        NAME,
        2,
        "parameters.properties",
        registry
            .files(NAME, 2)
            .file("parameters.properties")
            .replace("uspstf.hcv.min-age=18", "uspstf.hcv.min-age=21"),
        "clara");
  }

  private void expectNoHcvReminderAtEighteen(int version, String user) throws IOException {
    editScenarios(
        version,
        "scenarios-education.json",
        EIGHTEEN,
        recommendations -> {
          for (var it = recommendations.iterator(); it.hasNext(); ) {
            if (it.next().path("code").asText().equals("screening-hcv")) {
              it.remove();
            }
          }
        },
        user);
  }

  /** Changes the expected recommendations of one scenario in a draft's scenario file. */
  private void editScenarios(
      int version, String file, String scenario, Consumer<ArrayNode> change, String user)
      throws IOException {
    JsonNode scenarios = SCENARIO_JSON.readTree(registry.files(NAME, version).file(file));
    JsonNode found = null;
    for (JsonNode s : scenarios.path("scenarios")) {
      if (s.path("name").asText().equals(scenario)) {
        found = s;
      }
    }
    assertThat(found).as("scenario %s in %s", scenario, file).isNotNull();
    change.accept((ArrayNode) found.path("expected").path("recommendations"));
    registry.editFile(
        NAME,
        version,
        file,
        SCENARIO_JSON.writerWithDefaultPrettyPrinter().writeValueAsString(scenarios),
        user);
  }

  private static Resource patient(String id, String birthDate) {
    return (Resource)
        FHIR.newJsonParser()
            .parseResource(
                "{\"resourceType\":\"Patient\",\"id\":\""
                    + id
                    + "\",\"birthDate\":\""
                    + birthDate
                    + "\"}");
  }

  private static RuleSet withParameter(RuleSet base, String from, String to) {
    java.util.TreeMap<String, String> files = new java.util.TreeMap<>(base.files());
    files.put("parameters.properties", files.get("parameters.properties").replace(from, to));
    return new RuleSet(base.name(), base.version(), files);
  }
}
