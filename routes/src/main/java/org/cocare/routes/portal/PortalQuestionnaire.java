package org.cocare.routes.portal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.cocare.engine.portal.PatientAnswerException;
import org.cocare.fhir.value.ParticipationQuestionnaire;
import org.cocare.fhir.value.ParticipationQuestionnaire.Anchor;
import org.cocare.fhir.value.ParticipationQuestionnaire.Form;
import org.cocare.fhir.value.ParticipationQuestionnaire.Statement;
import org.cocare.fhir.value.Scale;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * Cocare's participation questionnaire as the portal offers it: the form in the patient's language,
 * and their answers — checked, written as a completed QuestionnaireResponse authored now and handed
 * to the same ingest path as any FHIR message, so their record holds it. Every submission is a new
 * response with its own id: a patient may answer again when things change, and the value analysis
 * reads each. Refusals name the items (by {@code linkId}) and are said in the patient's language
 * like any refused answer.
 */
final class PortalQuestionnaire {
  /** The items in questionnaire order: the scales' items, scale by scale. */
  static final List<String> ITEMS =
      Arrays.stream(Scale.values()).flatMap(s -> s.items().stream()).toList();

  /**
   * What became of submitted answers: the stored response, its message and how it was processed.
   */
  record Submitted(String questionnaireResponse, String message, String status) {}

  /**
   * The form for an app: the questionnaire's canonical (what a response names), the language, the
   * title and instruction, the seven anchors and each scale's statements.
   */
  record FormView(
      String questionnaire,
      String language,
      String title,
      String instruction,
      List<Anchor> anchors,
      List<SectionView> sections) {}

  /** One scale's statements under its heading; {@code scale} is the scale's code. */
  record SectionView(String scale, String title, List<Statement> statements) {}

  private final ParticipationQuestionnaire questionnaire;
  private final PortalIntake intake;
  private final Clock clock;

  PortalQuestionnaire(ParticipationQuestionnaire questionnaire, PortalIntake intake, Clock clock) {
    this.questionnaire = questionnaire;
    this.intake = intake;
    this.clock = clock;
  }

  Form form(Locale locale) {
    return questionnaire.form(locale.toLanguageTag());
  }

  FormView view(Locale locale) {
    Form form = form(locale);
    return new FormView(
        questionnaire.canonical(),
        form.language(),
        form.title(),
        form.instruction(),
        form.anchors(),
        form.sections().stream()
            .map(s -> new SectionView(s.scale().code(), s.title(), s.statements()))
            .toList());
  }

  /** Whether a value is one the scale offers. */
  static boolean inRange(Integer value) {
    return value != null && value >= Scale.MIN && value <= Scale.MAX;
  }

  /**
   * Checks the answers, writes them as a new response and ingests it.
   *
   * @param answers each item's {@code linkId} with its value; null values count as unanswered
   * @throws PatientAnswerException for unknown items, values outside 1–7 or unanswered items,
   *     naming them, before anything is stored
   */
  Submitted submit(String patientId, Map<String, Integer> answers) {
    check(answers);
    QuestionnaireResponse response = questionnaire.response(patientId, answers, clock.instant());
    response.setId("participation-" + UUID.randomUUID());
    PortalIntake.Ingested ingested = intake.ingest(response, "questionnaire", patientId);
    return new Submitted(
        "QuestionnaireResponse/" + response.getIdElement().getIdPart(),
        ingested.messageId(),
        ingested.status());
  }

  /*
   * The questionnaire refuses the same, but in English only; these refusals have problem codes so
   * the patient reads them in their language.
   */
  private static void check(Map<String, Integer> answers) {
    TreeSet<String> unknown = new TreeSet<>(answers.keySet());
    ITEMS.forEach(unknown::remove);
    if (!unknown.isEmpty()) {
      String names = String.join(", ", unknown);
      throw invalid(
          "questionnaire-unknown", "not items of the participation questionnaire: " + names, names);
    }
    List<String> outOfRange = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String item : ITEMS) {
      Integer value = answers.get(item);
      if (value == null) {
        missing.add(item);
      } else if (!inRange(value)) {
        outOfRange.add(item);
      }
    }
    if (!outOfRange.isEmpty()) {
      String names = String.join(", ", outOfRange);
      throw invalid(
          "questionnaire-range",
          names + ": answer with a whole number from " + Scale.MIN + " to " + Scale.MAX,
          names,
          Scale.MIN,
          Scale.MAX);
    }
    if (!missing.isEmpty()) {
      String names = String.join(", ", missing);
      throw invalid(
          "questionnaire-missing",
          "every statement needs an answer; not answered: " + names,
          names);
    }
  }

  private static PatientAnswerException invalid(
      String problem, String message, Object... arguments) {
    return new PatientAnswerException(
        PatientAnswerException.Reason.INVALID, problem, message, List.of(arguments));
  }
}
