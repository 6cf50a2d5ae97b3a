package org.cocare.fhir.server;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Date;
import java.util.List;
import org.cocare.fhir.facts.PatientCompartment;
import org.cocare.fhir.outreach.Channel;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * {@code GET /fhir/Communication?subject=Patient/{id}} and read by id: every message sent to a
 * patient as a FHIR {@code Communication} (completed, sent when, over which medium, based on the
 * recommendations it announced). The message text is not repeated here: it was written from the
 * catalogue in the patient's language, and {@code language} says which.
 */
public final class Communications implements IResourceProvider {
  static final String PARTICIPATION_MODE =
      "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode";

  private final SentMessageSource source;

  public Communications(SentMessageSource source) {
    this.source = source;
  }

  @Override
  public Class<Communication> getResourceType() {
    return Communication.class;
  }

  @Search
  public List<Communication> bySubject(
      @RequiredParam(name = Communication.SP_SUBJECT) ReferenceParam subject) {
    return source.sentTo(PatientCompartment.idPart(subject.getValue())).stream()
        .map(Communications::communication)
        .toList();
  }

  @Read
  public Communication read(@IdParam IdType id) {
    return source
        .find(id.getIdPart())
        .map(Communications::communication)
        .orElseThrow(() -> new ResourceNotFoundException(id));
  }

  /** One sent message as a Communication. */
  public static Communication communication(SentMessage message) {
    Communication c = new Communication();
    c.setId(message.id());
    c.setLanguage(message.language());
    c.setStatus(Communication.CommunicationStatus.COMPLETED);
    c.setSubject(new Reference("Patient/" + message.patientId()));
    c.addRecipient(new Reference("Patient/" + message.patientId()));
    c.setSent(Date.from(message.sentAt()));
    c.addMedium(medium(message.channel()));
    message.basedOn().forEach(reference -> c.addBasedOn(new Reference(reference)));
    return c;
  }

  private static CodeableConcept medium(Channel channel) {
    Coding coding =
        switch (channel) {
          case EMAIL -> new Coding(PARTICIPATION_MODE, "EMAILWRIT", "email");
          case PORTAL -> new Coding(PARTICIPATION_MODE, "ONLINEWRIT", "online written");
          case SMS -> new Coding(PARTICIPATION_MODE, "ELECTRONIC", "electronic data");
        };
    return new CodeableConcept(coding).setText(channel.code());
  }
}
