package org.cocare.fhir.outreach;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the planner needs to know about a patient to reach them: their contact points (FHIR {@code
 * Patient.telecom} email and sms, with rank: 1 is the most preferred), their preferred language (a
 * BCP-47 tag from {@code Patient.communication}, null when none), the time zone their quiet hours
 * are kept in, whether outreach is refused — by a FHIR {@code Consent} that denies it or by an
 * opt-out made through the portal or an unsubscribe link — and whether the record says the patient
 * died ({@code Patient.deceased[x]}).
 */
public record OutreachProfile(
    String patientId,
    List<ContactPoint> contacts,
    String language,
    ZoneId zone,
    boolean outreachRefused,
    boolean deceased) {

  /** One way to reach the patient; {@code rank} null means "no preference stated". */
  public record ContactPoint(Channel channel, String address, Integer rank) {
    public ContactPoint {
      Objects.requireNonNull(channel, "channel");
      if (channel == Channel.PORTAL) {
        throw new IllegalArgumentException("the portal inbox is always there: not a contact point");
      }
      if (address == null || address.isBlank()) {
        throw new IllegalArgumentException(channel.code() + " contact point needs an address");
      }
    }
  }

  public OutreachProfile {
    Objects.requireNonNull(patientId, "patientId");
    contacts = List.copyOf(contacts);
    Objects.requireNonNull(zone, "zone");
  }

  /** The external channel to use: the best-ranked email or sms contact point, if any. */
  public Optional<ContactPoint> preferredContact() {
    return contacts.stream()
        .min(
            Comparator.comparing(
                    (ContactPoint c) -> c.rank() == null ? Integer.MAX_VALUE : c.rank())
                .thenComparing(c -> c.channel().ordinal()));
  }
}
