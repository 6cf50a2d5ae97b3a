package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.fhir.value.QuestionnaireAnswers;
import org.cocare.fhir.value.Scale;
import org.junit.jupiter.api.Test;

class ScalesTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  /**
   * Five patients answer the three value items (worth, quality, recommend): 1 2 2 / 2 3 3 / 3 3 4 /
   * 4 5 4 / 5 4 6. By hand: item means 3, 3.4, 3.8; item variances (n − 1) 10/4 = 2.5, 5.2/4 = 1.3,
   * 8.8/4 = 2.2, summing to 6.0; item sums 5 8 10 13 15, mean 10.2, squared deviations 27.04 + 4.84
   * + 0.04 + 7.84 + 23.04 = 62.8, variance 15.7; alpha = 3/2 · (1 − 6/15.7) = 291/314 = 0.926752.
   * Scale scores 5/3 … 5, mean 3.4, sd √(62.8/9/4) = 1.320774.
   */
  @Test
  void handWorkedValueScale_alphaIs291Over314() {
    int[][] answers = {{1, 2, 2}, {2, 3, 3}, {3, 3, 4}, {4, 5, 4}, {5, 4, 6}};
    List<QuestionnaireAnswers> responses = new java.util.ArrayList<>();
    for (int i = 0; i < answers.length; i++) {
      responses.add(response("r" + i, "p" + i, T0, Scale.VALUE, answers[i]));
    }

    ScaleReport value = Scales.report(responses, List.of(), ValueFilter.ALL).get(Scale.VALUE);

    assertThat(value.n()).isEqualTo(5);
    assertThat(value.items()).isEqualTo(Scale.VALUE.items());
    assertThat(value.itemMeans()).containsExactly(3.0, 3.4, 3.8);
    assertThat(value.cronbachAlpha()).isCloseTo(291.0 / 314, within(1e-12));
    assertThat(value.mean()).isCloseTo(3.4, within(1e-12));
    assertThat(value.sd()).isCloseTo(Math.sqrt(62.8 / 9 / 4), within(1e-12));
  }

  /**
   * Alpha written the other way, from the item covariance matrix: k/(k−1) · (sum of the
   * off-diagonal covariances / sum of all of them), computed here with plain loops.
   */
  @Test
  void alpha_agreesWithTheCovarianceMatrixForm_onGeneratedAnswers() {
    SyntheticAnswers.Sample sample = SyntheticAnswers.typical().generate(300, 11);

    Map<Scale, ScaleReport> reports =
        Scales.report(sample.answers(), sample.traits(), ValueFilter.ALL);

    for (Scale scale : Scale.values()) {
      int k = scale.items().size();
      int n = sample.answers().size();
      double[][] x = new double[n][k];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < k; j++) {
          x[i][j] = sample.answers().get(i).items().get(scale.items().get(j));
        }
      }
      double all = 0;
      double offDiagonal = 0;
      for (int j = 0; j < k; j++) {
        for (int l = 0; l < k; l++) {
          double cov = covariance(x, j, l);
          all += cov;
          offDiagonal += j == l ? 0 : cov;
        }
      }
      double expected = (double) k / (k - 1) * offDiagonal / all;
      assertThat(reports.get(scale).cronbachAlpha())
          .as(scale.code())
          .isCloseTo(expected, within(1e-12));
      assertThat(reports.get(scale).cronbachAlpha()).as(scale.code()).isBetween(0.7, 0.95);
    }
  }

  @Test
  void identicalItems_alphaIsOne_andTooFewResponsesGiveNaN() {
    List<QuestionnaireAnswers> parallel =
        List.of(
            response("r1", "p1", T0, Scale.VALUE, 2, 2, 2),
            response("r2", "p2", T0, Scale.VALUE, 5, 5, 5),
            response("r3", "p3", T0, Scale.VALUE, 6, 6, 6));
    List<QuestionnaireAnswers> one = List.of(response("r1", "p1", T0, Scale.VALUE, 2, 3, 4));

    assertThat(Scales.report(parallel, List.of(), ValueFilter.ALL).get(Scale.VALUE).cronbachAlpha())
        .isCloseTo(1.0, within(1e-12));
    ScaleReport single = Scales.report(one, List.of(), ValueFilter.ALL).get(Scale.VALUE);
    assertThat(single.n()).isEqualTo(1);
    assertThat(single.cronbachAlpha()).isNaN();
    assertThat(single.sd()).isNaN();
    assertThat(single.mean()).isEqualTo(3.0);
  }

  @Test
  void newerIncompleteResponse_replacesAnOlderCompleteOne() {
    QuestionnaireAnswers old = response("r-old", "p1", T0, Scale.VALUE, 1, 1, 1);
    Map<String, Integer> partial = new HashMap<>(items(Scale.VALUE, 7, 7, 7));
    partial.remove("value-recommend");
    partial.putAll(items(Scale.ABILITY, 6, 6, 6, 6));
    QuestionnaireAnswers newer =
        new QuestionnaireAnswers("r-new", "p1", T0.plusSeconds(60), partial);
    QuestionnaireAnswers other = response("r-other", "p2", T0, Scale.VALUE, 4, 4, 4);

    Map<Scale, ScaleReport> reports =
        Scales.report(List.of(newer, old, other), List.of(), ValueFilter.ALL);

    assertThat(reports.get(Scale.VALUE).n()).isEqualTo(1);
    assertThat(reports.get(Scale.VALUE).mean()).isEqualTo(4.0);
    assertThat(reports.get(Scale.ABILITY).n()).isEqualTo(1);
    assertThat(reports.get(Scale.ABILITY).mean()).isEqualTo(6.0);
  }

  @Test
  void patientFilter_leavesOutOtherPatients_andThoseWhoseTraitIsUnknown() {
    List<QuestionnaireAnswers> answers =
        List.of(
            response("r1", "woman", T0, Scale.VALUE, 2, 2, 2),
            response("r2", "man", T0, Scale.VALUE, 6, 6, 6),
            response("r3", "unknown", T0, Scale.VALUE, 7, 7, 7));
    List<PatientTraits> traits =
        List.of(
            new PatientTraits("woman", 40, "female", null, null, null),
            new PatientTraits("man", 40, "male", null, null, null));
    ValueFilter women =
        new ValueFilter(
            null, null, null, null, null, null, null, null, null, "female", null, null, null);

    assertThat(Scales.report(answers, traits, women).get(Scale.VALUE).mean()).isEqualTo(2.0);
    assertThat(Scales.report(answers, traits, ValueFilter.ALL).get(Scale.VALUE).n()).isEqualTo(3);
  }

  private static double covariance(double[][] x, int j, int l) {
    double mj = 0;
    double ml = 0;
    for (double[] row : x) {
      mj += row[j] / x.length;
      ml += row[l] / x.length;
    }
    double sum = 0;
    for (double[] row : x) {
      sum += (row[j] - mj) * (row[l] - ml);
    }
    return sum / (x.length - 1);
  }

  static QuestionnaireAnswers response(
      String id, String patient, Instant authored, Scale scale, int... values) {
    return new QuestionnaireAnswers(id, patient, authored, items(scale, values));
  }

  static Map<String, Integer> items(Scale scale, int... values) {
    Map<String, Integer> items = new HashMap<>();
    for (int j = 0; j < values.length; j++) {
      items.put(scale.items().get(j), values[j]);
    }
    return items;
  }
}
