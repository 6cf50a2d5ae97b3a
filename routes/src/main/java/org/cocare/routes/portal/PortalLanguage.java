package org.cocare.routes.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cocare.engine.record.PatientRecordStore;
import org.cocare.fhir.facts.FactMapper;
import org.hl7.fhir.r4.model.Patient;

/**
 * The language a patient reads the portal in: English or Simplified Chinese. Chosen with {@code
 * ?lang=}, else the preferred language in the patient's record ({@code Patient.communication}),
 * else the browser's, else English. Any Chinese tag ({@code zh}, {@code zh-Hans}, {@code zh-TW})
 * reads Simplified Chinese, the only Chinese offered.
 */
final class PortalLanguage {
  static final List<Locale> OFFERED = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

  private final PatientRecordStore records;

  PortalLanguage(PatientRecordStore records) {
    this.records = records;
  }

  /** The offered locale for a language tag, if any. */
  static Optional<Locale> offered(String tag) {
    if (tag == null || tag.isBlank()) {
      return Optional.empty();
    }
    String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
    return OFFERED.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
  }

  /** The patient's preferred language from their record, if it is offered. */
  Optional<Locale> preferred(String patientId) {
    return records.load(patientId).stream()
        .filter(Patient.class::isInstance)
        .map(Patient.class::cast)
        .findFirst()
        .flatMap(p -> offered(FactMapper.preferredLanguage(p)));
  }

  /** For an API request: {@code ?lang=}, the record's preference, {@code Accept-Language}. */
  Locale of(HttpServletRequest request, String patientId) {
    return offered(request.getParameter("lang"))
        .or(() -> preferred(patientId))
        .or(() -> browser(request))
        .orElse(Locale.ENGLISH);
  }

  /** The browser's first offered language, if it sent any. */
  static Optional<Locale> browser(HttpServletRequest request) {
    if (request.getHeader("Accept-Language") == null) {
      return Optional.empty();
    }
    for (Locale wanted : java.util.Collections.list(request.getLocales())) {
      Optional<Locale> offered = offered(wanted.toLanguageTag());
      if (offered.isPresent()) {
        return offered;
      }
    }
    return Optional.empty();
  }
}
