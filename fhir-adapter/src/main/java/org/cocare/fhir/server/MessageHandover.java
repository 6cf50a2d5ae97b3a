package org.cocare.fhir.server;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.cocare.fhir.intake.ErrorCode;
import org.cocare.fhir.intake.Outcomes;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** Shared by the providers: hands the filter's stored message over and turns failure into a 500. */
final class MessageHandover {
  private final IngestGateway gateway;

  MessageHandover(IngestGateway gateway) {
    this.gateway = gateway;
  }

  ProcessingOutcome process(ServletRequestDetails request) {
    Object messageId = request.getServletRequest().getAttribute(IngestFilter.MESSAGE_ID);
    if (!(messageId instanceof String id)) {
      throw new InvalidRequestException("The request has no body to process.");
    }
    ProcessingOutcome outcome = gateway.process(id);
    if (outcome.status() == ProcessingOutcome.Status.FAILED) {
      BaseServerResponseException failure =
          new InternalErrorException(
              "Message "
                  + id
                  + " was stored but could not be processed; it is dead letter "
                  + outcome.deadLetterId()
                  + " and can be replayed.");
      failure.setOperationOutcome(
          Outcomes.error(
              ErrorCode.PROCESSING_FAILED,
              IssueType.EXCEPTION,
              "Message "
                  + id
                  + " was stored but could not be processed ("
                  + outcome.error()
                  + "). It is kept as dead letter "
                  + outcome.deadLetterId()
                  + " and can be replayed once the cause is fixed.",
              null));
      throw failure;
    }
    return outcome;
  }
}
