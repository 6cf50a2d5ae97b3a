package org.cocare.routes.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.cocare.engine.evaluation.Evaluation;
import org.cocare.engine.evaluation.Explanation;
import org.cocare.rules.recommendation.EducationContent;
import org.cocare.rules.recommendation.Recommendation;

/** One patient's dry-run result, as printed by the CLI and returned by {@code /api/evaluate}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationView(
    String patient,
    LocalDate asOf,
    String ruleSetVersion,
    List<Item> recommendations,
    Explanation explanation) {

  /**
   * One recommendation; {@code measure} or {@code guideline} is omitted when it has none, {@code
   * content} (what the patient reads, in their language) unless it is education.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Item(
      String code,
      String kind,
      String measure,
      String guideline,
      String ruleId,
      String reason,
      List<String> evidence,
      LocalDate due,
      String priority,
      String catalogueItem,
      EducationContent content) {
    static Item of(Recommendation r) {
      return new Item(
          r.code(),
          r.kind().code(),
          r.measure(),
          r.guideline(),
          r.ruleId(),
          r.reason(),
          r.evidence(),
          r.due(),
          r.priority().code(),
          r.catalogueItem(),
          r.content());
    }
  }

  public static EvaluationView of(Evaluation evaluation) {
    return of(evaluation, null);
  }

  /** With the explanation of the same evaluation (the CLI's {@code --explain}). */
  public static EvaluationView of(Evaluation evaluation, Explanation explanation) {
    return new EvaluationView(
        evaluation.patientId(),
        evaluation.asOf(),
        evaluation.ruleSetVersion(),
        evaluation.recommendations().stream().map(Item::of).toList(),
        explanation);
  }
}
