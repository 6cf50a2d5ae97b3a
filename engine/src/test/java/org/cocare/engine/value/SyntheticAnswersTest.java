package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cocare.engine.value.Mediation.Mediator;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.fhir.value.QuestionnaireAnswers;
import org.cocare.fhir.value.Scale;
import org.junit.jupiter.api.Test;

class SyntheticAnswersTest {
  private static final SyntheticAnswers.Paths TRUTH = SyntheticAnswers.Paths.typical();

  @Test
  void sameSeed_givesTheSameSample_anotherSeedAnother() {
    SyntheticAnswers generator = SyntheticAnswers.typical();

    SyntheticAnswers.Sample first = generator.generate(50, 7);

    assertThat(generator.generate(50, 7)).isEqualTo(first);
    assertThat(generator.generate(50, 8).answers()).isNotEqualTo(first.answers());
  }

  @Test
  void everyPatientAnswersEveryItem_andTheGivenTraitsAreKept() {
    List<PatientTraits> traits =
        List.of(
            new PatientTraits("a", 30, "female", "primary", "acute", "cardiology"),
            PatientTraits.unknown("b"));

    SyntheticAnswers.Sample sample = SyntheticAnswers.typical().generate(traits, 1);

    assertThat(sample.traits()).isEqualTo(traits);
    assertThat(sample.answers())
        .extracting(QuestionnaireAnswers::patientId)
        .containsExactly("a", "b");
    for (QuestionnaireAnswers a : sample.answers()) {
      for (Scale scale : Scale.values()) {
        assertThat(a.score(scale)).isPresent();
      }
    }
    assertThat(sample.latent().rows())
        .extracting(AnalysisDataset.Row::department)
        .containsExactly("cardiology", null);
  }

  @Test
  void generatedTraits_followTheDocumentedShares() {
    List<PatientTraits> traits = SyntheticAnswers.traits(4000, 3);

    assertThat(share(traits, t -> "male".equals(t.gender()))).isBetween(0.42, 0.48);
    assertThat(share(traits, t -> t.education() == null)).isBetween(0.01, 0.03);
    assertThat(share(traits, t -> "tertiary".equals(t.education()))).isBetween(0.31, 0.37);
    assertThat(traits).allMatch(t -> t.age() >= 18 && t.age() <= 89);
  }

  /**
   * Item noise and rounding are measurement error in the regressors: on scale scores from the items
   * the slopes come out smaller than the paths the latent scores were built with (about 10–20% with
   * the typical settings), while on the latent scores they do not. This is why the coverage test
   * uses the latent scores.
   */
  @Test
  void likertItems_attenuateTheSlopes_theLatentScoresDoNot() {
    SyntheticAnswers.Sample sample = SyntheticAnswers.typical().generate(5000, 4);
    Mediation mediation = new Mediation(Mediator.BEHAVIOUR_SCALE, 1000, 4);

    Mediation.Models items = mediation.models(sample.fromItems());
    Mediation.Models latent = mediation.models(sample.latent());

    assertThat(items.a().estimate("ability")).isBetween(0.75 * TRUTH.a(), 0.95 * TRUTH.a());
    assertThat(items.b().estimate("behaviour")).isBetween(0.75 * TRUTH.b(), 0.95 * TRUTH.b());
    assertThat(items.moderation().estimate("ability:male"))
        .isBetween(0.6 * TRUTH.genderModeration(), 0.97 * TRUTH.genderModeration());
    assertThat(latent.a().estimate("ability")).isBetween(0.97 * TRUTH.a(), 1.03 * TRUTH.a());
    assertThat(latent.b().estimate("behaviour")).isBetween(0.95 * TRUTH.b(), 1.05 * TRUTH.b());
  }

  private static double share(
      List<PatientTraits> traits, java.util.function.Predicate<PatientTraits> which) {
    return (double) traits.stream().filter(which).count() / traits.size();
  }
}
