package org.cocare.fhir.value;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One patient's answers to the participation questionnaire, from one {@code QuestionnaireResponse}:
 * each answered item's {@code linkId} with its 1–7 value.
 */
public record QuestionnaireAnswers(
    String responseId, String patientId, Instant authored, Map<String, Integer> items) {

  public QuestionnaireAnswers {
    if (patientId == null || patientId.isBlank()) {
      throw new IllegalArgumentException("questionnaire answers need the patient's id");
    }
    items = Map.copyOf(items);
    items.forEach(
        (linkId, value) -> {
          if (value < Scale.MIN || value > Scale.MAX) {
            throw new IllegalArgumentException(
                "item "
                    + linkId
                    + " answered "
                    + value
                    + ", outside "
                    + Scale.MIN
                    + "–"
                    + Scale.MAX);
          }
        });
  }

  /** The scale's score, the mean of its items; empty unless every item of it was answered. */
  public OptionalDouble score(Scale scale) {
    if (!items.keySet().containsAll(scale.items())) {
      return OptionalDouble.empty();
    }
    return scale.items().stream().mapToInt(items::get).average();
  }
}
