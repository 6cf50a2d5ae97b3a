package org.cocare.fhir.server;

import java.util.List;
import java.util.Optional;

/** The messages sent to patients, for {@code GET /fhir/Communication}. */
public interface SentMessageSource {
  /** The patient's sent messages, the latest first. */
  List<SentMessage> sentTo(String patientId);

  Optional<SentMessage> find(String id);
}
