package org.cocare.routes.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cocare.engine.portal.PatientAnswerException;
import org.cocare.fhir.server.MessageReceiver;
import org.cocare.fhir.server.ProcessingOutcome;
import org.cocare.fhir.server.Receipt;
import org.cocare.fhir.value.ParticipationQuestionnaire;
import org.cocare.fhir.value.QuestionnaireAnswers;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;

/**
 * The questionnaire as the portal offers it, with the receiver and gateway replaced at their edge:
 * what is handed to ingest is a completed response of exactly the answers, authored at the clock's
 * time, new each time; refusals name the items and hand nothing over.
 */
class PortalQuestionnaireTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final ParticipationQuestionnaire PARTICIPATION =
      new ParticipationQuestionnaire(FHIR);
  private static final Instant START = Instant.parse("2026-11-02T09:15:00Z");

  private final List<String> bodies = new ArrayList<>();
  private final List<String> sources = new ArrayList<>();
  private final AdvancingClock clock = new AdvancingClock(START);
  private final PortalQuestionnaire questionnaire =
      new PortalQuestionnaire(
          PARTICIPATION,
          new PortalIntake(
              FHIR,
              new Receiver(),
              id -> ProcessingOutcome.processed(id, List.of(), List.of("ann"), 0, 0)),
          clock);

  @Test
  void fullAnswers_areHandedToIngestAsACompletedResponse_ofExactlyThoseValues() {
    Map<String, Integer> answers = answers(5);
    answers.put("value-recommend", 7);

    PortalQuestionnaire.Submitted submitted = questionnaire.submit("ann", answers);

    QuestionnaireResponse sent = onlySent();
    QuestionnaireAnswers read = PARTICIPATION.answers(sent);
    assertThat(read.items()).isEqualTo(answers);
    assertThat(read.patientId()).isEqualTo("ann");
    assertThat(read.authored()).isEqualTo(START);
    assertThat(sent.getStatus())
        .isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    assertThat(submitted.questionnaireResponse())
        .isEqualTo("QuestionnaireResponse/" + sent.getIdElement().getIdPart());
    assertThat(submitted.status()).isEqualTo("processed");
    assertThat(sources).containsExactly("portal questionnaire of patient ann");
  }

  @Test
  void answeringAgainLater_isANewResponse_authoredThen() {
    PortalQuestionnaire.Submitted first = questionnaire.submit("ann", answers(3));
    clock.advance(Duration.ofDays(90));
    PortalQuestionnaire.Submitted second = questionnaire.submit("ann", answers(6));

    assertThat(second.questionnaireResponse()).isNotEqualTo(first.questionnaireResponse());
    assertThat(bodies).hasSize(2);
    assertThat(PARTICIPATION.answers(parse(bodies.get(1))).authored())
        .isEqualTo(START.plus(Duration.ofDays(90)));
  }

  @Test
  void unknownItems_outOfRangeValues_andUnansweredItems_areRefusedByName_beforeAnythingIsSent() {
    Map<String, Integer> unknown = answers(4);
    unknown.put("mood", 4);
    Map<String, Integer> outOfRange = answers(4);
    outOfRange.put("ability-find", 0);
    outOfRange.put("value-worth", 8);
    Map<String, Integer> unanswered = answers(4);
    unanswered.remove("behaviour-help");
    unanswered.put("value-quality", null);

    assertThatThrownBy(() -> questionnaire.submit("ann", unknown))
        .isInstanceOfSatisfying(
            PatientAnswerException.class,
            e -> {
              assertThat(e.problem()).isEqualTo("questionnaire-unknown");
              assertThat(e.arguments()).containsExactly("mood");
            });
    assertThatThrownBy(() -> questionnaire.submit("ann", outOfRange))
        .isInstanceOfSatisfying(
            PatientAnswerException.class,
            e -> {
              assertThat(e.problem()).isEqualTo("questionnaire-range");
              assertThat(e.arguments()).containsExactly("ability-find, value-worth", 1, 7);
              assertThat(e.reason()).isEqualTo(PatientAnswerException.Reason.INVALID);
            });
    assertThatThrownBy(() -> questionnaire.submit("ann", unanswered))
        .isInstanceOfSatisfying(
            PatientAnswerException.class,
            e -> {
              assertThat(e.problem()).isEqualTo("questionnaire-missing");
              assertThat(e.arguments()).containsExactly("behaviour-help, value-quality");
            });
    assertThat(bodies).isEmpty();
  }

  @Test
  void view_givesEachScaleByItsCode_inTheLanguageAsked() {
    PortalQuestionnaire.FormView chinese = questionnaire.view(Locale.SIMPLIFIED_CHINESE);

    assertThat(chinese.language()).isEqualTo("zh-CN");
    assertThat(chinese.questionnaire()).isEqualTo(PARTICIPATION.canonical());
    assertThat(chinese.sections())
        .extracting(PortalQuestionnaire.SectionView::scale)
        .containsExactly("ability", "behaviour", "value");
    assertThat(
            chinese.sections().stream()
                .flatMap(s -> s.statements().stream())
                .map(ParticipationQuestionnaire.Statement::linkId))
        .containsExactlyElementsOf(PortalQuestionnaire.ITEMS);
    assertThat(questionnaire.view(Locale.ENGLISH).title())
        .isEqualTo("How you take part in your care");
  }

  private static Map<String, Integer> answers(int value) {
    Map<String, Integer> answers = new LinkedHashMap<>();
    PortalQuestionnaire.ITEMS.forEach(item -> answers.put(item, value));
    return answers;
  }

  private QuestionnaireResponse onlySent() {
    assertThat(bodies).hasSize(1);
    return parse(bodies.get(0));
  }

  private static QuestionnaireResponse parse(String body) {
    return FHIR.newJsonParser().parseResource(QuestionnaireResponse.class, body);
  }

  /** Keeps what it receives, as the real one stores it; every body is accepted. */
  private final class Receiver implements MessageReceiver {
    @Override
    public Receipt receive(byte[] body, String contentType, String source) {
      bodies.add(new String(body, StandardCharsets.UTF_8));
      sources.add(source);
      String id = "message-" + bodies.size();
      return new Receipt(id, Receipt.Status.ACCEPTED, null, 202);
    }

    @Override
    public void rejectUnprocessed(String messageId, int httpStatus, String reason) {
      throw new AssertionError("nothing is refused here");
    }
  }

  /** A clock the test moves on. */
  private static final class AdvancingClock extends Clock {
    private Instant now;

    AdvancingClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the questionnaire keeps UTC");
    }
  }
}
