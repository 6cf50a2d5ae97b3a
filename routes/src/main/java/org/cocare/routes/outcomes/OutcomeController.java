package org.cocare.routes.outcomes;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.cocare.engine.outcome.Cohort;
import org.cocare.engine.outcome.OutcomeEvent;
import org.cocare.engine.outcome.OutcomeKind;
import org.cocare.engine.outcome.OutcomeQuery;
import org.cocare.engine.outcome.OutcomeStore;
import org.cocare.routes.api.ApiErrors;
import org.cocare.rules.recommendation.Kind;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What happened to recommendations: {@code GET /api/patients/{id}/timeline} and {@code GET
 * /api/outcomes?…}, event by event. Figures over them (funnel, uplift, cohorts by patient traits)
 * are value analysis's, under {@code /api/value}.
 */
@RestController
@Tag(name = "Outcomes", description = "What happened to each recommendation after it was issued")
public class OutcomeController {
  static final int DEFAULT_LIMIT = 100;

  private final OutcomeStore outcomes;
  private final ApiErrors errors;

  public OutcomeController(OutcomeStore outcomes, ApiErrors errors) {
    this.outcomes = outcomes;
    this.errors = errors;
  }

  /** An outcome event as the API shows it; kinds by their stable codes. */
  public record OutcomeView(
      String id,
      String recommendationId,
      String patient,
      String kind,
      Instant at,
      String ruleId,
      String code,
      String measure,
      String recommendationKind,
      String ruleSetVersion,
      String evidence,
      Integer daysToComplete,
      String detail) {
    static OutcomeView of(OutcomeEvent e) {
      return new OutcomeView(
          e.id(),
          e.recommendationId(),
          e.patientId(),
          e.kind().code(),
          e.at(),
          e.ruleId(),
          e.code(),
          e.measure(),
          e.recommendationKind().code(),
          e.ruleSetVersion(),
          e.evidence(),
          e.daysToComplete(),
          e.detail());
    }
  }

  @Operation(
      summary = "A patient's outcome timeline",
      description =
          "Every event of the patient's recommendations (issued, sent, completed with its"
              + " evidence…), oldest first; empty for an unknown patient. Roles: clinician, admin.")
  @GetMapping("/api/patients/{id}/timeline")
  public List<OutcomeView> timeline(@PathVariable String id) {
    return outcomes.timeline(id).stream().map(OutcomeView::of).toList();
  }

  @Operation(
      summary = "Search outcome events",
      description =
          "Filters (all optional, combined with and): rule (rule id), measure, code, kind (event"
              + " kind, e.g. completed), recommendationKind (e.g. screening-reminder), from"
              + " (inclusive) and to (exclusive) as ISO instants, version (rule-set version, e.g."
              + " cocare-default@2), cohort (control: recommendations held out of notification by"
              + " their rule's holdout; intervention: the rest); newest first, at most limit"
              + " (default 100, at most 1000). Roles: clinician, admin.")
  @GetMapping("/api/outcomes")
  public List<OutcomeView> search(
      @RequestParam(required = false) String rule,
      @RequestParam(required = false) String measure,
      @RequestParam(required = false) String code,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String recommendationKind,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(required = false) String version,
      @RequestParam(required = false) String cohort,
      @RequestParam(required = false) Integer limit) {
    OutcomeQuery query =
        new OutcomeQuery(
            rule,
            measure,
            code,
            kind == null ? null : OutcomeKind.fromCode(kind),
            recommendationKind == null ? null : Kind.fromCode(recommendationKind),
            from,
            to,
            version,
            cohort == null ? null : Cohort.fromCode(cohort),
            limit == null ? DEFAULT_LIMIT : limit);
    return outcomes.search(query).stream().map(OutcomeView::of).toList();
  }

  /** An unknown kind or a limit out of range is the client's mistake. */
  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<String> invalidQuery(IllegalArgumentException e) {
    return errors.invalidQuery(e);
  }
}
