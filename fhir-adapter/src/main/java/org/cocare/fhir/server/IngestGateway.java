package org.cocare.fhir.server;

/** Hands a stored, valid message over for processing and waits for the outcome. */
@FunctionalInterface
public interface IngestGateway {
  ProcessingOutcome process(String messageId);
}
