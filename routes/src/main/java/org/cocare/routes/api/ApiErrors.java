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
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** API errors as FHIR OperationOutcomes with a stable code, like the FHIR endpoint's. */
@RestControllerAdvice
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
    HttpStatus status =
        switch (e.reason()) {
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case CONFLICT -> HttpStatus.CONFLICT;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    ErrorCode code =
        switch (e.reason()) {
          case NOT_FOUND -> ErrorCode.NOT_FOUND;
          case CONFLICT -> ErrorCode.RULE_SET_STATE;
          case FORBIDDEN -> ErrorCode.RULE_SET_FORBIDDEN;
          case INVALID -> ErrorCode.RULE_SET_INVALID;
        };
    IssueType type =
        switch (e.reason()) {
          case NOT_FOUND -> IssueType.NOTFOUND;
          case CONFLICT -> IssueType.CONFLICT;
          case FORBIDDEN -> IssueType.FORBIDDEN;
          case INVALID -> IssueType.INVALID;
        };
    OperationOutcome outcome = Outcomes.error(code, type, e.getMessage(), null);
    for (String problem : e.problems()) {
      int space = problem.indexOf(' ');
      String location =
          space > 0 && problem.substring(0, space).contains(":")
              ? problem.substring(0, space)
              : null;
      Outcomes.addError(outcome, code, type, problem, location);
    }
    return outcome(status, outcome);
  }

  private ResponseEntity<String> outcome(HttpStatus status, OperationOutcome outcome) {
    return ResponseEntity.status(status)
        .contentType(FHIR_JSON)
        .body(context.newJsonParser().encodeResourceToString(outcome));
  }
}
