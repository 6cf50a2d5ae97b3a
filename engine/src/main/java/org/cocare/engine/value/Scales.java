package org.cocare.engine.value;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.fhir.value.QuestionnaireAnswers;
import org.cocare.fhir.value.Scale;

/**
 * Reports each questionnaire scale over the covered patients: item means, scale mean and standard
 * deviation, and Cronbach's alpha. A patient counts once, with their newest response: a patient who
 * answered twice has changed their answer, and counting both would weigh them double.
 */
public final class Scales {
  /**
   * Oldest to newest by {@code authored}, an undated response the oldest; ties by response id, so
   * which response counts does not depend on the order they were read in.
   */
  private static final Comparator<QuestionnaireAnswers> NEWEST_LAST =
      Comparator.comparing(
              QuestionnaireAnswers::authored,
              Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
          .thenComparing(
              QuestionnaireAnswers::responseId,
              Comparator.nullsFirst(Comparator.<String>naturalOrder()));

  private Scales() {}

  /**
   * Every scale's report over the patients the filter's patient filters cover. A patient without
   * traits is {@link PatientTraits#unknown unknown}: covered only when the filter sets no patient
   * filter. A scale counts a patient only when their newest response answered all its items; an
   * older complete response does not stand in for a newer incomplete one.
   */
  public static Map<Scale, ScaleReport> report(
      Collection<QuestionnaireAnswers> answers,
      Collection<PatientTraits> traits,
      ValueFilter filter) {
    Map<String, QuestionnaireAnswers> newest = covered(answers, traits, filter);
    Map<Scale, ScaleReport> reports = new EnumMap<>(Scale.class);
    for (Scale scale : Scale.values()) {
      List<double[]> rows = new ArrayList<>();
      for (QuestionnaireAnswers a : newest.values()) {
        if (a.score(scale).isPresent()) {
          rows.add(scale.items().stream().mapToDouble(a.items()::get).toArray());
        }
      }
      reports.put(scale, of(scale, rows));
    }
    return reports;
  }

  /** Each covered patient's newest response, by patient id. */
  static Map<String, QuestionnaireAnswers> covered(
      Collection<QuestionnaireAnswers> answers,
      Collection<PatientTraits> traits,
      ValueFilter filter) {
    Map<String, PatientTraits> byPatient = byPatient(traits);
    Map<String, QuestionnaireAnswers> newest = new HashMap<>();
    for (QuestionnaireAnswers a : answers) {
      PatientTraits t = byPatient.getOrDefault(a.patientId(), PatientTraits.unknown(a.patientId()));
      if (filter.matchesPatient(t)) {
        newest.merge(
            a.patientId(),
            a,
            (old, candidate) -> NEWEST_LAST.compare(old, candidate) < 0 ? candidate : old);
      }
    }
    return newest;
  }

  static Map<String, PatientTraits> byPatient(Collection<PatientTraits> traits) {
    Map<String, PatientTraits> byPatient = new HashMap<>();
    for (PatientTraits t : traits) {
      if (byPatient.put(t.patientId(), t) != null) {
        throw new IllegalArgumentException("two sets of traits for patient " + t.patientId());
      }
    }
    return byPatient;
  }

  /** The report from one row of item answers per patient, in the scale's item order. */
  static ScaleReport of(Scale scale, List<double[]> rows) {
    int k = scale.items().size();
    int n = rows.size();
    double[][] byItem = new double[k][n];
    double[] sums = new double[n];
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      double[] row = rows.get(i);
      for (int j = 0; j < k; j++) {
        byItem[j][i] = row[j];
        sums[i] += row[j];
      }
      scores[i] = sums[i] / k;
    }
    List<Double> itemMeans = new ArrayList<>(k);
    double itemVariances = 0;
    for (double[] item : byItem) {
      itemMeans.add(n == 0 ? Double.NaN : new Mean().evaluate(item));
      itemVariances += new Variance().evaluate(item);
    }
    double sumVariance = new Variance().evaluate(sums);
    // Commons Math gives NaN for no data and 0 for one value; alpha and sd need two responses.
    double alpha =
        n < 2 || sumVariance == 0
            ? Double.NaN
            : (double) k / (k - 1) * (1 - itemVariances / sumVariance);
    return new ScaleReport(
        scale,
        scale.items(),
        n,
        itemMeans,
        n == 0 ? Double.NaN : new Mean().evaluate(scores),
        n < 2 ? Double.NaN : new StandardDeviation().evaluate(scores),
        alpha);
  }
}
