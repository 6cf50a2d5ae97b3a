package org.cocare.routes.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.recommendation.Recommendation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/patients/{id}/recommendations[?status=open|completed|closed]}. */
@RestController
public class PatientController {
  private final RecommendationStore recommendations;

  public PatientController(RecommendationStore recommendations) {
    this.recommendations = recommendations;
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
