package org.cocare.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cocare.engine.conformance.ConformanceReport.CaseResult;
import org.cocare.engine.conformance.ConformanceReport.MeasureResult;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.rules.ruleset.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner over a two-case directory built at test time from real steward cases (copied from
 * {@code ../shared}, never committed): one CMS130 patient with an open gap, and one whose gap is
 * not open but whose row here claims it is, so the default rules must disagree with it.
 */
class EcqmCaseRunnerTest {
  static final String MEASURE = "CMS130";

  @TempDir static Path cases;
  static RuleEngine engine;
  static EcqmCaseRunner runner;
  static EcqmCase open;
  static EcqmCase claimedOpen;

  @BeforeAll
  static void setUp() throws IOException {
    Path clinical = EcqmConformanceTest.clinical();
    List<EcqmCase> shared = EcqmCases.read(clinical.resolve("ecqm-cases")).cases();
    EcqmCase realOpen =
        shared.stream()
            .filter(c -> c.measure().equals(MEASURE) && c.expectedOpen())
            .findFirst()
            .orElseThrow();
    EcqmCase realClosed =
        shared.stream()
            .filter(c -> c.measure().equals(MEASURE) && !c.expectedOpen())
            .findFirst()
            .orElseThrow();
    copy(realOpen.folder(), cases.resolve(MEASURE).resolve(realOpen.patientId()));
    copy(realClosed.folder(), cases.resolve(MEASURE).resolve(realClosed.patientId()));
    Files.writeString(
        cases.resolve(EcqmCases.INDEX),
        "measure,patient_id,mp_start,mp_end,care_gap,title\n"
            + row(realOpen, realOpen.careGap())
            + row(realClosed, EcqmCase.OPEN));

    FhirContext context = FhirContext.forR4Cached();
    engine = EcqmConformanceTest.engineWithSharedValueSets(context, clinical);
    runner =
        new EcqmCaseRunner(
            EcqmCases.read(cases),
            new FhirReader(context),
            new Evaluator(engine, Clock.systemUTC(), new SimpleMeterRegistry()));
    open = runner.cases().cases().get(0);
    claimedOpen = runner.cases().cases().get(1);
  }

  @Test
  void defaultRules_agreeWithTheOpenCase_andDisagreeWithTheMislabelledOne() {
    ConformanceReport report = runner.run(engine.active());

    assertThat(report.ruleSet()).isEqualTo(engine.active().ruleSet().label());
    assertThat(report.cases())
        .containsExactly(
            new CaseResult(MEASURE, open.patientId(), open.title(), "OPEN", true, true),
            new CaseResult(
                MEASURE, claimedOpen.patientId(), claimedOpen.title(), "OPEN", true, false));
    assertThat(report.measures()).containsExactly(new MeasureResult(MEASURE, true, 2, 1));
    assertThat(report.failures()).containsExactly(report.cases().get(1));
    assertThat(report.conforms()).isFalse();
  }

  @Test
  void ruleSetWithoutTheMeasuresRules_reportsItNotImplemented_notFailing() {
    TreeMap<String, String> files = new TreeMap<>(RuleSet.loadDefault().files());
    // screening.drl still names CMS130, in a condition: that alone must not count.
    assertThat(files.remove("cms130.drl")).isNotNull();
    // Its titles go with it: rules.csv may only name rules the rule set has.
    files.put(
        RuleSet.RULES_FILE,
        String.join(
            "\n",
            files.get(RuleSet.RULES_FILE).lines().filter(l -> !l.startsWith("CMS130-")).toList()));
    RuleSet without = new RuleSet("without-cms130", "1", files);

    ConformanceReport report = runner.run(engine.compile(without));

    assertThat(report.cases()).extracting(CaseResult::predictedOpen).containsExactly(false, false);
    assertThat(report.measures()).containsExactly(new MeasureResult(MEASURE, false, 2, 0));
    assertThat(report.failures()).isEmpty();
  }

  @Test
  void repeatedRuns_giveTheSameReport() {
    assertThat(runner.run(engine.active())).isEqualTo(runner.run(engine.active()));
  }

  private static String row(EcqmCase testCase, String careGap) {
    return String.join(
            ",",
            testCase.measure(),
            testCase.patientId(),
            testCase.periodStart().toString(),
            testCase.periodEnd().toString(),
            careGap,
            '"' + testCase.title().replace("\"", "\"\"") + '"')
        + "\n";
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listed = Files.list(from)) {
      listed.forEach(files::add);
    }
    for (Path file : files) {
      Files.copy(file, to.resolve(file.getFileName()));
    }
  }
}
