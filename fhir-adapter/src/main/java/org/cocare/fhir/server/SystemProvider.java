package org.cocare.fhir.server;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.Date;
import org.cocare.fhir.facts.PatientCompartment;
import org.cocare.fhir.intake.ErrorCode;
import org.cocare.fhir.intake.Outcomes;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * {@code POST /fhir} with a transaction, batch or collection Bundle, and {@code POST
 * /fhir/$process-message} with a message Bundle. The body was stored and validated by the {@link
 * IngestFilter}; this hands it over and answers with what happened.
 */
public final class SystemProvider {
  /** Bundle types whose entries are record content. */
  private static final java.util.Set<BundleType> RECORD_CONTENT =
      java.util.EnumSet.of(
          BundleType.TRANSACTION, BundleType.BATCH, BundleType.COLLECTION, BundleType.DOCUMENT);

  private final MessageHandover handover;

  public SystemProvider(IngestGateway gateway) {
    this.handover = new MessageHandover(gateway);
  }

  @Transaction
  public Bundle transaction(@TransactionParam Bundle bundle, ServletRequestDetails request) {
    BundleType type = bundle.getType();
    if (!RECORD_CONTENT.contains(type)) {
      String diagnostics =
          "POST /fhir takes a Bundle of type transaction, batch, collection or document, not "
              + (type == null ? "none" : type.toCode())
              + (type == BundleType.MESSAGE ? "; post messages to /fhir/$process-message" : "");
      throw new InvalidRequestException(
          diagnostics,
          Outcomes.error(
              ErrorCode.UNSUPPORTED, IssueType.NOTSUPPORTED, diagnostics, "Bundle.type"));
    }
    ProcessingOutcome outcome = handover.process(request);
    Bundle response = new Bundle();
    response.setType(
        type == BundleType.TRANSACTION ? BundleType.TRANSACTIONRESPONSE : BundleType.BATCHRESPONSE);
    for (BundleEntryComponent entry : bundle.getEntry()) {
      BundleEntryComponent answer = response.addEntry();
      answer.getResponse().setStatus("200 OK").setLastModified(new Date());
      if (entry.hasResource()) {
        answer
            .getResponse()
            .setLocation(
                entry.getResource().fhirType()
                    + "/"
                    + PatientCompartment.idPart(entry.getResource().getIdElement().getIdPart()));
      }
      if (outcome.status() == ProcessingOutcome.Status.DUPLICATE) {
        answer.getResponse().setOutcome(duplicateNote(outcome));
      }
    }
    return response;
  }

  @Operation(name = "$process-message", idempotent = false)
  public OperationOutcome processMessage(
      @ca.uhn.fhir.rest.annotation.OperationParam(name = "content") Bundle ignored,
      ServletRequestDetails request) {
    ProcessingOutcome outcome = handover.process(request);
    return outcome.status() == ProcessingOutcome.Status.DUPLICATE
        ? duplicateNote(outcome)
        : Outcomes.information(
            "Message "
                + outcome.messageId()
                + " processed: "
                + outcome.changed().size()
                + " resource(s) changed, "
                + outcome.recommendationsIssued()
                + " recommendation(s) issued, "
                + outcome.recommendationsClosed()
                + " closed.");
  }

  private static OperationOutcome duplicateNote(ProcessingOutcome outcome) {
    return Outcomes.information(
        "Duplicate of message "
            + outcome.messageId()
            + ", which was already processed; nothing changed.");
  }
}
