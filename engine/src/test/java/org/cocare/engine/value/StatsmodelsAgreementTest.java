package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.cocare.engine.value.Mediation.Mediator;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.rules.recommendation.Kind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cocare's four value models against statsmodels' OLS on the same exported CSV: every estimate and
 * standard error to within 1e-6, checked by {@code .ci/statsmodels_check.py}. Without a Python that
 * has statsmodels the test is skipped, unless {@code COCARE_REQUIRE_STATSMODELS=1} makes it fail.
 * The Python is {@code COCARE_PYTHON} when set, else the first of {@code python3} and {@code
 * /usr/bin/python3} that imports statsmodels (Debian's python3-statsmodels installs for the latter,
 * and a python3 earlier on the PATH may not see it).
 */
class StatsmodelsAgreementTest {
  private static final Path SCRIPT = Path.of("..", ".ci", "statsmodels_check.py");
  private static final Path OUT = Path.of("target", "value-check");
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private static String python;
  private static String missing;

  @BeforeAll
  static void findPython() throws InterruptedException {
    List<String> candidates = new ArrayList<>();
    String configured = System.getenv("COCARE_PYTHON");
    if (configured != null && !configured.isBlank()) {
      candidates.add(configured);
    }
    candidates.add("python3");
    candidates.add("/usr/bin/python3");
    for (String candidate : candidates) {
      if (imports(candidate)) {
        python = candidate;
        return;
      }
    }
    missing =
        "no Python with statsmodels and pandas among "
            + candidates
            + " (Debian: apt-get install python3-statsmodels; or set COCARE_PYTHON)";
  }

  /** Per test, not per class: Surefire counts a test skipped here, and shows why. */
  @BeforeEach
  void requirePython() {
    assertThat(SCRIPT).as("the check script, from the engine module's directory").isRegularFile();
    if (python == null) {
      if ("1".equals(System.getenv("COCARE_REQUIRE_STATSMODELS"))) {
        fail("COCARE_REQUIRE_STATSMODELS=1 but " + missing);
      }
      Assumptions.abort("skipped: " + missing);
    }
  }

  /** Whether this Python imports what the check needs; a missing interpreter is a no. */
  private static boolean imports(String candidate) throws InterruptedException {
    try {
      Process probe =
          new ProcessBuilder(candidate, "-c", "import statsmodels.formula.api, pandas")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!probe.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        return false;
      }
      return probe.exitValue() == 0;
    } catch (IOException notThere) {
      return false;
    }
  }

  /** Latent scores: doubles with every digit, which the CSV must carry exactly. */
  @Test
  void behaviourScale_onLatentScores_agreesWithStatsmodels() throws Exception {
    AnalysisDataset data = SyntheticAnswers.typical().generate(400, 2024).latent();

    MediationReport report = new Mediation(Mediator.BEHAVIOUR_SCALE, 1000, 2024).fit(data);

    assertThat(report.moderation()).isNotNull();
    assertAgrees("latent", data, report);
  }

  /**
   * The whole path from answers: Likert scale scores, the record share from followed
   * recommendations (patients without any left out), and category codes with a comma and quotes
   * that the CSVs must quote.
   */
  @Test
  void recordShare_fromItemsAndRecommendations_agreesWithStatsmodels() throws Exception {
    List<PatientTraits> traits = new ArrayList<>();
    for (PatientTraits t : SyntheticAnswers.traits(400, 99)) {
      traits.add(
          "cardiology".equals(t.department())
              ? new PatientTraits(
                  t.patientId(),
                  t.age(),
                  t.gender(),
                  t.education(),
                  t.visitReason(),
                  "ward 3, \"east\"")
              : t);
    }
    SyntheticAnswers.Sample sample = SyntheticAnswers.typical().generate(traits, 99);
    AnalysisDataset data =
        AnalysisDataset.of(sample.answers(), traits, recommendations(sample), ValueFilter.ALL);

    MediationReport report = new Mediation(Mediator.RECORD_SHARE, 1000, 99).fit(data);

    assertThat(report.missingMediator()).isPositive();
    assertThat(report.pathB().terms()).contains("C(department)[T.ward 3, \"east\"]");
    assertAgrees("record", data, report);
  }

  private static void assertAgrees(String name, AnalysisDataset data, MediationReport report)
      throws IOException, InterruptedException {
    Files.createDirectories(OUT);
    Path dataset = OUT.resolve(name + "-dataset.csv");
    Path coefficients = OUT.resolve(name + "-coefficients.csv");
    Path output = OUT.resolve(name + "-check.txt");
    Files.writeString(dataset, data.toCsv(), StandardCharsets.UTF_8);
    Files.writeString(coefficients, report.coefficientsCsv(), StandardCharsets.UTF_8);

    Process check =
        new ProcessBuilder(python, SCRIPT.toString(), dataset.toString(), coefficients.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!check.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      check.destroyForcibly();
      fail("the statsmodels check ran over " + TIMEOUT + "; output so far:\n" + read(output));
    }
    String printed = read(output);
    assertThat(check.exitValue())
        .as("statsmodels check exit code; it printed:\n%s", printed)
        .isZero();
    assertThat(printed).contains("agrees with Cocare on all");
  }

  /**
   * Up to four recommendations per patient, none for about one in eight; each acknowledged (and
   * half of those completed) with a chance that rises with the patient's latent behaviour.
   */
  private static List<FollowedRecommendation> recommendations(SyntheticAnswers.Sample sample) {
    SplittableRandom random = new SplittableRandom(5);
    Instant issued = Instant.parse("2026-02-01T09:00:00Z");
    List<FollowedRecommendation> recommendations = new ArrayList<>();
    for (AnalysisDataset.Row row : sample.latent().rows()) {
      int count = random.nextDouble() < 0.125 ? 0 : 1 + random.nextInt(4);
      double chance = 1 / (1 + Math.exp(-1.5 * (row.behaviour() - 4)));
      for (int k = 0; k < count; k++) {
        boolean acknowledged = random.nextDouble() < chance;
        boolean completed = acknowledged && random.nextBoolean();
        Set<Stage> reached =
            completed
                ? Set.of(Stage.SENT, Stage.ACKNOWLEDGED, Stage.COMPLETED)
                : acknowledged ? Set.of(Stage.SENT, Stage.ACKNOWLEDGED) : Set.of(Stage.SENT);
        recommendations.add(
            new FollowedRecommendation(
                row.patientId() + "-" + k,
                row.patientId(),
                "rule-" + k,
                "code-" + k,
                null,
                Kind.SCREENING_REMINDER,
                null,
                issued,
                false,
                "email",
                "en",
                reached,
                completed ? 10 : null,
                completed ? 10 : 60));
      }
    }
    return recommendations;
  }

  private static String read(Path output) throws IOException {
    return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
  }
}
