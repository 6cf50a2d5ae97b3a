package org.cocare.routes.evaluate;

import java.time.LocalDate;
import java.util.List;
import org.cocare.engine.evaluation.DryRun;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/evaluate?asOf=YYYY-MM-DD} with a Bundle or resource (JSON or XML): what would be
 * recommended, per patient. Stores nothing; invalid content gets the same 4xx OperationOutcome as
 * ingest.
 */
@RestController
public class EvaluateController {
  private final DryRun dryRun;

  public EvaluateController(DryRun dryRun) {
    this.dryRun = dryRun;
  }

  @PostMapping(path = "/api/evaluate", produces = "application/json")
  public List<EvaluationView> evaluate(
      @RequestBody byte[] body,
      @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate asOf) {
    return dryRun.evaluate(body, contentType, asOf).stream().map(EvaluationView::of).toList();
  }
}
