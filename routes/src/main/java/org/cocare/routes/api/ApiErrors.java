package org.cocare.routes.api;

import ca.uhn.fhir.context.FhirContext;
import java.util.NoSuchElementException;
import org.cocare.engine.rulesets.RuleSetException;
import org.cocare.fhir.intake.ErrorCode;
import org.cocare.fhir.intake.InvalidFhirException;
import org.cocare.fhir.intake.Outcomes;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** API errors as FHIR OperationOutcomes with a stable code, like the FHIR endpoint's. */
@RestControllerAdvice(annotations = RestController.class)
public class ApiErrors {
  private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");
  private final FhirContext context;

  public ApiErrors(FhirContext context) {
    this.context = context;
  }

  @ExceptionHandler(InvalidFhirException.class)
  ResponseEntity<String> invalid(InvalidFhirException e) {
    return outcome(HttpStatus.valueOf(e.httpStatus()), e.outcome());
  }

  @ExceptionHandler(NoSuchElementException.class)
  ResponseEntity<String> notFound(NoSuchElementException e) {
    return outcome(
        HttpStatus.NOT_FOUND,
        Outcomes.error(ErrorCode.NOT_FOUND, IssueType.NOTFOUND, e.getMessage(), null));
  }

  @ExceptionHandler(IllegalStateException.class)
  ResponseEntity<String> conflict(IllegalStateException e) {
    return outcome(
        HttpStatus.CONFLICT,
        Outcomes.error(ErrorCode.UNSUPPORTED, IssueType.CONFLICT, e.getMessage(), null));
  }

  /**
   * A refused rule-set operation: 404, 409 (wrong state), 403 (four eyes) or 422 (invalid, one
   * issue per problem, located at the problem's {@code file:line:col}).
   */
  @ExceptionHandler(RuleSetException.class)
  ResponseEntity<String> ruleSet(RuleSetException e) {
    Refusal refusal =
        switch (e.reason()) {
          case NOT_FOUND ->
              new Refusal(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, IssueType.NOTFOUND);
          case CONFLICT ->
              new Refusal(HttpStatus.CONFLICT, ErrorCode.RULE_SET_STATE, IssueType.CONFLICT);
          case FORBIDDEN ->
              new Refusal(HttpStatus.FORBIDDEN, ErrorCode.RULE_SET_FORBIDDEN, IssueType.FORBIDDEN);
          case INVALID ->
              new Refusal(
                  HttpStatus.UNPROCESSABLE_CONTENT, ErrorCode.RULE_SET_INVALID, IssueType.INVALID);
        };
    OperationOutcome outcome = Outcomes.error(refusal.code(), refusal.type(), e.getMessage(), null);
    for (String problem : e.problems()) {
      int space = problem.indexOf(' ');
      String location =
          space > 0 && problem.substring(0, space).contains(":")
              ? problem.substring(0, space)
              : null;
      Outcomes.addError(outcome, refusal.code(), refusal.type(), problem, location);
    }
    return outcome(refusal.status(), outcome);
  }

  private record Refusal(HttpStatus status, ErrorCode code, IssueType type) {}

  /**
   * A query the client got wrong (an unknown code, a value out of range): 400 with the message the
   * engine wrote. Not a global handler, because elsewhere an IllegalArgumentException may be
   * Cocare's own bug; controllers whose arguments are all the client's opt in.
   */
  public ResponseEntity<String> invalidQuery(IllegalArgumentException e) {
    return outcome(
        HttpStatus.BAD_REQUEST,
        Outcomes.error(ErrorCode.INVALID_QUERY, IssueType.INVALID, e.getMessage(), null));
  }

  private ResponseEntity<String> outcome(HttpStatus status, OperationOutcome outcome) {
    return ResponseEntity.status(status)
        .contentType(FHIR_JSON)
        .body(context.newJsonParser().encodeResourceToString(outcome));
  }
}
