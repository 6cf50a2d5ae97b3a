package org.cocare.fhir.intake;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** Builds the {@code OperationOutcome}s Cocare answers with. */
public final class Outcomes {
  private Outcomes() {}

  /** An outcome with one error issue carrying {@code code}. */
  public static OperationOutcome error(
      ErrorCode code, IssueType type, String diagnostics, String location) {
    OperationOutcome outcome = new OperationOutcome();
    addIssue(outcome, code, IssueSeverity.ERROR, type, diagnostics, location);
    return outcome;
  }

  /** Adds an error issue carrying {@code code} to {@code outcome}. */
  public static OperationOutcome addError(
      OperationOutcome outcome,
      ErrorCode code,
      IssueType type,
      String diagnostics,
      String location) {
    addIssue(outcome, code, IssueSeverity.ERROR, type, diagnostics, location);
    return outcome;
  }

  /** An outcome with one information issue. */
  public static OperationOutcome information(String diagnostics) {
    OperationOutcome outcome = new OperationOutcome();
    outcome
        .addIssue()
        .setSeverity(IssueSeverity.INFORMATION)
        .setCode(IssueType.INFORMATIONAL)
        .setDiagnostics(diagnostics);
    return outcome;
  }

  static void addIssue(
      OperationOutcome outcome,
      ErrorCode code,
      IssueSeverity severity,
      IssueType type,
      String diagnostics,
      String location) {
    OperationOutcome.OperationOutcomeIssueComponent issue =
        outcome.addIssue().setSeverity(severity).setCode(type).setDiagnostics(diagnostics);
    issue.setDetails(
        new CodeableConcept(new Coding(ErrorCode.SYSTEM, code.code(), code.name().toLowerCase())));
    if (location != null && !location.isBlank()) {
      issue.addExpression(location);
      issue.addLocation(location);
    }
  }
}
