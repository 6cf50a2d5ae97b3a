package org.cocare.fhir.outreach;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.cocare.fhir.facts.FactMapper;
import org.cocare.fhir.outreach.OutreachProfile.ContactPoint;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointUse;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads a patient's {@link OutreachProfile} from their stored FHIR resources.
 *
 * <ul>
 *   <li>Contact points: {@code Patient.telecom} of system {@code email} or {@code sms} that are not
 *       {@code old} and whose period has not ended, with their rank.
 *   <li>Language: the preferred {@code Patient.communication} (as the rules read it).
 *   <li>Time zone: the {@code timezone} extension (an IANA name) on the Patient, else the default.
 *   <li>Outreach refused: an active {@code Consent} for the patient whose base provision is {@code
 *       deny}, in force now, and either names no purpose (it refuses everything) or names a purpose
 *       of contacting the patient: HL7 v3 ActReason {@code HMARKT} (marketing) or {@code PATADMIN},
 *       or Cocare's own {@code outreach}.
 * </ul>
 */
public final class OutreachProfiles {
  /** The FHIR extension holding a time zone (IANA name), as in the R5 core extensions. */
  public static final String TIMEZONE = "http://hl7.org/fhir/StructureDefinition/timezone";

  static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
  static final String COCARE_PURPOSE = "https://cocare.org/fhir/CodeSystem/purpose";
  private static final Set<String> OUTREACH_PURPOSES =
      Set.of(ACT_REASON + "|HMARKT", ACT_REASON + "|PATADMIN", COCARE_PURPOSE + "|outreach");

  private OutreachProfiles() {}

  /**
   * @param record the patient's resources (the Patient and any Consents; others are ignored)
   * @param now the instant consent periods and contact periods are judged at
   */
  public static OutreachProfile of(
      String patientId, List<Resource> record, ZoneId defaultZone, Instant now) {
    Patient patient =
        record.stream()
            .filter(Patient.class::isInstance)
            .map(Patient.class::cast)
            .findFirst()
            .orElse(null);
    List<ContactPoint> contacts = new ArrayList<>();
    String language = null;
    ZoneId zone = defaultZone;
    if (patient != null) {
      for (org.hl7.fhir.r4.model.ContactPoint telecom : patient.getTelecom()) {
        Channel channel = channel(telecom.getSystem());
        if (channel != null
            && telecom.hasValue()
            && telecom.getUse() != ContactPointUse.OLD
            && inForce(telecom.getPeriod(), now)) {
          contacts.add(
              new ContactPoint(
                  channel, telecom.getValue(), telecom.hasRank() ? telecom.getRank() : null));
        }
      }
      language = FactMapper.preferredLanguage(patient);
      zone = zone(patient, defaultZone);
    }
    boolean refused =
        record.stream()
            .filter(Consent.class::isInstance)
            .map(Consent.class::cast)
            .anyMatch(c -> deniesOutreach(c, now));
    boolean deceased = patient != null && FactMapper.isDeceased(patient);
    return new OutreachProfile(patientId, contacts, language, zone, refused, deceased);
  }

  private static Channel channel(ContactPointSystem system) {
    if (system == ContactPointSystem.EMAIL) {
      return Channel.EMAIL;
    }
    return system == ContactPointSystem.SMS ? Channel.SMS : null;
  }

  private static ZoneId zone(Patient patient, ZoneId defaultZone) {
    Extension extension = patient.getExtensionByUrl(TIMEZONE);
    if (extension == null || extension.getValue() == null) {
      return defaultZone;
    }
    try {
      return ZoneId.of(extension.getValue().primitiveValue());
    } catch (DateTimeException e) {
      // A zone we cannot read is no reason to stop reaching the patient: the default serves.
      return defaultZone;
    }
  }

  static boolean deniesOutreach(Consent consent, Instant now) {
    if (consent.getStatus() != Consent.ConsentState.ACTIVE || !consent.hasProvision()) {
      return false;
    }
    Consent.ProvisionComponent provision = consent.getProvision();
    if (provision.getType() != Consent.ConsentProvisionType.DENY
        || !inForce(provision.getPeriod(), now)) {
      return false;
    }
    List<Coding> purposes = provision.getPurpose();
    return purposes.isEmpty()
        || purposes.stream()
            .anyMatch(p -> OUTREACH_PURPOSES.contains(p.getSystem() + "|" + p.getCode()))
        || provision.getAction().stream().anyMatch(OutreachProfiles::isOutreachAction);
  }

  private static boolean isOutreachAction(CodeableConcept action) {
    return action.getCoding().stream()
        .anyMatch(c -> COCARE_PURPOSE.equals(c.getSystem()) && "outreach".equals(c.getCode()));
  }

  private static boolean inForce(Period period, Instant now) {
    if (period == null || period.isEmpty()) {
      return true;
    }
    Date start = period.getStart();
    Date end = period.getEnd();
    return (start == null || !start.toInstant().isAfter(now))
        && (end == null || end.toInstant().isAfter(now));
  }
}
