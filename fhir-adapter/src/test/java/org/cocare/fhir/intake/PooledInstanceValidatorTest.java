package org.cocare.fhir.intake;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pooled validator reports exactly what HAPI's own {@link FhirInstanceValidator} reports, for
 * good and bad content, one body after another on the same reused validators and from several
 * threads at once.
 */
class PooledInstanceValidatorTest {
  private static final FhirContext CONTEXT = FhirContext.forR4Cached();
  private static final Path EXAMPLES = Path.of("../examples");
  private static final Path BAD_INPUTS =
      Path.of(System.getProperty("cocare.shared.dir", "../../shared")).resolve("fhir-bad-inputs");

  private static final List<String> INLINE =
      List.of(
          // unknown element, bad date, bad code, broken invariant (a name with no content)
          """
          {"resourceType": "Patient", "id": "p1", "unknownElement": "x"}""",
          """
          {"resourceType": "Patient", "id": "p2", "birthDate": "1975-13-45"}""",
          """
          {"resourceType": "Patient", "id": "p3", "gender": "neither"}""",
          """
          {"resourceType": "Observation", "id": "o1", "status": "final",
           "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
           "valueQuantity": {"value": 120, "unit": "mm[Hg]", "code": "mm[Hg]"}}""",
          """
          {"resourceType": "Patient", "id": "p4",
           "meta": {"profile": ["http://example.org/StructureDefinition/not-held"]}}""",
          """
          {"resourceType": "Patient", "id": "p5",
           "meta": {"profile": ["http://hl7.org/fhir/StructureDefinition/Patient"]},
           "birthDate": "1970-01-01"}""",
          """
          <Patient xmlns="http://hl7.org/fhir"><id value="x1"/><gender value="neither"/></Patient>""");

  private static List<String> bodies;

  @BeforeAll
  static void bodies() {
    List<String> all = new ArrayList<>(INLINE);
    all.addAll(filesIn(EXAMPLES.resolve("bundles")));
    all.addAll(filesIn(EXAMPLES.resolve("messages")));
    // The validator's own bad inputs when ../shared is here; the rest of the suite stands without.
    all.addAll(filesIn(BAD_INPUTS.resolve("reject")));
    all.addAll(filesIn(BAD_INPUTS.resolve("accept")));
    bodies = all;
  }

  @Test
  void oneAfterAnother_reportsWhatHapiReports() {
    PooledInstanceValidator pooled = new PooledInstanceValidator(support());
    FhirValidator reused = validator(pooled);
    FhirValidator stock = validator(new FhirInstanceValidator(support()));

    // Twice round, so every body is also read by a validator that has read all the others.
    for (int round = 0; round < 2; round++) {
      for (String body : bodies) {
        assertThat(findings(reused, body)).as(body).isEqualTo(findings(stock, body));
      }
    }
    // One thread: one validator read everything (far below its budget), and kept nothing of it.
    assertThat(PooledInstanceValidator.forgets()).as("HAPI's validator state found").isTrue();
    assertThat(pooled.built()).isEqualTo(1);
    assertThat(pooled.retainedByIdle()).isZero();
  }

  @Test
  void whatTheCoreValidatorKeepsOfAMessage_isEmptiedAfterIt() {
    // Without emptying, these hold every coding read (and through it the parsed content).
    String body = INLINE.get(3);
    PooledInstanceValidator emptying = new PooledInstanceValidator(support());
    PooledInstanceValidator keeping =
        new PooledInstanceValidator(support(), PooledInstanceValidator.TEXT_BUDGET, false);

    List<String> emptied = findings(validator(emptying), body);
    List<String> kept = findings(validator(keeping), body);

    assertThat(emptied).isEqualTo(kept);
    assertThat(keeping.retainedByIdle()).isPositive();
    assertThat(emptying.retainedByIdle()).isZero();
  }

  @Test
  void severalThreadsAtOnce_reportWhatOneThreadReports() throws Exception {
    FhirValidator stock = validator(new FhirInstanceValidator(support()));
    List<List<String>> expected = bodies.stream().map(body -> findings(stock, body)).toList();
    PooledInstanceValidator pooled = new PooledInstanceValidator(support());
    FhirValidator shared = validator(pooled);

    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<List<String>>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(
            threads.submit(() -> bodies.stream().map(body -> findings(shared, body)).toList()));
      }
      for (Future<List<List<String>>> run : runs) {
        assertThat(run.get()).isEqualTo(expected);
      }
    } finally {
      threads.shutdownNow();
    }
    // Built per validation, there would be one for each of the 4 x bodies validations; pooled,
    // no more are built than may run at once (none reads its budget here).
    assertThat(pooled.built()).isBetween(1, pooled.size());
    assertThat(pooled.retainedByIdle()).isZero();
  }

  @Test
  void aValidatorThatHasReadItsBudget_isReplaced() {
    String body = INLINE.get(0);
    PooledInstanceValidator pooled = new PooledInstanceValidator(support(), body.length() * 3L);
    FhirValidator validator = validator(pooled);

    for (int i = 0; i < 6; i++) {
      findings(validator, body);
    }

    assertThat(pooled.built()).isEqualTo(2);
  }

  private static ValidationSupportChain support() {
    return new ValidationSupportChain(
        new DefaultProfileValidationSupport(CONTEXT),
        new InMemoryTerminologyServerValidationSupport(CONTEXT),
        new CommonCodeSystemsTerminologyService(CONTEXT),
        new SnapshotGeneratingValidationSupport(CONTEXT));
  }

  /** Configured as {@link FhirReader} configures its validator. */
  private static FhirValidator validator(FhirInstanceValidator module) {
    module.setAnyExtensionsAllowed(true);
    module.setErrorForUnknownProfiles(false);
    module.setNoExtensibleWarnings(true);
    FhirValidator validator = CONTEXT.newValidator();
    validator.setValidateAgainstStandardSchema(false);
    validator.setValidateAgainstStandardSchematron(false);
    validator.registerValidatorModule(module);
    return validator;
  }

  private static List<String> findings(FhirValidator validator, String body) {
    try {
      return validator.validateWithResult(body).getMessages().stream()
          .map(PooledInstanceValidatorTest::describe)
          .toList();
    } catch (RuntimeException unreadable) {
      return List.of("threw " + unreadable.getClass().getName());
    }
  }

  private static String describe(SingleValidationMessage m) {
    return m.getSeverity()
        + " "
        + m.getLocationLine()
        + ":"
        + m.getLocationCol()
        + " "
        + m.getLocationString()
        + " "
        + m.getMessageId()
        + " "
        + m.getMessage();
  }

  private static List<String> filesIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(Files::isRegularFile)
          .sorted()
          .map(PooledInstanceValidatorTest::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
