package org.cocare.fhir.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.fhir.value.ParticipationQuestionnaire.Anchor;
import org.cocare.fhir.value.ParticipationQuestionnaire.Form;
import org.cocare.fhir.value.ParticipationQuestionnaire.Section;
import org.cocare.fhir.value.ParticipationQuestionnaire.Statement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParticipationQuestionnaireTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  /** The validator takes seconds to warm: one reader for the whole class. */
  private static final FhirReader READER = new FhirReader(FHIR);

  private static final ParticipationQuestionnaire PARTICIPATION =
      new ParticipationQuestionnaire(FHIR);
  private static final Instant AUTHORED = Instant.parse("2026-11-29T10:15:30.250Z");

  @Test
  void questionnaire_isCocaresActiveParticipationQuestionnaireInEnglish() {
    Questionnaire q = PARTICIPATION.questionnaire();

    assertThat(q.getIdElement().getIdPart()).isEqualTo("cocare-participation");
    assertThat(q.getUrl()).isEqualTo("https://cocare.org/fhir/Questionnaire/participation");
    assertThat(q.getVersion()).isNotBlank();
    assertThat(q.getStatus())
        .isEqualTo(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
    assertThat(q.getPublisher()).isEqualTo("Cocare");
    assertThat(q.getLanguage()).isEqualTo("en");
    assertThat(q.getTitle()).isNotBlank();
    assertThat(PARTICIPATION.canonical()).isEqualTo(q.getUrl() + "|" + q.getVersion());
  }

  @Test
  void everyScaleItem_isInItsScalesGroupExactlyOnce_asARequiredIntegerFrom1To7() {
    Questionnaire q = PARTICIPATION.questionnaire();
    Map<String, Integer> occurrences = new HashMap<>();
    all(q.getItem()).forEach(item -> occurrences.merge(item.getLinkId(), 1, Integer::sum));

    for (Scale scale : Scale.values()) {
      QuestionnaireItemComponent group =
          q.getItem().stream()
              .filter(item -> item.getLinkId().equals(scale.code()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no group " + scale.code()));
      assertThat(group.getType()).isEqualTo(QuestionnaireItemType.GROUP);
      assertThat(group.getItem())
          .extracting(QuestionnaireItemComponent::getLinkId)
          .containsExactlyElementsOf(scale.items());
      for (QuestionnaireItemComponent item : group.getItem()) {
        assertThat(occurrences.get(item.getLinkId())).as(item.getLinkId()).isEqualTo(1);
        assertThat(item.getType()).as(item.getLinkId()).isEqualTo(QuestionnaireItemType.INTEGER);
        assertThat(item.getRequired()).as(item.getLinkId()).isTrue();
        assertThat(bound(item, "minValue")).as(item.getLinkId()).isEqualTo(Scale.MIN);
        assertThat(bound(item, "maxValue")).as(item.getLinkId()).isEqualTo(Scale.MAX);
      }
    }
    assertThat(occurrences).allSatisfy((linkId, count) -> assertThat(count).as(linkId).isOne());
  }

  @Test
  void everyText_hasASimplifiedChineseTranslation() {
    Questionnaire q = PARTICIPATION.questionnaire();
    List<StringType> texts = new ArrayList<>();
    texts.add(q.getTitleElement());
    texts.add(q.getDescriptionElement());
    all(q.getItem()).forEach(item -> texts.add(item.getTextElement()));

    assertThat(texts).hasSize(2 + 1 + 7 + Scale.values().length + 11);
    for (StringType text : texts) {
      assertThat(text.getValue()).isNotBlank();
      String chinese = ParticipationQuestionnaire.translation(text, "zh-CN").orElse(null);
      assertThat(chinese).as("zh-CN of \"%s\"", text.getValue()).isNotBlank();
      assertThat(
              chinese
                  .codePoints()
                  .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
          .as("\"%s\" is written in Chinese", chinese)
          .isTrue();
    }
  }

  @Test
  void questionnaire_validatesAgainstTheR4BaseSpecification() {
    assertNoValidationErrors(PARTICIPATION.questionnaire());
  }

  @Test
  void englishForm_hasTheSevenAnchorsAndEachScalesStatementsInOrder() {
    Form form = PARTICIPATION.form("en");

    assertThat(form.language()).isEqualTo("en");
    assertThat(form.title()).isEqualTo(PARTICIPATION.questionnaire().getTitle());
    assertThat(form.anchors()).extracting(Anchor::value).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(form.anchors().get(0).label()).isEqualTo("Strongly disagree");
    assertThat(form.anchors().get(6).label()).isEqualTo("Strongly agree");
    assertThat(form.sections()).extracting(Section::scale).containsExactly(Scale.values());
    for (Section section : form.sections()) {
      assertThat(section.statements())
          .extracting(Statement::linkId)
          .containsExactlyElementsOf(section.scale().items());
    }
    assertThat(statement(form, "value-recommend"))
        .isEqualTo("I would recommend this care to others.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"zh-CN", "zh", "zh-Hans", "zh_TW", "ZH-cn"})
  void anyChineseTag_readsSimplifiedChinese(String tag) {
    Form form = PARTICIPATION.form(tag);

    assertThat(form.language()).isEqualTo("zh-CN");
    assertThat(form.anchors().get(6).label()).isEqualTo("非常同意");
    assertThat(statement(form, "ability-understand")).isEqualTo("我了解自己的健康状况。");
    assertThat(form.sections().get(0).title())
        .isNotEqualTo(PARTICIPATION.form("en").sections().get(0).title());
  }

  @ParameterizedTest
  @ValueSource(strings = {"fr", "en-US", "", " "})
  void anyOtherLanguage_fallsBackToEnglish(String tag) {
    assertThat(PARTICIPATION.form(tag)).isEqualTo(PARTICIPATION.form("en"));
    assertThat(PARTICIPATION.form(null)).isEqualTo(PARTICIPATION.form("en"));
  }

  @Test
  void response_isACompletedResponseOfThePatientGroupedByScale() {
    QuestionnaireResponse response = PARTICIPATION.response("li-na", allAnswered(), AUTHORED);

    assertThat(response.getQuestionnaire()).isEqualTo(PARTICIPATION.canonical());
    assertThat(response.getStatus())
        .isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    assertThat(response.getSubject().getReference()).isEqualTo("Patient/li-na");
    assertThat(response.getAuthored().toInstant()).isEqualTo(AUTHORED);
    assertThat(response.getItem())
        .extracting(QuestionnaireResponseItemComponent::getLinkId)
        .containsExactly("ability", "behaviour", "value");
    QuestionnaireResponseItemComponent worth = response.getItem().get(2).getItem().get(0);
    assertThat(worth.getLinkId()).isEqualTo("value-worth");
    assertThat(((IntegerType) worth.getAnswerFirstRep().getValue()).getValue()).isEqualTo(5);
  }

  @Test
  void response_passesTheIngestValidator_andReadsBackAsTheSameAnswers() throws IOException {
    QuestionnaireResponse response = PARTICIPATION.response("li-na", allAnswered(), AUTHORED);
    response.setId("qr-1");
    String json = FHIR.newJsonParser().encodeResourceToString(response);

    assertNoValidationErrors(response);
    Resource read = READER.read(json.getBytes(StandardCharsets.UTF_8), "application/fhir+json");
    QuestionnaireAnswers answers = PARTICIPATION.answers((QuestionnaireResponse) read);

    assertThat(answers.responseId()).isEqualTo("qr-1");
    assertThat(answers.patientId()).isEqualTo("li-na");
    assertThat(answers.authored()).isEqualTo(AUTHORED);
    assertThat(answers.items()).isEqualTo(allAnswered());
    assertThat(answers.score(Scale.VALUE)).hasValue(5.0);
  }

  @Test
  void response_refusesAnItemTheQuestionnaireDoesNotHave() {
    Map<String, Integer> answers = new HashMap<>(allAnswered());
    answers.put("value-price", 4);

    assertThatThrownBy(() -> PARTICIPATION.response("li-na", answers, AUTHORED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not items of the participation questionnaire: [value-price]");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 8, -1})
  void response_refusesAValueOutside1To7(int value) {
    Map<String, Integer> answers = new HashMap<>(allAnswered());
    answers.put("ability-find", value);

    assertThatThrownBy(() -> PARTICIPATION.response("li-na", answers, AUTHORED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("item ability-find is answered " + value + ", outside 1–7");
  }

  @Test
  void response_refusesAMissingItem_becauseEveryItemIsRequired() {
    Map<String, Integer> answers = new HashMap<>(allAnswered());
    answers.remove("behaviour-help");

    assertThatThrownBy(() -> PARTICIPATION.response("li-na", answers, AUTHORED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not answered: [behaviour-help]");
  }

  @Test
  void answers_readNestedGroupsAndCodedValues_andSkipItemsOfNoScale() {
    QuestionnaireAnswers answers = PARTICIPATION.answers(resource("response-coded-nested.json"));

    assertThat(answers.responseId()).isEqualTo("qr-coded");
    assertThat(answers.patientId()).isEqualTo("li-na");
    assertThat(answers.authored()).isEqualTo(Instant.parse("2026-11-20T00:30:00Z"));
    assertThat(answers.items())
        .containsOnly(
            entry("ability-understand", 6),
            entry("ability-find", 5),
            entry("ability-voice", 7),
            entry("ability-manage", 4),
            entry("behaviour-share", 3));
    assertThat(answers.score(Scale.ABILITY)).hasValue(5.5);
    assertThat(answers.score(Scale.BEHAVIOUR)).isEmpty();
  }

  @Test
  void answers_readItemsNestedUnderAnAnswer() {
    QuestionnaireResponse response =
        response("https://cocare.org/fhir/Questionnaire/participation|0.9");
    response
        .addItem()
        .setLinkId("ability-understand")
        .addAnswer()
        .setValue(new IntegerType(2))
        .addItem()
        .setLinkId("ability-find")
        .addAnswer()
        .setValue(new IntegerType(3));

    assertThat(PARTICIPATION.answers(response).items())
        .containsOnly(entry("ability-understand", 2), entry("ability-find", 3));
  }

  @ParameterizedTest
  @CsvSource({
    "https://cocare.org/fhir/Questionnaire/participation, true",
    "https://cocare.org/fhir/Questionnaire/participation|1.0.0, true",
    "https://cocare.org/fhir/Questionnaire/participation|0.1, true",
    "https://cocare.org/fhir/Questionnaire/participation-2, false",
    "http://loinc.org/q/91630-4, false"
  })
  void isResponseTo_matchesTheCanonicalWhateverTheVersion(String canonical, boolean expected) {
    assertThat(PARTICIPATION.isResponseTo(response(canonical))).isEqualTo(expected);
  }

  @Test
  void answers_refuseAResponseToAnotherQuestionnaire() {
    assertThatThrownBy(() -> PARTICIPATION.answers(response("http://loinc.org/q/91630-4")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("QuestionnaireResponse qr-x answers http://loinc.org/q/91630-4, not");
  }

  @ParameterizedTest
  @CsvSource({
    "valueInteger, 9, item value-worth is answered 9, outside 1–7",
    "valueInteger, 0, item value-worth is answered 0, outside 1–7",
    "valueCoding, 8, item value-worth is answered 8, outside 1–7",
    "valueCoding, LA33-6, item value-worth is coded LA33-6, not a number 1–7",
    "valueString, 5, item value-worth is answered with string; expected an integer or a coding"
  })
  void answers_refuseAValueThatIsNo1To7_namingTheItem(String type, String value, String message) {
    QuestionnaireResponse response = response(ParticipationQuestionnaire.URL);
    QuestionnaireResponseItemComponent item =
        response.addItem().setLinkId("value").addItem().setLinkId("value-worth");
    item.addAnswer()
        .setValue(
            switch (type) {
              case "valueInteger" -> new IntegerType(Integer.parseInt(value));
              case "valueCoding" -> new Coding(null, value, null);
              default -> new StringType(value);
            });

    assertThatThrownBy(() -> PARTICIPATION.answers(response))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("QuestionnaireResponse qr-x: " + message);
  }

  @Test
  void answers_refuseAnItemAnsweredTwice() {
    QuestionnaireResponse response = response(ParticipationQuestionnaire.URL);
    response.addItem().setLinkId("value-worth").addAnswer().setValue(new IntegerType(4));
    response.addItem().setLinkId("value-worth").addAnswer().setValue(new IntegerType(5));

    assertThatThrownBy(() -> PARTICIPATION.answers(response))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("item value-worth is answered more than once");
  }

  @Test
  void answers_refuseAResponseWhoseSubjectIsNoPatient() {
    QuestionnaireResponse response = response(ParticipationQuestionnaire.URL);
    response.setSubject(new Reference("Group/ward-7"));

    assertThatThrownBy(() -> PARTICIPATION.answers(response))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no patient as its subject: Group/ward-7");
  }

  private static Map<String, Integer> allAnswered() {
    Map<String, Integer> answers = new LinkedHashMap<>();
    int value = 1;
    for (Scale scale : Scale.values()) {
      for (String linkId : scale.items()) {
        answers.put(linkId, value);
        value = value % 7 + 1;
      }
    }
    answers.put("value-worth", 5);
    answers.put("value-quality", 6);
    answers.put("value-recommend", 4);
    return answers;
  }

  private static QuestionnaireResponse response(String canonical) {
    QuestionnaireResponse response = new QuestionnaireResponse();
    response.setId("qr-x");
    response.setQuestionnaire(canonical);
    response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    response.setSubject(new Reference("Patient/p-1"));
    return response;
  }

  private static QuestionnaireResponse resource(String name) {
    try (InputStream in = ParticipationQuestionnaireTest.class.getResourceAsStream(name)) {
      return FHIR.newJsonParser().parseResource(QuestionnaireResponse.class, in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String statement(Form form, String linkId) {
    return form.sections().stream()
        .flatMap(section -> section.statements().stream())
        .filter(s -> s.linkId().equals(linkId))
        .map(Statement::text)
        .findFirst()
        .orElseThrow();
  }

  private static List<QuestionnaireItemComponent> all(List<QuestionnaireItemComponent> items) {
    List<QuestionnaireItemComponent> all = new ArrayList<>();
    for (QuestionnaireItemComponent item : items) {
      all.add(item);
      all.addAll(all(item.getItem()));
    }
    return all;
  }

  private static Integer bound(Element item, String name) {
    return item.getExtensionsByUrl("http://hl7.org/fhir/StructureDefinition/" + name).stream()
        .map(e -> ((IntegerType) e.getValue()).getValue())
        .findFirst()
        .orElse(null);
  }

  static void assertNoValidationErrors(Resource resource) {
    List<SingleValidationMessage> findings = READER.findings(resource);
    findings.stream()
        .filter(
            m ->
                m.getSeverity() != ResultSeverityEnum.ERROR
                    && m.getSeverity() != ResultSeverityEnum.FATAL)
        .forEach(
            m ->
                System.out.println(
                    resource.fhirType()
                        + " validation "
                        + m.getSeverity()
                        + " at "
                        + m.getLocationString()
                        + ": "
                        + m.getMessage()));
    assertThat(findings)
        .filteredOn(
            m ->
                m.getSeverity() == ResultSeverityEnum.ERROR
                    || m.getSeverity() == ResultSeverityEnum.FATAL)
        .extracting(m -> m.getLocationString() + ": " + m.getMessage())
        .isEmpty();
  }
}
