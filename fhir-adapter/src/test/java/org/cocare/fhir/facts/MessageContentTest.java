package org.cocare.fhir.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cocare.fhir.facts.ResourceChange.Action;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class MessageContentTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final String PATIENT = "60717189-2e24-48b6-905a-aa1f416c0091";

  private final MessageContent content = new MessageContent(FHIR);

  @Test
  void transactionWithUrnUuids_upsertsEachResourceUnderItsPatient() {
    Bundle bundle =
        parse(
            """
            {"resourceType": "Bundle", "type": "transaction", "entry": [
              {"fullUrl": "urn:uuid:%1$s",
               "resource": {"resourceType": "Patient", "id": "%1$s"},
               "request": {"method": "PUT", "url": "Patient/%1$s"}},
              {"fullUrl": "urn:uuid:cc88827a-f602-4597-8472-8ea226a5ca58",
               "resource": {"resourceType": "Condition", "id": "cc88827a-f602-4597-8472-8ea226a5ca58",
                            "subject": {"reference": "urn:uuid:%1$s"}},
               "request": {"method": "PUT", "url": "Condition/cc88827a-f602-4597-8472-8ea226a5ca58"}},
              {"fullUrl": "urn:uuid:a0a0d49c-f67a-46cb-87bb-183da795f73c",
               "resource": {"resourceType": "Encounter", "id": "a0a0d49c-f67a-46cb-87bb-183da795f73c",
                            "status": "finished",
                            "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                                      "code": "AMB"},
                            "subject": {"reference": "urn:uuid:%1$s"}},
               "request": {"method": "PUT", "url": "Encounter/a0a0d49c-f67a-46cb-87bb-183da795f73c"}}
            ]}
            """
                .formatted(PATIENT));

    List<ResourceChange> changes = content.changes(bundle);

    assertThat(changes)
        .extracting(
            ResourceChange::action,
            ResourceChange::resourceType,
            ResourceChange::resourceId,
            ResourceChange::patientId)
        .containsExactly(
            tuple(Action.UPSERT, "Patient", PATIENT, PATIENT),
            tuple(Action.UPSERT, "Condition", "cc88827a-f602-4597-8472-8ea226a5ca58", PATIENT),
            tuple(Action.UPSERT, "Encounter", "a0a0d49c-f67a-46cb-87bb-183da795f73c", PATIENT));
    assertThat(changes)
        .allSatisfy(
            c -> {
              assertThat(c.resource()).isNotNull();
              assertThat(c.resource().getIdElement().getValue()).isEqualTo(c.reference());
            });
  }

  @Test
  void questionnaireResponseInATransaction_isUpsertedIntoItsSubjectsRecord() {
    Bundle bundle =
        parse(
            """
            {"resourceType": "Bundle", "type": "transaction", "entry": [
              {"fullUrl": "urn:uuid:5e1c3f0a-8b1d-4c57-9d3e-1f2a3b4c5d6e",
               "resource": {"resourceType": "QuestionnaireResponse",
                            "questionnaire": "https://cocare.org/fhir/Questionnaire/participation|1.0.0",
                            "status": "completed",
                            "subject": {"reference": "Patient/%1$s"},
                            "authored": "2026-11-29T10:15:30Z",
                            "item": [{"linkId": "value", "item": [
                              {"linkId": "value-worth", "answer": [{"valueInteger": 6}]}]}]},
               "request": {"method": "POST", "url": "QuestionnaireResponse"}}
            ]}
            """
                .formatted(PATIENT));

    assertThat(content.changes(bundle))
        .extracting(
            ResourceChange::action,
            ResourceChange::resourceType,
            ResourceChange::resourceId,
            ResourceChange::patientId)
        .containsExactly(
            tuple(
                Action.UPSERT,
                "QuestionnaireResponse",
                "5e1c3f0a-8b1d-4c57-9d3e-1f2a3b4c5d6e",
                PATIENT));
  }

  @Test
  void deleteEntry_isADeleteOfTheNamedResource() {
    Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
    bundle.addEntry().getRequest().setMethod(HTTPVerb.DELETE).setUrl("Condition/123");

    assertThat(content.changes(bundle))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.action()).isEqualTo(Action.DELETE);
              assertThat(c.reference()).isEqualTo("Condition/123");
              assertThat(c.resource()).isNull();
              assertThat(c.patientId()).isNull();
            });
  }

  @Test
  void deleteByAbsoluteUrl_isADeleteOfTheNamedResource() {
    Bundle bundle = new Bundle().setType(BundleType.BATCH);
    bundle
        .addEntry()
        .getRequest()
        .setMethod(HTTPVerb.DELETE)
        .setUrl("http://h/fhir/Observation/o-7");

    assertThat(content.changes(bundle))
        .extracting(ResourceChange::action, ResourceChange::reference)
        .containsExactly(tuple(Action.DELETE, "Observation/o-7"));
  }

  @Test
  void deleteOfAVersionedUrl_deletesTheResourceItNames() {
    Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
    bundle.addEntry().getRequest().setMethod(HTTPVerb.DELETE).setUrl("Condition/c-9/_history/2");

    assertThat(content.changes(bundle))
        .extracting(ResourceChange::action, ResourceChange::reference)
        .containsExactly(tuple(Action.DELETE, "Condition/c-9"));
  }

  @Test
  void conditionalDelete_isSkipped() {
    Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
    bundle.addEntry().getRequest().setMethod(HTTPVerb.DELETE).setUrl("Condition?identifier=x");
    bundle.addEntry().getRequest().setMethod(HTTPVerb.DELETE).setUrl("Condition");
    bundle.addEntry(upsertEntry(condition("Patient/p1"), null, null, null));

    assertThat(content.changes(bundle))
        .extracting(ResourceChange::action, ResourceChange::resourceType)
        .containsExactly(tuple(Action.UPSERT, "Condition"));
  }

  @Test
  void resourceWithoutId_takesItsIdFromFullUrl() {
    Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
    bundle.addEntry(
        upsertEntry(condition("urn:uuid:p1"), "urn:uuid:c-77", HTTPVerb.PUT, "Condition/c-99"));

    assertThat(content.changes(bundle))
        .extracting(ResourceChange::resourceId, ResourceChange::patientId)
        .containsExactly(tuple("c-77", "p1"));
  }

  @Test
  void resourceWithoutIdOrFullUrl_takesItsIdFromTheRequestUrl() {
    Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
    bundle.addEntry(upsertEntry(condition("Patient/p1"), null, HTTPVerb.PUT, "Condition/c-99"));

    ResourceChange change = content.changes(bundle).get(0);

    assertThat(change.reference()).isEqualTo("Condition/c-99");
    assertThat(change.resource().getIdElement().getIdPart()).isEqualTo("c-99");
  }

  @Test
  void resourceWithNoIdAnywhere_takesAStableIdFromItsContent() {
    String first = onlyChange(bundleOf(condition("Patient/p1"))).resourceId();
    String again = onlyChange(bundleOf(condition("Patient/p1"))).resourceId();
    String other = onlyChange(bundleOf(condition("Patient/p2"))).resourceId();

    assertThat(first).isNotBlank().isEqualTo(again).isNotEqualTo(other);
  }

  @Test
  void postedResourcesWithoutIds_eachTakeTheirOwnIdNotTheTypeName() {
    // A POST entry's url is the type ("Condition"): it names no resource to take an id from.
    Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
    bundle.addEntry(upsertEntry(condition("Patient/p1"), null, HTTPVerb.POST, "Condition"));
    bundle.addEntry(upsertEntry(condition("Patient/p2"), null, HTTPVerb.POST, "Condition"));

    List<ResourceChange> changes = content.changes(bundle);

    assertThat(changes).extracting(ResourceChange::resourceId).doesNotContain("Condition");
    assertThat(changes.get(0).resourceId()).isNotEqualTo(changes.get(1).resourceId());
  }

  @Test
  void conditionalCreateUrl_isNoId() {
    Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
    bundle.addEntry(
        upsertEntry(condition("Patient/p1"), null, HTTPVerb.PUT, "Condition?identifier=x|1"));

    assertThat(onlyChange(bundle).resourceId()).doesNotContain("?", "=", "|");
  }

  @Test
  void plainResource_isOneUpsert() {
    Condition condition = condition("Patient/p1");
    condition.setId("c1");

    assertThat(content.changes(condition))
        .extracting(ResourceChange::action, ResourceChange::reference, ResourceChange::patientId)
        .containsExactly(tuple(Action.UPSERT, "Condition/c1", "p1"));
  }

  @Test
  void resourceOfNoPatient_isUpsertedWithoutPatient() {
    Organization organization = new Organization().setName("Clinic");
    organization.setId("org-1");

    assertThat(content.changes(organization))
        .extracting(ResourceChange::reference, ResourceChange::patientId)
        .containsExactly(tuple("Organization/org-1", null));
  }

  @Test
  void messageHeadersAndNestedBundles_areNoChanges() {
    MessageHeader header = header("h1");
    Bundle nested = new Bundle().setType(BundleType.COLLECTION);
    nested.setId("inner");
    Bundle message = new Bundle().setType(BundleType.MESSAGE);
    message.addEntry().setFullUrl("urn:uuid:h1").setResource(header);
    message.addEntry().setResource(nested);
    message.addEntry().setFullUrl("urn:uuid:p1").setResource(new Patient());

    assertThat(content.changes(message))
        .extracting(ResourceChange::reference)
        .containsExactly("Patient/p1");
    assertThat(content.changes(header)).isEmpty();
  }

  @Test
  void messageBundle_isKeyedByItsHeader() {
    Bundle message = new Bundle().setType(BundleType.MESSAGE);
    message.setId("bundle-1");
    message.addEntry().setResource(header("urn:uuid:7a2357db"));

    assertThat(MessageContent.businessKey(message)).isEqualTo("MessageHeader/7a2357db");
  }

  @Test
  void messageBundleWithHeaderWithoutId_isKeyedByTheBundle() {
    Bundle message = new Bundle().setType(BundleType.MESSAGE);
    message.setId("bundle-1");
    message.addEntry().setResource(new MessageHeader());

    assertThat(MessageContent.businessKey(message)).isEqualTo("Bundle/bundle-1");
  }

  @Test
  void bundleWithId_isKeyedByItsId() {
    Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
    bundle.setId("1ec5a21e");

    assertThat(MessageContent.businessKey(bundle)).isEqualTo("Bundle/1ec5a21e");
  }

  @Test
  void bundleWithoutIdAndPlainResource_haveNoKey() {
    Condition condition = condition("Patient/p1");
    condition.setId("c1");

    assertThat(MessageContent.businessKey(new Bundle().setType(BundleType.TRANSACTION))).isNull();
    assertThat(MessageContent.businessKey(condition)).isNull();
  }

  @Test
  void exampleMessage_isKeyedByItsHeaderAndFiledUnderLiChen() throws IOException {
    Bundle message =
        parse(Files.readString(Path.of("../examples/messages/admission-message.json")));

    assertThat(MessageContent.businessKey(message))
        .isEqualTo("MessageHeader/7a2357db-63b8-4490-aa5f-619abcc3c18d");
    assertThat(content.changes(message))
        .extracting(ResourceChange::resourceType, ResourceChange::patientId)
        .containsExactly(
            tuple("Patient", "5f0b2620-60b1-423d-bb22-8bf5a2f966c2"),
            tuple("Condition", "5f0b2620-60b1-423d-bb22-8bf5a2f966c2"));
  }

  private static Bundle parse(String json) {
    return FHIR.newJsonParser().parseResource(Bundle.class, json);
  }

  private ResourceChange onlyChange(Bundle bundle) {
    List<ResourceChange> changes = content.changes(bundle);
    assertThat(changes).hasSize(1);
    return changes.get(0);
  }

  private static Bundle bundleOf(Resource resource) {
    Bundle bundle = new Bundle().setType(BundleType.COLLECTION);
    bundle.addEntry().setResource(resource);
    return bundle;
  }

  private static Bundle.BundleEntryComponent upsertEntry(
      Resource resource, String fullUrl, HTTPVerb method, String url) {
    Bundle.BundleEntryComponent entry = new Bundle.BundleEntryComponent().setResource(resource);
    if (fullUrl != null) {
      entry.setFullUrl(fullUrl);
    }
    if (method != null) {
      entry.getRequest().setMethod(method).setUrl(url);
    }
    return entry;
  }

  private static Condition condition(String subject) {
    Condition condition = new Condition();
    condition.setCode(
        new CodeableConcept(new Coding("http://snomed.info/sct", "44054006", "Diabetes type 2")));
    condition.setSubject(new Reference(subject));
    return condition;
  }

  private static MessageHeader header(String id) {
    MessageHeader header = new MessageHeader();
    header.setId(id);
    header.setEvent(new Coding("https://cocare.org/fhir/CodeSystem/event", "patient-update", null));
    return header;
  }
}
