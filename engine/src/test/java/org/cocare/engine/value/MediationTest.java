package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.cocare.engine.value.AnalysisDataset.Row;
import org.cocare.engine.value.Mediation.Mediator;
import org.cocare.fhir.value.PatientTraits;
import org.junit.jupiter.api.Test;

class MediationTest {
  private static final AnalysisDataset LATENT =
      SyntheticAnswers.typical().generate(300, 5).latent();

  /**
   * x 1…5, y 2 4 5 4 5: slope 0.6, intercept 2.2; residuals −0.8 0.6 1 −0.6 −0.2, so s² = 2.4/3 =
   * 0.8; Sxx = 10, so se(slope) = √0.08 and se(intercept) = √(0.8·(1/5 + 3²/10)) = √0.88; R² = 1 −
   * 2.4/6 = 0.6; p values from the t distribution on 3 df (0.124027 and 0.100743).
   */
  @Test
  void ols_simpleRegression_matchesTheHandWorkedTextbookFit() {
    RegressionModel fit =
        Ols.fit(
            "simple",
            "y",
            new double[] {2, 4, 5, 4, 5},
            new double[][] {{1}, {2}, {3}, {4}, {5}},
            List.of("x"));

    assertThat(fit.n()).isEqualTo(5);
    assertThat(fit.df()).isEqualTo(3);
    assertThat(fit.rSquared()).isCloseTo(0.6, within(1e-12));
    assertThat(fit.estimate("Intercept")).isCloseTo(2.2, within(1e-12));
    assertThat(fit.estimate("x")).isCloseTo(0.6, within(1e-12));
    assertThat(fit.coefficient("x").standardError()).isCloseTo(Math.sqrt(0.08), within(1e-12));
    assertThat(fit.coefficient("Intercept").standardError())
        .isCloseTo(Math.sqrt(0.88), within(1e-12));
    assertThat(fit.coefficient("x").t()).isCloseTo(0.6 / Math.sqrt(0.08), within(1e-12));
    assertThat(fit.coefficient("x").p()).isCloseTo(0.124027, within(1e-6));
    assertThat(fit.coefficient("Intercept").p()).isCloseTo(0.100743, within(1e-6));
  }

  /**
   * y = 1 + 2·x1 − 3·x2 + e with e = (1, −1, −2, 2, 1, −1) orthogonal to the intercept, x1 and x2,
   * so least squares returns exactly (1, 2, −3). s² = 12/3 = 4 and diag((XᵀX)⁻¹) = (43/48, 1/16,
   * 35/48), so the standard errors are √(43/12), 1/2 and √(35/12); R² = 1 − 12/77.5 = 131/155.
   */
  @Test
  void ols_twoRegressors_recoversTheCoefficientsTheDataWereBuiltWith() {
    double[][] x = {{1, 0}, {2, 1}, {3, 0}, {4, 1}, {5, 0}, {6, 1}};
    double[] y = {4, 1, 5, 8, 12, 9};

    RegressionModel fit = Ols.fit("two", "y", y, x, List.of("x1", "x2"));

    assertThat(fit.terms()).containsExactly("Intercept", "x1", "x2");
    assertThat(fit.estimate("Intercept")).isCloseTo(1, within(1e-12));
    assertThat(fit.estimate("x1")).isCloseTo(2, within(1e-12));
    assertThat(fit.estimate("x2")).isCloseTo(-3, within(1e-12));
    assertThat(fit.coefficient("Intercept").standardError())
        .isCloseTo(Math.sqrt(43.0 / 12), within(1e-12));
    assertThat(fit.coefficient("x1").standardError()).isCloseTo(0.5, within(1e-12));
    assertThat(fit.coefficient("x2").standardError())
        .isCloseTo(Math.sqrt(35.0 / 12), within(1e-12));
    assertThat(fit.rSquared()).isCloseTo(131.0 / 155, within(1e-12));
  }

