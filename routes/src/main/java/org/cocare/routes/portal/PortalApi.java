package org.cocare.routes.portal;

import ca.uhn.fhir.context.FhirContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cocare.engine.notify.OptOutStore.Source;
import org.cocare.engine.outcome.OutcomeEvent;
import org.cocare.engine.portal.PatientAnswerException;
import org.cocare.engine.portal.PatientAnswers;
import org.cocare.fhir.intake.ErrorCode;
import org.cocare.fhir.intake.Outcomes;
import org.cocare.routes.api.ApiDocumentation;
import org.cocare.routes.portal.HomeReadings.Reading;
import org.cocare.routes.portal.HomeReadings.Submitted;
import org.cocare.routes.portal.InboxItems.ItemView;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The patient's own API: their open items in their language, their answers, home readings, the
 * participation questionnaire and their opt-out. Authenticated by the patient token ({@code
 * Authorization: Bearer}); the path's patient must be the token's (else 403), and a recommendation
 * id must be one of theirs (else 404, the same as one that does not exist). Refusals are
 * OperationOutcomes with a stable code and a message in the patient's language ({@code ?lang=},
 * their record, {@code Accept-Language}).
 */
@RestController
@Tag(
    name = "Patient portal",
    description = "A patient's own items, answers, home readings and questionnaire")
@SecurityRequirement(name = ApiDocumentation.PATIENT_TOKEN)
public class PortalApi {
  static final String BASE = "/api/portal/patients/{patientId}";

  private final PatientAnswers answers;
  private final InboxItems items;
  private final HomeReadings readings;
  private final PortalQuestionnaire questionnaire;
  private final PortalLanguage languages;
  private final PortalProblems problems;
  private final FhirContext fhir;

  PortalApi(
      PatientAnswers answers,
      InboxItems items,
      HomeReadings readings,
      PortalQuestionnaire questionnaire,
      PortalLanguage languages,
      PortalProblems problems,
      FhirContext fhir) {
    this.answers = answers;
    this.items = items;
    this.readings = readings;
    this.questionnaire = questionnaire;
    this.languages = languages;
    this.problems = problems;
    this.fhir = fhir;
  }

  /** An answer as recorded: the outcome event's kind and time. */
  public record AnswerView(String recommendationId, String kind, Instant at) {
    static AnswerView of(OutcomeEvent event) {
      return new AnswerView(event.recommendationId(), event.kind().code(), event.at());
    }
  }

  /** Why an item is not for the patient: a reason code, their own words, or both. */
  public record NotForMe(String reason, String text) {}

  /** The day to be reminded again; none: in seven days. */
  public record RemindLater(LocalDate until) {}

  /** A usefulness rating, a whole number from 1 to 5. */
  public record Rating(BigDecimal rating) {}

  /**
   * Answers to the participation questionnaire: each item's {@code linkId} with a whole number 1–7.
   * Values are read loosely here (any JSON) so that a wrong one is refused naming its item.
   */
  public record ParticipationAnswers(Map<String, Object> answers) {}

  /** Whether the patient receives reminders, and since when and how they opted out if not. */
  public record OutreachView(boolean optedOut, Instant since, String source, Integer cancelled) {}

  /** Thrown when a token is used on another patient's path. */
  static final class OtherPatient extends RuntimeException {
    OtherPatient() {
      super("a patient token opens that patient's own items only");
    }
  }

  @Operation(
      summary = "The patient's open items",
      description =
          "Each open recommendation with its code, kind, title and text in the patient's"
              + " language (education content where the item has it, else a plain title by code or"
              + " kind), why in plain words, due date, urgency and the patient's latest answer and"
              + " rating. The first time an item is listed it is recorded as acknowledged (seen by"
              + " the patient). Role: patient (Bearer token), own items only.")
  @GetMapping(BASE + "/items")
  public List<ItemView> items(
      @PathVariable String patientId, Authentication patient, HttpServletRequest request) {
    own(patientId, patient);
    return items.of(patientId, languages.of(request, patientId));
  }

  @Operation(
      summary = "Mark an item opened",
      description = "Records opened (the patient looked at it). Role: patient, own items only.")
  @PostMapping(BASE + "/items/{recommendationId}/opened")
  public AnswerView opened(
      @PathVariable String patientId,
      @PathVariable String recommendationId,
      Authentication patient) {
    own(patientId, patient);
    return AnswerView.of(answers.opened(patientId, recommendationId));
  }

