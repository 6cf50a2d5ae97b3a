package org.cocare.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.cocare.fhir.outreach.Channel;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class CommunicationsTest {
  private static final Instant SENT = Instant.parse("2026-11-29T09:30:00Z");

  @Test
  void aSentEmailIsACompletedCommunicationToThePatientBasedOnWhatItAnnounced() {
    Communication c =
        Communications.communication(
            new SentMessage(
                "n-1",
                "p-7",
                Channel.EMAIL,
                "zh-CN",
                SENT,
                List.of("CommunicationRequest/r-1", "Task/r-2")));

    assertThat(c.getIdElement().getIdPart()).isEqualTo("n-1");
    assertThat(c.getStatus()).isEqualTo(Communication.CommunicationStatus.COMPLETED);
    assertThat(c.getSubject().getReference()).isEqualTo("Patient/p-7");
    assertThat(c.getRecipientFirstRep().getReference()).isEqualTo("Patient/p-7");
    assertThat(c.getSent().toInstant()).isEqualTo(SENT);
    assertThat(c.getLanguage()).isEqualTo("zh-CN");
    assertThat(c.getMediumFirstRep().getCodingFirstRep().getCode()).isEqualTo("EMAILWRIT");
    assertThat(c.getBasedOn())
        .extracting(Reference::getReference)
        .containsExactly("CommunicationRequest/r-1", "Task/r-2");
  }

  @Test
  void eachChannelHasItsOwnMedium() {
    assertThat(medium(Channel.PORTAL)).isEqualTo("ONLINEWRIT");
    assertThat(medium(Channel.SMS)).isEqualTo("ELECTRONIC");
  }

  private static String medium(Channel channel) {
    return Communications.communication(new SentMessage("n", "p", channel, "en", SENT, List.of()))
        .getMediumFirstRep()
        .getCodingFirstRep()
        .getCode();
  }
}
