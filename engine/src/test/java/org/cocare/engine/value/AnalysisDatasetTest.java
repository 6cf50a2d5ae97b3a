package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.fhir.value.QuestionnaireAnswers;
import org.cocare.fhir.value.Scale;
import org.cocare.rules.recommendation.Kind;
import org.junit.jupiter.api.Test;

class AnalysisDatasetTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void recordBehaviour_isTheShareAcknowledgedOrCompleted_andNullWithoutRecommendations() {
    List<QuestionnaireAnswers> answers = List.of(complete("p1", 4), complete("p2", 5));
    List<FollowedRecommendation> recommendations =
        List.of(
            followed("r1", "p1", T0, Stage.SENT, Stage.OPENED),
            followed("r2", "p1", T0, Stage.ACKNOWLEDGED),
            followed("r3", "p1", T0, Stage.COMPLETED),
            followed("r4", "p1", T0, Stage.DELIVERED));

    AnalysisDataset data = AnalysisDataset.of(answers, List.of(), recommendations, ValueFilter.ALL);

    assertThat(data.rows()).extracting(AnalysisDataset.Row::patientId).containsExactly("p1", "p2");
    assertThat(data.rows().get(0).recordBehaviour()).isEqualTo(0.5);
    assertThat(data.rows().get(1).recordBehaviour()).isNull();
  }

  @Test
  void recordBehaviour_countsOnlyTheRecommendationsTheFilterCovers() {
    ValueFilter march =
        new ValueFilter(
            T0,
            T0.plusSeconds(31L * 24 * 3600),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    List<FollowedRecommendation> recommendations =
        List.of(
            followed("in-march", "p1", T0.plusSeconds(3600), Stage.COMPLETED),
            followed("february", "p1", T0.minusSeconds(3600)),
            followed("april", "p1", T0.plusSeconds(40L * 24 * 3600)));

    AnalysisDataset data =
        AnalysisDataset.of(List.of(complete("p1", 4)), List.of(), recommendations, march);

    assertThat(data.rows().get(0).recordBehaviour()).isEqualTo(1.0);
  }

  @Test
  void scoresAreItemMeans_fromTheNewestResponse_andAnIncompleteOneLeavesThePatientOut() {
    Map<String, Integer> items = new HashMap<>(all(3));
    items.putAll(ScalesTest.items(Scale.ABILITY, 1, 2, 3, 5));
    QuestionnaireAnswers newer = new QuestionnaireAnswers("new", "p1", T0.plusSeconds(1), items);
    Map<String, Integer> missing = new HashMap<>(all(3));
    missing.remove("behaviour-help");

    AnalysisDataset data =
        AnalysisDataset.of(
            List.of(complete("p1", 7), newer, new QuestionnaireAnswers("x", "p2", T0, missing)),
            List.of(),
            List.of(),
            ValueFilter.ALL);

    assertThat(data.rows()).hasSize(1);
    assertThat(data.rows().get(0).ability()).isEqualTo(2.75);
    assertThat(data.rows().get(0).behaviour()).isEqualTo(3.0);
  }

  @Test
  void patientMissingAControl_staysInTheDataset_butNotAmongTheCompleteRows() {
    List<PatientTraits> traits =
        List.of(
            new PatientTraits("p1", 50, "female", "tertiary", "acute", "cardiology"),
            new PatientTraits("p2", 61, "male", null, "acute", "cardiology"),
            new PatientTraits("p3", null, "male", "primary", "acute", "cardiology"),
            new PatientTraits("p4", 30, "other", "primary", " ", "cardiology"));

    AnalysisDataset data =
        AnalysisDataset.of(
            List.of(complete("p1", 4), complete("p2", 4), complete("p3", 4), complete("p4", 4)),
            traits,
            List.of(),
            ValueFilter.ALL);

    assertThat(data.rows()).hasSize(4);
    assertThat(data.complete()).extracting(AnalysisDataset.Row::patientId).containsExactly("p1");
    assertThat(data.missingControls()).isEqualTo(3);
  }

  @Test
  void csv_quotesWhatNeedsQuoting_leavesUnknownsEmpty_andKeepsEveryDigit() {
    double third = 1.0 / 3;
    AnalysisDataset data =
        new AnalysisDataset(
            List.of(
                new AnalysisDataset.Row(
                    "p1", third, 4.25, 1e-7, null, 52, "female", "tertiary", "a, b", "say \"hi\""),
                new AnalysisDataset.Row(
                    "p2", 2, 3, 4, 0.75, null, null, null, "line\nbreak", "x")));

    String csv = data.toCsv();

    assertThat(csv)
        .isEqualTo(
            "patientId,ability,behaviour,value,recordBehaviour,age,gender,education,visitReason,department\r\n"
                + "p1,0.3333333333333333,4.25,1.0E-7,,52,female,tertiary,\"a, b\",\"say \"\"hi\"\"\"\r\n"
                + "p2,2.0,3.0,4.0,0.75,,,,\"line\nbreak\",x\r\n");
    assertThat(Double.parseDouble("0.3333333333333333")).isEqualTo(third);
  }

  @Test
  void aPatientTwice_isRefused() {
    AnalysisDataset.Row row =
        new AnalysisDataset.Row("p1", 1, 1, 1, null, null, null, null, null, null);

    assertThatThrownBy(() -> new AnalysisDataset(List.of(row, row)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one row");
  }

  /** A response answering every item of every scale with {@code answer}. */
  static QuestionnaireAnswers complete(String patient, int answer) {
    return new QuestionnaireAnswers("q-" + patient, patient, T0, all(answer));
  }

  static Map<String, Integer> all(int answer) {
    Map<String, Integer> items = new HashMap<>();
    for (Scale scale : Scale.values()) {
      scale.items().forEach(linkId -> items.put(linkId, answer));
    }
    return items;
  }

  static FollowedRecommendation followed(
      String id, String patient, Instant issued, Stage... reached) {
    Set<Stage> stages = Set.of(reached);
    boolean completed = stages.contains(Stage.COMPLETED);
    return new FollowedRecommendation(
        id,
        patient,
        "rule-1",
        "code-1",
        null,
        Kind.FOLLOW_UP_TASK,
        null,
        issued,
        false,
        null,
        null,
        stages,
        completed ? 3 : null,
        completed ? 3 : 30);
  }
}