  @Operation(
      summary = "Say an item is done",
      description =
          "Records self-reported-done. It is not a completion: the item stays open until evidence"
              + " (a result, a procedure) closes it, and is not reminded of meanwhile. 409 when"
              + " the item is closed. Role: patient, own items only.")
  @PostMapping(BASE + "/items/{recommendationId}/done")
  public AnswerView done(
      @PathVariable String patientId,
      @PathVariable String recommendationId,
      Authentication patient) {
    own(patientId, patient);
    return AnswerView.of(answers.done(patientId, recommendationId));
  }

  @Operation(
      summary = "Say an item is not for the patient",
      description =
          "Body {\"reason\": \"done-elsewhere|not-relevant|prefer-not|cost-or-access|other\","
              + " \"text\": \"their own words, at most 200 characters\"}: a reason or words are"
              + " required (other needs words). Records declined; the item is never announced"
              + " again. Role: patient, own items only.")
  @PostMapping(BASE + "/items/{recommendationId}/not-for-me")
  public AnswerView notForMe(
      @PathVariable String patientId,
      @PathVariable String recommendationId,
      @RequestBody NotForMe body,
      Authentication patient) {
    own(patientId, patient);
    return AnswerView.of(answers.notForMe(patientId, recommendationId, body.reason(), body.text()));
  }

  @Operation(
      summary = "Ask to be reminded later",
      description =
          "Optional body {\"until\": \"YYYY-MM-DD\"} (after today, at most a year ahead); without"
              + " it, seven days from today. Records snoozed; the item is not announced before"
              + " that day. Role: patient, own items only.")
  @PostMapping(BASE + "/items/{recommendationId}/remind-later")
  public AnswerView remindLater(
      @PathVariable String patientId,
      @PathVariable String recommendationId,
      @RequestBody(required = false) RemindLater body,
      Authentication patient) {
    own(patientId, patient);
    return AnswerView.of(
        answers.remindLater(patientId, recommendationId, body == null ? null : body.until()));
  }

  @Operation(
      summary = "Rate how useful an item was",
      description =
          "Body {\"rating\": 1..5}, a whole number; anything else is a 400. Records rated."
              + " Role: patient, own items only.")
  @PostMapping(BASE + "/items/{recommendationId}/rating")
  public AnswerView rate(
      @PathVariable String patientId,
      @PathVariable String recommendationId,
      @RequestBody Rating body,
      Authentication patient) {
    own(patientId, patient);
    return AnswerView.of(answers.rate(patientId, recommendationId, whole(body.rating())));
  }

  @Operation(
      summary = "Send a home reading",
      description =
          "Body {\"type\": \"bloodPressure\", \"systolic\": 128, \"diastolic\": 82} (mmHg),"
              + " {\"type\": \"glucose\", \"value\": 5.6, \"unit\": \"mmol/L\"} (or mg/dL), or"
              + " {\"type\": \"weight\", \"value\": 72.5} (kg). Out-of-range values are a 400."
              + " The reading becomes a patient-reported FHIR Observation in the patient's"
              + " record, stored and evaluated like any other message; 201 with its id. Role:"
              + " patient, own record only.")
  @PostMapping(BASE + "/readings")
  public ResponseEntity<Submitted> reading(
      @PathVariable String patientId, @RequestBody Reading body, Authentication patient) {
    own(patientId, patient);
    return ResponseEntity.status(HttpStatus.CREATED).body(readings.submit(patientId, body));
  }

  @Operation(
      summary = "The participation questionnaire",
      description =
          "Cocare's participation questionnaire as an app renders it, in the patient's language"
              + " (?lang=en or zh-CN, else their record's, else Accept-Language): its canonical,"
              + " title, instruction, the seven anchors (value 1-7 and label) and per scale"
              + " (ability, behaviour, value) a title and statements (linkId and text). Role:"
              + " patient, own path only.")
  @GetMapping(BASE + "/questionnaire")
  public PortalQuestionnaire.FormView questionnaire(
      @PathVariable String patientId, Authentication patient, HttpServletRequest request) {
    own(patientId, patient);
    return questionnaire.view(languages.of(request, patientId));
  }

