package org.cocare.fhir.server;

/** Stores a received body raw, before anything else, and validates it. */
public interface MessageReceiver {
  /**
   * Stores {@code body} (with receive time, {@code source} and content hash) and validates it.
   * Never throws for bad content: a refusal is a {@link Receipt.Status#REJECTED} receipt.
   */
  Receipt receive(byte[] body, String contentType, String source);

  /**
   * Marks a stored message rejected when the FHIR server refused the request after receipt (e.g. an
   * unsupported resource type), unless it was already processed.
   */
  void rejectUnprocessed(String messageId, int httpStatus, String reason);
}
