package org.cocare.routes.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.evaluation.Explanation;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.engine.record.PatientRecordStore;
import org.cocare.rules.recommendation.EducationContent;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.recommendation.Recommendation;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A patient's recommendations ({@code GET /api/patients/{id}/recommendations[?status=…]}) and why.
 */
@RestController
public class PatientController {
  private final RecommendationStore recommendations;
  private final PatientRecordStore records;
  private final Evaluator evaluator;

  public PatientController(
      RecommendationStore recommendations, PatientRecordStore records, Evaluator evaluator) {
    this.recommendations = recommendations;
    this.records = records;
    this.evaluator = evaluator;
  }

  /**
   * {@code GET /api/patients/{id}/explain[?asOf=YYYY-MM-DD]}: per measure and rule family, whether
   * the patient's stored record puts them in the population, what excludes them and on which
   * resources, what closed a gap — each with the rule and its source. Changes nothing.
   */
  @GetMapping("/api/patients/{id}/explain")
  public Explanation explain(
      @PathVariable String id,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate asOf) {
    List<Resource> record = records.load(id);
    if (record.isEmpty()) {
      throw new NoSuchElementException("no record for patient " + id);
    }
    return evaluator.explain(id, record, asOf);
  }

  /** An issued recommendation with everything that explains it. */
  public record RecommendationView(
      String id,
      String patient,
      String code,
      String kind,
      String measure,
      String guideline,
      String ruleId,
      String ruleSetVersion,
      String reason,
      List<String> evidence,
      LocalDate due,
      String priority,
      String catalogueItem,
      EducationContent content,
      String status,
      Instant issuedAt,
      Instant closedAt,
      String closeReason,
      String closeEvidence) {
    static RecommendationView of(IssuedRecommendation issued) {
      Recommendation r = issued.recommendation();
      return new RecommendationView(
          issued.id(),
          issued.patientId(),
          r.code(),
          r.kind().code(),
          r.measure(),
          r.guideline(),
          r.ruleId(),
          issued.ruleSetVersion(),
          r.reason(),
          r.evidence(),
          r.due(),
          r.priority().code(),
          r.catalogueItem(),
          r.content(),
          issued.status().code(),
          issued.issuedAt(),
          issued.closedAt(),
          issued.closeReason(),
          issued.closeEvidence());
    }
  }

  @GetMapping("/api/patients/{id}/recommendations")
  public List<RecommendationView> recommendations(
      @PathVariable String id, @RequestParam(required = false) String status) {
    return recommendations.forPatient(id).stream()
        .filter(r -> status == null || r.status().code().equals(status))
        .map(RecommendationView::of)
        .toList();
  }
}
