package org.cocare.fhir.server;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.cocare.fhir.outreach.Channel;

/**
 * A notification that was sent to a patient, as the FHIR side needs it to answer with a {@code
 * Communication}: over which channel, when, in which language, and which recommendations it
 * announced ({@code basedOn}: {@code CommunicationRequest/…} or {@code Task/…} references).
 */
public record SentMessage(
    String id,
    String patientId,
    Channel channel,
    String language,
    Instant sentAt,
    List<String> basedOn) {
  public SentMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(sentAt, "sentAt");
    basedOn = List.copyOf(basedOn);
  }
}