  @Test
  void ols_collinearColumns_failNamingTheTerms() {
    double[][] x = {{1, 2}, {2, 4}, {3, 6}, {4, 8}, {5, 10}};

    assertThatThrownBy(
            () -> Ols.fit("dup", "y", new double[] {1, 3, 2, 5, 4}, x, List.of("u", "v")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("collinear")
        .hasMessageContaining("[u, v]");
  }

  @Test
  void models_nameTheirTermsAsPatsyDoes() {
    MediationReport report = new Mediation(Mediator.BEHAVIOUR_SCALE, 1000, 1).fit(LATENT);

    assertThat(report.pathB().terms())
        .containsExactly(
            "Intercept",
            "ability",
            "behaviour",
            "age",
            "C(gender)[T.male]",
            "C(gender)[T.other]",
            "C(gender)[T.unknown]",
            "C(education)[T.secondary]",
            "C(education)[T.tertiary]",
            "C(visitReason)[T.check-up]",
            "C(visitReason)[T.chronic-care]",
            "C(department)[T.endocrinology]",
            "C(department)[T.general-practice]");
    assertThat(report.moderation().terms()).endsWith("ability:male");
    assertThat(report.pathA().response()).isEqualTo("behaviour");
    assertThat(report.coefficientsCsv())
        .startsWith("model,term,estimate,std_error\r\ntotal,Intercept,")
        .contains("\r\nmoderation,ability:male,");
  }

  /** An identity of least squares when every model has the same patients and controls. */
  @Test
  void totalEffect_splitsExactlyIntoDirectPlusIndirect() {
    MediationReport report = new Mediation(Mediator.BEHAVIOUR_SCALE, 1000, 1).fit(LATENT);

    assertThat(report.c()).isCloseTo(report.cPrime() + report.a() * report.b(), within(1e-10));
    assertThat(report.indirectEffect()).isEqualTo(report.a() * report.b());
    assertThat(report.proportionMediated())
        .isCloseTo(report.a() * report.b() / report.c(), within(1e-15));
  }

  @Test
  void listwiseDeletion_isCounted_andEveryModelHasTheSamePatients() {
    MediationReport report = new Mediation(Mediator.BEHAVIOUR_SCALE, 1000, 1).fit(LATENT);

    assertThat(report.rows()).isEqualTo(300);
    assertThat(report.missingControls()).isEqualTo(LATENT.missingControls()).isPositive();
    assertThat(report.models())
        .extracting(RegressionModel::n)
        .containsOnly(300 - report.missingControls());
  }

  @Test
  void bootstrap_sameSeedRepeats_anotherSeedDiffers_andTheSettingsAreReported() {
    BootstrapInterval first =
        new Mediation(Mediator.BEHAVIOUR_SCALE, 1000, 42).fit(LATENT).indirect();
    BootstrapInterval again =
        new Mediation(Mediator.BEHAVIOUR_SCALE, 1000, 42).fit(LATENT).indirect();
    BootstrapInterval other =
        new Mediation(Mediator.BEHAVIOUR_SCALE, 1000, 43).fit(LATENT).indirect();

    assertThat(again).isEqualTo(first);
    assertThat(other.lower()).isNotEqualTo(first.lower());
    assertThat(other.estimate()).isEqualTo(first.estimate());
    assertThat(first.resamples()).isEqualTo(1000);
    assertThat(first.seed()).isEqualTo(42);
    assertThat(first.confidence()).isEqualTo(0.95);
    assertThat(first.lower()).isLessThan(first.estimate());
    assertThat(first.upper()).isGreaterThan(first.estimate());
  }

  @Test
  void fewerThanAThousandResamples_areRefused() {
    assertThatThrownBy(() -> new Mediation(Mediator.BEHAVIOUR_SCALE, 999, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1000 resamples")
        .hasMessageContaining("999");
    assertThat(Mediation.withSeed(3).resamples()).isEqualTo(5000);
  }

  @Test
  void moreThanTwentyThousandResamples_areRefused() {
    assertThatThrownBy(() -> new Mediation(Mediator.BEHAVIOUR_SCALE, 20_001, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("at most 20000 bootstrap resamples; asked for 20001");
    assertThat(new Mediation(Mediator.BEHAVIOUR_SCALE, 20_000, 1).resamples()).isEqualTo(20_000);
  }

  @Test
  void tooFewPatients_failSayingHowMany() {
    List<Row> few = LATENT.complete().subList(0, 10);

    assertThatThrownBy(
            () -> new Mediation(Mediator.BEHAVIOUR_SCALE, 1000, 1).fit(new AnalysisDataset(few)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 patients are too few");
    assertThatThrownBy(
            () ->
                new Mediation(Mediator.BEHAVIOUR_SCALE, 1000, 1)
                    .fit(new AnalysisDataset(List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 patients are too few");
  }

  @Test
  void onlyMen_leavesNoModerationModel_butTheMediationStands() {
    List<Row> men = LATENT.complete().stream().filter(r -> "male".equals(r.gender())).toList();

    MediationReport report =
        new Mediation(Mediator.BEHAVIOUR_SCALE, 1000, 1).fit(new AnalysisDataset(men));

    assertThat(report.moderation()).isNull();
    assertThat(report.interaction()).isNaN();
    assertThat(report.models()).hasSize(3);
    assertThat(report.pathB().terms()).noneMatch(t -> t.startsWith("C(gender)"));
    assertThat(report.coefficientsCsv()).doesNotContain("moderation");
  }

  @Test
  void recordShareMediator_leavesOutPatientsWithoutRecommendations() {
    List<Row> rows = new ArrayList<>();
    for (Row r : LATENT.rows()) {
      boolean none = r.patientId().endsWith("0");
      // A share that rises with behaviour, as acknowledging and completing items would.
      Double share = none ? null : 1 / (1 + Math.exp(-(r.behaviour() - 4)));
      rows.add(
          new Row(
              r.patientId(),
              r.ability(),
              r.behaviour(),
              r.value(),
              share,
              r.age(),
              r.gender(),
              r.education(),
              r.visitReason(),
              r.department()));
    }
    AnalysisDataset data = new AnalysisDataset(rows);
    long withoutShare = data.complete().stream().filter(r -> r.recordBehaviour() == null).count();

    MediationReport report = new Mediation(Mediator.RECORD_SHARE, 1000, 1).fit(data);

    assertThat(report.missingMediator()).isEqualTo(withoutShare).isPositive();
    assertThat(report.analysed())
        .isEqualTo(300 - report.missingControls() - report.missingMediator());
    assertThat(report.pathA().response()).isEqualTo("recordBehaviour");
    assertThat(report.pathB().terms()).contains("recordBehaviour").doesNotContain("behaviour");
    assertThat(report.a()).isPositive();
    assertThat(report.c()).isCloseTo(report.cPrime() + report.a() * report.b(), within(1e-10));
  }

  @Test
  void absentLevels_dropsAnEmptyDummy_andOneMoreWhenTheReferenceIsMissing() {
    // Columns: ability, then factor f (levels ref, f1, f2) and factor g (levels ref, g1).
    int[][] factors = {{1, 2}, {3}};
    double[][] noF2 = {{1, 0, 0, 0}, {2, 1, 0, 1}, {3, 1, 0, 0}};
    double[][] noGReference = {{1, 0, 0, 1}, {2, 1, 0, 1}, {3, 0, 1, 1}};
    double[][] all = {{1, 0, 0, 0}, {2, 1, 0, 1}, {3, 0, 1, 0}};

    assertThat(Mediation.absentLevels(noF2, factors)).containsExactly(false, false, true, false);
    assertThat(Mediation.absentLevels(noGReference, factors))
        .containsExactly(false, false, false, true);
    assertThat(Mediation.absentLevels(all, factors)).isNull();
  }

  /**
   * One patient alone in a department: about e⁻¹ of the resamples miss them, and those are fitted
   * without the department's column instead of failing as singular; also when the lone department
   * is the reference level (alphabetically first), whose absence makes the other dummies add up to
   * the intercept.
   */
  @Test
  void aCategoryOfOnePatient_isMissingFromAboutAThirdOfTheResamples_withoutFailing() {
    for (String department : List.of("radiology", "anaesthesia")) {
      List<PatientTraits> traits = new ArrayList<>(SyntheticAnswers.traits(200, 9));
      PatientTraits first = traits.get(0);
      traits.set(
          0, new PatientTraits(first.patientId(), 40, "female", "primary", "acute", department));
      AnalysisDataset data = SyntheticAnswers.typical().generate(traits, 9).latent();

      MediationReport report = new Mediation(Mediator.BEHAVIOUR_SCALE, 1000, 2).fit(data);

      assertThat(report.pathA().terms())
          .as(department)
          .contains(
              department.equals("radiology")
                  ? "C(department)[T.radiology]"
                  : "C(department)[T.cardiology]");
      assertThat(report.indirect().reducedResamples()).as(department).isBetween(300, 440);
    }
  }
}
