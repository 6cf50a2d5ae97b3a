package org.cocare.routes.portal;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.cocare.fhir.server.IngestGateway;
import org.cocare.fhir.server.MessageReceiver;
import org.cocare.fhir.server.ProcessingOutcome;
import org.cocare.fhir.server.Receipt;
import org.hl7.fhir.r4.model.Resource;

/**
 * Hands a resource the patient wrote on the portal to the same path as any FHIR message: stored raw
 * first (the source names the portal channel, what it is and the patient's id, never a value), then
 * processed and evaluated. So what a patient reports is in their record exactly as if a clinic had
 * sent it, and a failure to process is in the dead-letter store like any other.
 */
final class PortalIntake {
  /** The source stored with the message; its first word counts it as the portal channel. */
  static final String CHANNEL = "portal";

  /** What became of a resource handed over: the stored message and how processing ended. */
  record Ingested(String messageId, String status, int recommendationsIssued) {}

  private final FhirContext context;
  private final MessageReceiver receiver;
  private final IngestGateway gateway;

  PortalIntake(FhirContext context, MessageReceiver receiver, IngestGateway gateway) {
    this.context = context;
    this.receiver = receiver;
    this.gateway = gateway;
  }

  /**
   * Stores and processes {@code resource}, which must have its id.
   *
   * @param what names the kind of resource in the stored source, e.g. {@code reading}
   */
  Ingested ingest(Resource resource, String what, String patientId) {
    byte[] body =
        context.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
    Receipt receipt =
        receiver.receive(
            body, "application/fhir+json", CHANNEL + " " + what + " of patient " + patientId);
    if (receipt.status() == Receipt.Status.REJECTED) {
      // Built here from checked values: a refusal is Cocare's own mistake, not the patient's.
      throw new IllegalStateException(
          "portal "
              + what
              + " "
              + resource.getIdElement().getIdPart()
              + " was refused as invalid FHIR");
    }
    ProcessingOutcome outcome = gateway.process(receipt.messageId());
    return new Ingested(
        receipt.messageId(),
        outcome.status().name().toLowerCase(Locale.ROOT),
        outcome.recommendationsIssued());
  }
}
