package org.cocare.routes.delivery;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * FHIR records for the delivery tests: a patient (age, language, time zone, contact points) with
 * any further resources, as one transaction Bundle; contact points, a consent denial, a BMI.
 */
final class TestRecords {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TestRecords() {}

  /**
   * A transaction Bundle with the Patient and, after it, {@code telecomAndResources}: contact
   * points (from {@link #email}, {@link #phone}) go into the Patient, resources (where {@code
   * {patient}} stands for the id) become entries.
   */
  static String patientBundle(
      String id, int age, String language, String zone, String... telecomAndResources) {
    List<String> telecom = new ArrayList<>();
    List<String> resources = new ArrayList<>();
    for (String part : telecomAndResources) {
      if (part == null) {
        continue;
      }
      (part.startsWith("{\"system\"") ? telecom : resources).add(part);
    }
    String patient =
        ("{\"resourceType\":\"Patient\",\"id\":\"%s\",\"birthDate\":\"%s\",\"gender\":\"female\","
                + "\"extension\":[{\"url\":\"http://hl7.org/fhir/StructureDefinition/timezone\","
                + "\"valueCode\":\"%s\"}],"
                + "\"communication\":[{\"language\":{\"coding\":[{\"system\":\"urn:ietf:bcp:47\","
                + "\"code\":\"%s\"}]},\"preferred\":true}],\"telecom\":[%s]}")
            .formatted(
                id,
                LocalDate.now().minusYears(age).minusMonths(3),
                zone,
                language,
                String.join(",", telecom));
    List<String> entries = new ArrayList<>();
    entries.add(entry(patient, "Patient/" + id));
    for (String resource : resources) {
      JsonNode node = JSON.readTree(resource.replace("{patient}", id));
      entries.add(
          entry(
              node.toString(),
              node.path("resourceType").asString() + "/" + node.path("id").asString()));
    }
    return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
        + String.join(",", entries)
        + "]}";
  }

  private static String entry(String resource, String url) {
    return "{\"fullUrl\":\"https://hospital.example/fhir/"
        + url
        + "\",\"resource\":"
        + resource
        + ",\"request\":{\"method\":\"PUT\",\"url\":\""
        + url
        + "\"}}";
  }

  static String email(String address) {
    return "{\"system\":\"email\",\"value\":\"" + address + "\",\"rank\":1}";
  }

  static String phone(String number) {
    return "{\"system\":\"sms\",\"value\":\"" + number + "\",\"rank\":1}";
  }

  static String consentDeny() {
    return "{\"resourceType\":\"Consent\",\"id\":\"deny-{patient}\",\"status\":\"active\","
        + "\"scope\":{\"coding\":[{\"system\":"
        + "\"http://terminology.hl7.org/CodeSystem/consentscope\",\"code\":\"patient-privacy\"}]},"
        + "\"category\":[{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"59284-0\"}]}],"
        + "\"patient\":{\"reference\":\"Patient/{patient}\"},"
        + "\"policyRule\":{\"coding\":[{\"system\":"
        + "\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"OPTOUT\"}]},"
        + "\"provision\":{\"type\":\"deny\",\"purpose\":[{\"system\":"
        + "\"http://terminology.hl7.org/CodeSystem/v3-ActReason\",\"code\":\"HMARKT\"}]}}";
  }

  static String overweight(String id) {
    return ("{\"resourceType\":\"Observation\",\"id\":\"bmi-%s\",\"status\":\"final\","
            + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"39156-5\"}]},"
            + "\"subject\":{\"reference\":\"Patient/%s\"},\"effectiveDateTime\":\"%s\","
            + "\"valueQuantity\":{\"value\":31.2,\"unit\":\"kg/m2\","
            + "\"system\":\"http://unitsofmeasure.org\",\"code\":\"kg/m2\"}}")
        .formatted(id, id, LocalDate.now().minusDays(3));
  }

  /** An IANA zone in which it is now about {@code local} o'clock (whole-hour offsets). */
  static String zoneWhereItIs(LocalTime local) {
    int hours = local.getHour() - ZonedDateTime.now(ZoneOffset.UTC).getHour();
    if (hours > 14) {
      hours -= 24;
    } else if (hours < -12) {
      hours += 24;
    }
    // Etc/GMT signs are inverted: Etc/GMT-8 is eight hours ahead of UTC.
    return hours == 0 ? "Etc/GMT" : "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours);
  }
}
