package org.cocare.engine.evaluation;

import java.time.LocalDate;
import java.util.List;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.recommendation.Recommendation;

/** The recommendations for one patient as of a date, with the rule-set version that made them. */
public record Evaluation(
    String patientId,
    LocalDate asOf,
    String ruleSetVersion,
    List<Recommendation> recommendations,
    List<GapClosed> gapsClosed) {
  public Evaluation {
    recommendations = List.copyOf(recommendations);
    gapsClosed = List.copyOf(gapsClosed);
  }
}
