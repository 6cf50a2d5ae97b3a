package org.cocare.bench.population;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Summarises a Bundle file by streaming its JSON: tens of MB per elderly patient would take seconds
 * each through a FHIR parser, and the summary only needs counts and two Patient fields.
 */
final class BundleScanner {
  private static final JsonFactory JSON = new JsonFactory();

  private BundleScanner() {}

  static BundleSummary scan(Path file) {
    try (JsonParser json = JSON.createParser(file.toFile())) {
      expect(json.nextToken(), JsonToken.START_OBJECT, file);
      int entries = 0;
      List<BundleSummary.Person> patients = new ArrayList<>();
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (!"entry".equals(field) || value != JsonToken.START_ARRAY) {
          json.skipChildren();
          continue;
        }
        while (json.nextToken() == JsonToken.START_OBJECT) {
          entries++;
          BundleSummary.Person patient = entry(json);
          if (patient != null) {
            patients.add(patient);
          }
        }
      }
      return new BundleSummary(file, Files.size(file), entries, patients);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Reads one entry object to its end; the Patient it holds, or null for any other resource. */
  private static BundleSummary.Person entry(JsonParser json) throws IOException {
    BundleSummary.Person patient = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      JsonToken value = json.nextToken();
      if ("resource".equals(field) && value == JsonToken.START_OBJECT) {
        patient = resource(json);
      } else {
        json.skipChildren();
      }
    }
    return patient;
  }

  private static BundleSummary.Person resource(JsonParser json) throws IOException {
    String type = null;
    String birthDate = null;
    String gender = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      json.nextToken();
      switch (field) {
        case "resourceType" -> type = json.getText();
        case "birthDate" -> birthDate = json.getText();
        case "gender" -> gender = json.getText();
        default -> json.skipChildren();
      }
    }
    return "Patient".equals(type) ? new BundleSummary.Person(date(birthDate), gender) : null;
  }

  private static LocalDate date(String value) {
    if (value == null || value.length() < 10) {
      return null;
    }
    try {
      return LocalDate.parse(value.substring(0, 10));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static void expect(JsonToken actual, JsonToken expected, Path file) {
    if (actual != expected) {
      throw new IllegalArgumentException(file + ": not a JSON Bundle (starts with " + actual + ")");
    }
  }
}