  @Operation(
      summary = "Answer the participation questionnaire",
      description =
          "Body {\"answers\": {\"ability-understand\": 5, ...}}: every statement's linkId"
              + " (see GET) with a whole number from 1 (strongly disagree) to 7 (strongly"
              + " agree). A missing or unknown item, or a value outside 1-7, is a 400 naming the"
              + " items. The answers become a completed FHIR QuestionnaireResponse in the"
              + " patient's record, stored and processed like any other message; 201 with its"
              + " id. Answering again adds a new response. Role: patient, own record only.")
  @PostMapping(BASE + "/questionnaire")
  public ResponseEntity<PortalQuestionnaire.Submitted> answerQuestionnaire(
      @PathVariable String patientId,
      @RequestBody ParticipationAnswers body,
      Authentication patient) {
    own(patientId, patient);
    Map<String, Integer> values = new LinkedHashMap<>();
    if (body != null && body.answers() != null) {
      body.answers().forEach((item, value) -> values.put(item, likert(value)));
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(questionnaire.submit(patientId, values));
  }

  @Operation(
      summary = "Whether the patient receives reminders",
      description = "Role: patient, own settings only.")
  @GetMapping(BASE + "/outreach")
  public OutreachView outreach(@PathVariable String patientId, Authentication patient) {
    own(patientId, patient);
    return answers
        .optOutOf(patientId)
        .map(o -> new OutreachView(true, o.at(), o.source().code(), null))
        .orElse(new OutreachView(false, null, null, null));
  }

  @Operation(
      summary = "Stop reminders",
      description =
          "Opts the patient out: only urgent messages are sent from now on; planned reminders"
              + " that are not urgent are cancelled. Role: patient, own settings only.")
  @PostMapping(BASE + "/opt-out")
  public OutreachView optOut(@PathVariable String patientId, Authentication patient) {
    own(patientId, patient);
    PatientAnswers.OptOutResult result = answers.optOut(patientId, Source.PORTAL);
    OutreachView now = outreach(patientId, patient);
    return new OutreachView(true, now.since(), now.source(), result.cancelled());
  }

  @Operation(
      summary = "Turn reminders back on",
      description = "Removes the patient's opt-out. Role: patient, own settings only.")
  @PostMapping(BASE + "/opt-in")
  public OutreachView optIn(@PathVariable String patientId, Authentication patient) {
    own(patientId, patient);
    answers.optIn(patientId);
    return new OutreachView(false, null, null, null);
  }

  @ExceptionHandler(PatientAnswerException.class)
  ResponseEntity<String> refused(PatientAnswerException e, HttpServletRequest request) {
    Locale locale = locale(request);
    String message = problems.message(e, locale);
    return switch (e.reason()) {
      case NOT_FOUND ->
          outcome(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, IssueType.NOTFOUND, message);
      case CLOSED ->
          outcome(
              HttpStatus.CONFLICT, ErrorCode.RECOMMENDATION_CLOSED, IssueType.CONFLICT, message);
      case INVALID ->
          outcome(HttpStatus.BAD_REQUEST, ErrorCode.ANSWER_INVALID, IssueType.INVALID, message);
    };
  }

  @ExceptionHandler(OtherPatient.class)
  ResponseEntity<String> otherPatient(OtherPatient e, HttpServletRequest request) {
    return outcome(
        HttpStatus.FORBIDDEN,
        ErrorCode.PATIENT_FORBIDDEN,
        IssueType.FORBIDDEN,
        problems.message("portal.error.forbidden", null, e.getMessage(), locale(request)));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<String> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    return outcome(
        HttpStatus.BAD_REQUEST,
        ErrorCode.ANSWER_INVALID,
        IssueType.INVALID,
        problems.message(
            "portal.error.body", null, "the body is not valid JSON for this", locale(request)));
  }

  private static void own(String patientId, Authentication patient) {
    if (patient == null || !patientId.equals(patient.getName())) {
      throw new OtherPatient();
    }
  }

  /** A rating must be a whole number; 4.5 is as wrong as 6. */
  private static Integer whole(BigDecimal rating) {
    if (rating == null) {
      return null;
    }
    try {
      return rating.stripTrailingZeros().intValueExact();
    } catch (ArithmeticException e) {
      return 0;
    }
  }

  /** A questionnaire answer as sent; text, 4.5 and true are as wrong as 8. */
  private static Integer likert(Object answer) {
    if (answer == null) {
      return null;
    }
    if (!(answer instanceof Number)) {
      return 0;
    }
    try {
      return whole(new BigDecimal(answer.toString()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The signed-in patient's language (never that of the patient whose path was tried). */
  private Locale locale(HttpServletRequest request) {
    Authentication patient = SecurityContextHolder.getContext().getAuthentication();
    return patient == null
        ? PortalLanguage.offered(request.getParameter("lang"))
            .or(() -> PortalLanguage.browser(request))
            .orElse(Locale.ENGLISH)
        : languages.of(request, patient.getName());
  }

  private ResponseEntity<String> outcome(
      HttpStatus status, ErrorCode code, IssueType type, String message) {
    return ResponseEntity.status(status)
        .contentType(MediaType.parseMediaType("application/fhir+json"))
        .body(
            fhir.newJsonParser().encodeResourceToString(Outcomes.error(code, type, message, null)));
  }
}
