package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.cocare.fhir.value.ParticipationQuestionnaire;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.fhir.value.Scale;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.ruleset.ValueConfiguration;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What value analysis reads back from the stores is what happened: recommendations written with
 * their outcome events and notifications ({@link SyntheticRecords}) come back from {@link
 * ValueSource} as they were followed. Run against each database Cocare supports.
 */
abstract class ValueSourceContract {
  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final Instant AS_OF = Instant.parse("2026-06-30T12:00:00Z");
  static final ParticipationQuestionnaire QUESTIONNAIRE = new ParticipationQuestionnaire(FHIR);
  static final Function<String, ValueConfiguration> CONFIGURATIONS =
      Map.of("screening-colorectal", ValueConfiguration.CHAIN)::get;

  DataSource dataSource;
  ValueSource source;

  abstract DataSource newDatabase();

  @BeforeEach
  void setUp() {
    dataSource = newDatabase();
    source = new ValueSource(dataSource, Clock.fixed(AS_OF, ZoneOffset.UTC), FHIR, QUESTIONNAIRE);
  }

  @Test
  void recommendationsWrittenWithTheirHistory_readBackAsFollowed() {
    List<FollowedRecommendation> written =
        List.of(
            followed(
                "r1",
                "p1",
                Instant.parse("2026-01-10T09:00:00Z"),
                false,
                "email",
                "zh-CN",
                Set.of(Stage.SENT, Stage.DELIVERED, Stage.OPENED, Stage.COMPLETED),
                20,
                20),
            followed(
                "r2",
                "p2",
                Instant.parse("2026-02-10T09:00:00Z"),
                true,
                null,
                null,
                Set.of(),
                null,
                140),
            followed(
                "r3",
                "p2",
                Instant.parse("2026-03-01T09:00:00Z"),
                false,
                "portal",
                "en",
                Set.of(Stage.SENT, Stage.DELIVERED, Stage.ACKNOWLEDGED),
                null,
                30));
    new SyntheticRecords(dataSource, FHIR)
        .write(
            List.of(PatientTraits.unknown("p1"), PatientTraits.unknown("p2")),
            written,
            List.of(),
            AS_OF);

    List<FollowedRecommendation> read = source.recommendations(null, null, CONFIGURATIONS);

    assertThat(read).containsExactlyInAnyOrderElementsOf(written);
  }

  @Test
  void period_keepsRecommendationsIssuedInIt_fromInclusiveToExclusive() {
    Instant t = Instant.parse("2026-02-01T00:00:00Z");
    new SyntheticRecords(dataSource, FHIR)
        .write(
            List.of(PatientTraits.unknown("p1")),
            List.of(
                followed("before", "p1", t.minusSeconds(1), false, null, null, Set.of(), null, 5),
                followed("at", "p1", t, false, null, null, Set.of(), null, 5),
                followed(
                    "end", "p1", t.plus(Duration.ofDays(1)), false, null, null, Set.of(), null, 5)),
            List.of(),
            AS_OF);

    assertThat(source.recommendations(t, t.plus(Duration.ofDays(1)), CONFIGURATIONS))
        .extracting(FollowedRecommendation::recommendationId)
        .containsExactly("at");
  }

  @Test
  void patientsWrittenWithTheirTraitsAndAnswers_readBackTheSame_unusableResponsesLeftOut() {
    PatientTraits stated =
        new PatientTraits("p1", 67, "female", "tertiary", "diabetes", "endocrinology");
    PatientTraits unstated = PatientTraits.unknown("p2");
    Map<String, Integer> items = new HashMap<>();
    for (Scale scale : Scale.values()) {
      for (int i = 0; i < scale.items().size(); i++) {
        items.put(scale.items().get(i), 1 + (i + scale.ordinal()) % 7);
      }
    }
    QuestionnaireResponse answered =
        QUESTIONNAIRE.response("p1", items, AS_OF.minus(Duration.ofDays(3)));
    answered.setId("qr-1");
    QuestionnaireResponse unfinished =
        QUESTIONNAIRE.response("p2", items, AS_OF.minus(Duration.ofDays(2)));
    unfinished.setId("qr-2");
    unfinished.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
    QuestionnaireResponse outOfRange =
        QUESTIONNAIRE.response("p2", items, AS_OF.minus(Duration.ofDays(1)));
    outOfRange.setId("qr-3");
    outOfRange.getItemFirstRep().getItemFirstRep().getAnswerFirstRep().setValue(new IntegerType(9));
    new SyntheticRecords(dataSource, FHIR)
        .write(
            List.of(stated, unstated), List.of(), List.of(answered, unfinished, outOfRange), AS_OF);

    assertThat(source.traits()).isEqualTo(Map.of("p1", stated, "p2", unstated));
    assertThat(source.answers())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.patientId()).isEqualTo("p1");
              assertThat(a.items()).isEqualTo(items);
            });
  }

  static FollowedRecommendation followed(
      String id,
      String patient,
      Instant issued,
      boolean heldOut,
      String channel,
      String language,
      Set<Stage> reached,
      Integer daysToComplete,
      int daysObserved) {
    return new FollowedRecommendation(
        id,
        patient,
        "screening-colorectal",
        "screening-colorectal",
        "CMS130",
        Kind.SCREENING_REMINDER,
        ValueConfiguration.CHAIN,
        issued,
        heldOut,
        channel,
        language,
        reached,
        daysToComplete,
        daysObserved);
  }
}
