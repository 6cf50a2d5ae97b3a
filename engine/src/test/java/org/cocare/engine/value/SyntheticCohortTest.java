package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.cocare.engine.value.SyntheticCohort.SyntheticRule;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.ruleset.ValueConfiguration;
import org.junit.jupiter.api.Test;

class SyntheticCohortTest {
  private static final SyntheticRule SCREENING =
      new SyntheticRule(
          "screening", "c1", "m1", Kind.SCREENING_REMINDER, ValueConfiguration.CHAIN, 0.4, 0.2, 45);
  private static final SyntheticRule FOLLOW_UP =
      new SyntheticRule(
          "follow-up", "c2", "m2", Kind.FOLLOW_UP_TASK, ValueConfiguration.SHOP, 0.7, 0.0, 90);
  private static final SyntheticCohort SETTINGS =
      SyntheticCohort.of(7, List.of(SCREENING, FOLLOW_UP)).withPatients(500);

  @Test
  void sameSettings_giveTheSameData_andAnotherSeedOtherData() {
    SyntheticCohort.Data once = SETTINGS.generate();
    SyntheticCohort.Data again = SETTINGS.generate();
    SyntheticCohort.Data other = SETTINGS.withSeed(8).generate();

    assertThat(again.traits()).isEqualTo(once.traits());
    assertThat(again.recommendations()).isEqualTo(once.recommendations());
    assertThat(other.recommendations()).isNotEqualTo(once.recommendations());
    assertThat(once.traits().keySet()).first().isEqualTo("s7-p00000");
    assertThat(once.recommendations())
        .extracting(FollowedRecommendation::recommendationId)
        .doesNotHaveDuplicates();
  }

  @Test
  void patients_haveTraitsFromTheFixedLists_withSomeEducationNotStated() {
    List<PatientTraits> patients = List.copyOf(SETTINGS.generate().traits().values());

    assertThat(patients).hasSize(500);
    assertThat(patients).allSatisfy(p -> assertThat(p.age()).isBetween(18, 85));
    assertThat(patients)
        .extracting(PatientTraits::gender)
        .containsOnlyElementsOf(SyntheticCohort.GENDERS);
    assertThat(patients)
        .extracting(PatientTraits::visitReason)
        .containsOnlyElementsOf(SyntheticCohort.VISIT_REASONS);
    assertThat(patients)
        .extracting(PatientTraits::department)
        .containsOnlyElementsOf(SyntheticCohort.DEPARTMENTS);
    assertThat(patients.stream().map(PatientTraits::education).filter(Objects::isNull).count())
        .isBetween(20L, 80L);
    assertThat(patients.stream().map(PatientTraits::education).filter(Objects::nonNull))
        .containsOnlyElementsOf(SyntheticCohort.EDUCATION_LEVELS);
  }

  @Test
  void heldOut_areNeverAnnounced_andNotifiedGoThroughTheFunnelByTheirChannel() {
    List<FollowedRecommendation> recs = SETTINGS.generate().recommendations();

    assertThat(recs.stream().filter(FollowedRecommendation::heldOut))
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.channel()).isNull();
              assertThat(r.language()).isNull();
              assertThat(EnumSet.of(Stage.ISSUED, Stage.COMPLETED)).containsAll(r.reached());
            });
    assertThat(recs.stream().filter(r -> !r.heldOut()))
        .allSatisfy(
            r -> {
              assertThat(r.channel()).isIn(SyntheticCohort.CHANNELS);
              assertThat(r.language()).isIn(SyntheticCohort.LANGUAGES);
              if (r.channel().equals("portal")) {
                assertThat(r.reached()).doesNotContain(Stage.SENT, Stage.DELIVERED);
              }
            });
    assertThat(recs).anySatisfy(r -> assertThat(r.reached()).contains(Stage.ACKNOWLEDGED));
  }

  @Test
  void heldOutShare_isTheSettingsWithinBinomialVariation() {
    List<FollowedRecommendation> recs = SETTINGS.generate().recommendations();
    BinomialDistribution heldOut = new BinomialDistribution(null, recs.size(), 0.2);

    assertThat(recs.stream().filter(FollowedRecommendation::heldOut).count())
        .isBetween(
            (long) heldOut.inverseCumulativeProbability(0.001),
            (long) heldOut.inverseCumulativeProbability(0.999));
  }

  @Test
  void followUp_runsFromIssueToTheAnalysisDate_inWholeDays() {
    SyntheticCohort.Data data = SETTINGS.generate();

    assertThat(data.recommendations())
        .allSatisfy(
            r -> {
              Duration sinceIssue = Duration.between(r.issuedAt(), SETTINGS.analysisDate());
              assertThat(sinceIssue).isPositive().isLessThanOrEqualTo(Duration.ofDays(365));
              double days = sinceIssue.toSeconds() / 86_400.0;
              if (r.completed()) {
                // Completed in its day daysToComplete, which began before the analysis date.
                assertThat(r.daysToComplete() - 1.0).isLessThan(days);
              } else {
                assertThat(r.daysObserved()).isEqualTo((int) Math.floor(days));
              }
            });
  }

  @Test
  void truth_ofCompletionWithinDays_byTheAnalysisDate_andTheMedian() {
    SyntheticRule half = new SyntheticRule("r", "c", null, Kind.EDUCATION, null, 0.25, 0.25, 30);
    SyntheticRule all = new SyntheticRule("r", "c", null, Kind.EDUCATION, null, 0.75, 0.25, 365);
    SyntheticRule slow = new SyntheticRule("r", "c", null, Kind.EDUCATION, null, 0.75, 0, 90);

    assertThat(half.trueCompletedWithin(false, 30))
        .isCloseTo(0.5 * (1 - Math.exp(-1)), within(1e-12));
    assertThat(half.trueUpliftWithin(30)).isCloseTo(0.25 * (1 - Math.exp(-1)), within(1e-12));
    assertThat(all.trueCompletedByAnalysisDate(false)).isCloseTo(Math.exp(-1), within(1e-12));
    assertThat(all.trueCompletedByAnalysisDate(true)).isCloseTo(0.75 * Math.exp(-1), within(1e-12));
    assertThat(all.trueMedianDays(false)).hasValue(Math.ceil(365 * Math.log(2)));
    assertThat(half.trueMedianDays(false)).isEmpty();
    assertThat(slow.trueMedianDays(true)).hasValue(99.0);
  }

  @Test
  void impossibleSettings_areRefused() {
    assertThatThrownBy(() -> new SyntheticRule("r", "c", null, Kind.EDUCATION, null, 0.9, 0.2, 30))
        .hasMessageContaining("controlRate + trueUplift must be in [0, 1]");
    assertThatThrownBy(() -> SETTINGS.withHoldoutShare(1.5)).hasMessageContaining("holdoutShare");
    assertThatThrownBy(() -> SyntheticCohort.of(1, List.of(SCREENING, SCREENING)))
        .hasMessageContaining("rule ids must differ");
  }
}
