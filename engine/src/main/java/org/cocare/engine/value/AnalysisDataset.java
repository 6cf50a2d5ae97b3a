package org.cocare.engine.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.fhir.value.QuestionnaireAnswers;
import org.cocare.fhir.value.Scale;

/**
 * The data the value models are fitted on: one row per covered patient whose newest questionnaire
 * response scores all three scales, with the behaviour also measured from the record and the
 * controls. Rows missing a control stay in the dataset (and its CSV) so the export shows them; the
 * models leave them out ({@link #complete()}).
 */
public record AnalysisDataset(List<Row> rows) {

  /** The CSV columns, in order; also the names the models' terms are built from. */
  public static final List<String> COLUMNS =
      List.of(
          "patientId",
          "ability",
          "behaviour",
          "value",
          "recordBehaviour",
          "age",
          "gender",
          "education",
          "visitReason",
          "department");

  /**
   * One patient.
   *
   * @param ability the ability scale's score (the mean of its items)
   * @param behaviour the co-creation behaviour scale's score
   * @param value the perceived value scale's score
   * @param recordBehaviour the share of the patient's covered recommendations that reached {@link
   *     Stage#ACKNOWLEDGED} or {@link Stage#COMPLETED}; null when the patient has none
   */
  public record Row(
      String patientId,
      double ability,
      double behaviour,
      double value,
      Double recordBehaviour,
      Integer age,
      String gender,
      String education,
      String visitReason,
      String department) {

    public Row {
      Objects.requireNonNull(patientId, "patientId");
      // Scores are not held to 1–7: the synthetic generator's latent scores use the same rows.
      if (!Double.isFinite(ability) || !Double.isFinite(behaviour) || !Double.isFinite(value)) {
        throw new IllegalArgumentException(
            "scores of "
                + patientId
                + " must be finite: "
                + ability
                + ", "
                + behaviour
                + ", "
                + value);
      }
      if (recordBehaviour != null && !(recordBehaviour >= 0 && recordBehaviour <= 1)) {
        throw new IllegalArgumentException(
            "record behaviour of " + patientId + " is a share, was " + recordBehaviour);
      }
      if (age != null && age < 0) {
        throw new IllegalArgumentException("age of " + patientId + " is negative: " + age);
      }
    }

    /** Whether every control (age, gender, education, visit reason, department) is known. */
    public boolean hasControls() {
      return age != null
          && known(gender)
          && known(education)
          && known(visitReason)
          && known(department);
    }

    private static boolean known(String s) {
      return s != null && !s.isBlank();
    }
  }

  public AnalysisDataset {
    rows = List.copyOf(rows);
    if (rows.stream().map(Row::patientId).distinct().count() != rows.size()) {
      throw new IllegalArgumentException("a patient appears in more than one row");
    }
  }

  /**
   * The dataset of the patients the filter's patient filters cover, each with their newest
   * questionnaire response (see {@link Scales#report}); patients whose newest response misses an
   * item of any scale are left out. The record behaviour counts the patient's recommendations the
   * whole filter covers (period, rule, cohort …). Rows are ordered by patient id.
   */
  public static AnalysisDataset of(
      Collection<QuestionnaireAnswers> answers,
      Collection<PatientTraits> traits,
      Collection<FollowedRecommendation> recommendations,
      ValueFilter filter) {
    Map<String, PatientTraits> byPatient = Scales.byPatient(traits);
    Map<String, int[]> followed = new HashMap<>();
    for (FollowedRecommendation r : recommendations) {
      PatientTraits t = byPatient.getOrDefault(r.patientId(), PatientTraits.unknown(r.patientId()));
      if (filter.matches(r, t)) {
        int[] counts = followed.computeIfAbsent(r.patientId(), id -> new int[2]);
        counts[1]++;
        if (r.reached().contains(Stage.ACKNOWLEDGED) || r.reached().contains(Stage.COMPLETED)) {
          counts[0]++;
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    for (QuestionnaireAnswers a : Scales.covered(answers, traits, filter).values()) {
      if (a.score(Scale.ABILITY).isEmpty()
          || a.score(Scale.BEHAVIOUR).isEmpty()
          || a.score(Scale.VALUE).isEmpty()) {
        continue;
      }
      PatientTraits t = byPatient.getOrDefault(a.patientId(), PatientTraits.unknown(a.patientId()));
      int[] counts = followed.get(a.patientId());
      rows.add(
          new Row(
              a.patientId(),
              a.score(Scale.ABILITY).getAsDouble(),
              a.score(Scale.BEHAVIOUR).getAsDouble(),
              a.score(Scale.VALUE).getAsDouble(),
              counts == null ? null : (double) counts[0] / counts[1],
              t.age(),
              t.gender(),
              t.education(),
              t.visitReason(),
              t.department()));
    }
    rows.sort(Comparator.comparing(Row::patientId));
    return new AnalysisDataset(rows);
  }

  /** The rows with every control known: the ones the models are fitted on (listwise deletion). */
  public List<Row> complete() {
    return rows.stream().filter(Row::hasControls).toList();
  }

  /** How many rows the models leave out for a missing control. */
  public int missingControls() {
    return (int) rows.stream().filter(r -> !r.hasControls()).count();
  }

  /**
   * The dataset as CSV (RFC 4180: a header row, CRLF line ends, fields quoted when they hold a
   * comma, quote or line break). Unknown values are empty fields. Numbers are written with {@link
   * Double#toString}, the shortest text that reads back to the same double, so another program fits
   * exactly the numbers Cocare fitted.
   */
  public String toCsv() {
    StringBuilder csv = new StringBuilder();
    Csv.line(csv, COLUMNS);
    for (Row r : rows) {
      Csv.line(
          csv,
          Arrays.asList(
              r.patientId(),
              Double.toString(r.ability()),
              Double.toString(r.behaviour()),
              Double.toString(r.value()),
              r.recordBehaviour() == null ? null : Double.toString(r.recordBehaviour()),
              r.age() == null ? null : Integer.toString(r.age()),
              r.gender(),
              r.education(),
              r.visitReason(),
              r.department()));
    }
    return csv.toString();
  }
}
