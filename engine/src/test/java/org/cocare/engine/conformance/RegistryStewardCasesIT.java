package org.cocare.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.cocare.engine.TestDatabases;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.engine.rulesets.RuleSetException;
import org.cocare.engine.rulesets.RuleSetRegistry;
import org.cocare.engine.rulesets.RuleSetStore;
import org.cocare.engine.rulesets.TestReport;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.rules.ruleset.RuleSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A registry given the measure stewards' cases tests every version against them too: the defaults
 * agree with all of them; a draft that shortens the CMS130 colonoscopy lookback is reported with
 * the cases it now gets wrong and cannot be approved.
 */
class RegistryStewardCasesIT {
  static final String NAME = RuleSet.loadDefault().name();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

  EcqmCases cases;
  RuleSetRegistry registry;
  ExecutorService compiler;

  @BeforeEach
  void setUp() {
    Path clinical = EcqmConformanceTest.clinical();
    FhirContext context = FhirContext.forR4Cached();
    DataSource dataSource = TestDatabases.h2();
    RuleSetStore store = new RuleSetStore(dataSource);
    RuleSetRegistry.bootstrap(store, RuleSet.loadDefault(), CLOCK);
    RuleEngine engine = EcqmConformanceTest.engineWithSharedValueSets(context, clinical);
    cases = EcqmCases.read(clinical.resolve("ecqm-cases"));
    compiler = Executors.newSingleThreadExecutor();
    registry =
        new RuleSetRegistry(
            store,
            engine,
            CLOCK,
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
            compiler,
            true,
            new EcqmCaseRunner(
                cases,
                new FhirReader(context),
                new Evaluator(engine, CLOCK, new SimpleMeterRegistry())));
  }

  @AfterEach
  void tearDown() {
    compiler.shutdownNow();
  }

  @Test
  void defaults_agreeWithEveryStewardCase_besideTheirScenarios() {
    TestReport report = registry.test(NAME, 1, "clara");

    assertThat(report.conformance()).isNotNull();
    assertThat(report.conformance().cases()).hasSameSizeAs(cases.cases());
    assertThat(report.conformance().implemented()).containsAll(EcqmConformanceTest.IMPLEMENTED);
    assertThat(report.conformance().conforms()).isTrue();
    assertThat(report.allPass()).isTrue();
    assertThat(registry.audit(NAME).get(registry.audit(NAME).size() - 1).detail())
        .contains("eCQM cases: " + cases.cases().size() + " of " + cases.cases().size() + " agree");
  }

  @Test
  void shorterColonoscopyLookback_failsTheCms130Cases_andCannotBeApproved() {
    registry.createDraft(NAME, 1, "clara");
    String cms130 = registry.files(NAME, 2).file("cms130.drl");
    assertThat(cms130).contains("periodStartMinusYears(9)");
    registry.editFile(
        NAME,
        2,
        "cms130.drl",
        cms130.replace("periodStartMinusYears(9)", "periodStartMinusYears(5)"),
        "clara");

    TestReport report = registry.test(NAME, 2, "clara");

    assertThat(report.conformance().failures())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.measure()).isEqualTo("CMS130"));
    assertThat(report.allPass()).isFalse();
    assertThatThrownBy(() -> registry.approve(NAME, 2, "amir"))
        .isInstanceOfSatisfying(
            RuleSetException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).startsWith("eCQM case CMS130 ")));
  }
}
