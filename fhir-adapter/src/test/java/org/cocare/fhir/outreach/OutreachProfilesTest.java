package org.cocare.fhir.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.cocare.fhir.outreach.OutreachProfile.ContactPoint;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutreachProfilesTest {
  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final ZoneId UTC = ZoneId.of("UTC");
  static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

  static Resource parse(String json) {
    return (Resource) FHIR.newJsonParser().parseResource(json);
  }

  static final String LI =
      """
      {"resourceType":"Patient","id":"li",
       "extension":[{"url":"http://hl7.org/fhir/StructureDefinition/timezone","valueCode":"Asia/Shanghai"}],
       "telecom":[
         {"system":"sms","value":"+8613800000000","rank":2},
         {"system":"email","value":"li@example.org","rank":1},
         {"system":"email","value":"old@example.org","use":"old"},
         {"system":"phone","value":"+86100"},
         {"system":"email","value":"ended@example.org","period":{"end":"2025-01-01"}}],
       "communication":[{"language":{"coding":[{"system":"urn:ietf:bcp:47","code":"zh-CN"}]},"preferred":true}]}
      """;

  static String consent(String status, String type, String provisionExtra) {
    return """
        {"resourceType":"Consent","id":"c","status":"%s",
         "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
         "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
         "patient":{"reference":"Patient/li"},
         "provision":{"type":"%s"%s}}
        """
        .formatted(status, type, provisionExtra);
  }

  @Test
  void patient_givesEmailAndSmsInForce_withRank_language_andZone() {
    OutreachProfile profile = OutreachProfiles.of("li", List.of(parse(LI)), UTC, NOW);

    assertThat(profile.contacts())
        .containsExactly(
            new ContactPoint(Channel.SMS, "+8613800000000", 2),
            new ContactPoint(Channel.EMAIL, "li@example.org", 1));
    assertThat(profile.preferredContact())
        .contains(new ContactPoint(Channel.EMAIL, "li@example.org", 1));
    assertThat(profile.language()).isEqualTo("zh-CN");
    assertThat(profile.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(profile.outreachRefused()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "'', false",
    "'\"deceasedBoolean\": false,', false",
    "'\"deceasedBoolean\": true,', true",
    "'\"deceasedDateTime\": \"2026-03-02\",', true"
  })
  void deceased_followsDeceasedBooleanOrAnyDate(String element, boolean deceased) {
    String patient =
        "{\"resourceType\": \"Patient\", \"id\": \"p\", " + element + " \"gender\": \"female\"}";

    assertThat(OutreachProfiles.of("p", List.of(parse(patient)), UTC, NOW).deceased())
        .isEqualTo(deceased);
  }

  @Test
  void noPatient_noContacts_defaultZone() {
    OutreachProfile profile = OutreachProfiles.of("x", List.of(), UTC, NOW);

    assertThat(profile.contacts()).isEmpty();
    assertThat(profile.preferredContact()).isEmpty();
    assertThat(profile.zone()).isEqualTo(UTC);
  }

  @Test
  void activeBlanketDeny_refusesOutreach() {
    assertThat(refused(consent("active", "deny", ""))).isTrue();
  }

  @Test
  void denyForMarketingPurpose_refusesOutreach_butDenyForResearchDoesNot() {
    assertThat(
            refused(
                consent(
                    "active",
                    "deny",
                    ",\"purpose\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActReason\",\"code\":\"HMARKT\"}]")))
        .isTrue();
    assertThat(
            refused(
                consent(
                    "active",
                    "deny",
                    ",\"purpose\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActReason\",\"code\":\"HRESCH\"}]")))
        .isFalse();
  }

  @Test
  void inactiveOrPermitOrExpiredConsent_doesNotRefuse() {
    assertThat(refused(consent("inactive", "deny", ""))).isFalse();
    assertThat(refused(consent("active", "permit", ""))).isFalse();
    assertThat(refused(consent("active", "deny", ",\"period\":{\"end\":\"2026-01-01\"}")))
        .isFalse();
  }

  static boolean refused(String consentJson) {
    return OutreachProfiles.of("li", List.of(parse(LI), parse(consentJson)), UTC, NOW)
        .outreachRefused();
  }
}
