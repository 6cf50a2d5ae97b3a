package org.cocare.fhir.value;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import org.cocare.fhir.facts.PatientCompartment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Cocare's participation questionnaire ({@value #URL}): the FHIR Questionnaire the project writes
 * (resource {@code participation-questionnaire.json} beside this class), its texts for the portal
 * in English or Simplified Chinese, and the way between a patient's 1–7 answers and a {@code
 * QuestionnaireResponse}. One group per {@link Scale}, whose {@code linkId} is the scale's code,
 * holding the scale's items; a legend group ({@value #ANCHORS}) holds the seven agreement anchors
 * as display items whose prefix is the value they name. Immutable and thread-safe.
 */
public final class ParticipationQuestionnaire {
  public static final String ID = "cocare-participation";
  public static final String URL = "https://cocare.org/fhir/Questionnaire/participation";
  public static final String ENGLISH = "en";
  public static final String CHINESE = "zh-CN";

  static final String TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation";
  static final String ANCHORS = "anchors";
  private static final String RESOURCE = "participation-questionnaire.json";

  private final Questionnaire questionnaire;
  private final Map<String, Form> forms = new HashMap<>();
  private final Set<String> linkIds = new LinkedHashSet<>();

  public ParticipationQuestionnaire(FhirContext context) {
    this.questionnaire = load(context);
    for (Scale scale : Scale.values()) {
      linkIds.addAll(scale.items());
    }
    for (String language : List.of(ENGLISH, CHINESE)) {
      forms.put(language, form(questionnaire, language));
    }
  }

  /** A copy of the Questionnaire resource, to serve or to change without touching this one. */
  public Questionnaire questionnaire() {
    return questionnaire.copy();
  }

  /** The canonical a response names: url and version. */
  public String canonical() {
    return URL + "|" + questionnaire.getVersion();
  }

  /**
   * The portal's texts in a language: {@value #CHINESE} for any Chinese tag ({@code zh}, {@code
   * zh-Hans}, {@code zh-TW}: Simplified is the only Chinese written), else English.
   */
  public Form form(String languageTag) {
    return forms.get(language(languageTag));
  }

  /**
   * The language the questionnaire is offered in for a tag: {@value #CHINESE} or {@value #ENGLISH}.
   */
  public static String language(String tag) {
    if (tag == null || tag.isBlank()) {
      return ENGLISH;
    }
    String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
    return "zh".equals(language) ? CHINESE : ENGLISH;
  }

  /**
   * A completed response of the patient's answers, grouped by scale in questionnaire order.
   *
   * @param answers every item's {@code linkId} with its value, 1–7; the Questionnaire marks every
   *     item required, so a response missing one would break it
   * @throws IllegalArgumentException for an unknown {@code linkId}, a value outside 1–7, or a
   *     missing item, naming them
   */
  public QuestionnaireResponse response(
      String patientId, Map<String, Integer> answers, Instant authored) {
    if (patientId == null || patientId.isBlank()) {
      throw new IllegalArgumentException("a questionnaire response needs the patient's id");
    }
    if (authored == null) {
      throw new IllegalArgumentException("a questionnaire response needs the time it was answered");
    }
    Set<String> unknown = new TreeSet<>(answers.keySet());
    unknown.removeAll(linkIds);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "not items of the participation questionnaire: "
              + unknown
              + "; its items are "
              + linkIds);
    }
    List<String> missing = linkIds.stream().filter(id -> answers.get(id) == null).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "every item of the participation questionnaire is required; not answered: " + missing);
    }
    answers.forEach((linkId, value) -> requireInRange(linkId, value, "the answers"));

    QuestionnaireResponse response = new QuestionnaireResponse();
    response.setQuestionnaire(canonical());
    response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    response.setSubject(new Reference("Patient/" + patientId));
    response.setAuthoredElement(
        new DateTimeType(
            Date.from(authored), TemporalPrecisionEnum.MILLI, TimeZone.getTimeZone("UTC")));
    for (Scale scale : Scale.values()) {
      QuestionnaireResponseItemComponent group = response.addItem().setLinkId(scale.code());
      for (String linkId : scale.items()) {
        group
            .addItem()
            .setLinkId(linkId)
            .addAnswer()
            .setValue(new IntegerType(answers.get(linkId)));
      }
    }
    return response;
  }

  /**
   * Whether the response answers this questionnaire: its {@code questionnaire} is {@value #URL},
   * with or without a {@code |version} (the items mean the same in every version so far).
   */
  public boolean isResponseTo(QuestionnaireResponse response) {
    String canonical = response.getQuestionnaire();
    if (canonical == null) {
      return false;
    }
    int bar = canonical.indexOf('|');
    return URL.equals(bar >= 0 ? canonical.substring(0, bar) : canonical);
  }

  /**
   * The answers in a response to this questionnaire, wherever its items are nested (in groups or
   * under answers). A value is a {@code valueInteger}, or a {@code valueCoding} whose code is the
   * number (forms that offer the seven anchors as choices). Items that are not the scales' are
   * skipped, and so are unanswered ones; the response's status is not judged here.
   *
   * @throws IllegalArgumentException when the response is to another questionnaire, has no patient
   *     subject, or an item is answered twice, out of 1–7 or with another type, naming the item
   */
  public QuestionnaireAnswers answers(QuestionnaireResponse response) {
    String responseId =
        response.hasIdElement()
            ? PatientCompartment.idPart(response.getIdElement().getIdPart())
            : null;
    String which = "QuestionnaireResponse " + (responseId != null ? responseId : "(no id)");
    if (!isResponseTo(response)) {
      throw new IllegalArgumentException(
          which + " answers " + response.getQuestionnaire() + ", not " + URL);
    }
    Reference subject = response.getSubject();
    String type = subject.getReferenceElement().getResourceType();
    String patientId = PatientCompartment.idPart(subject.getReference());
    if (patientId == null || (type != null && !"Patient".equals(type))) {
      throw new IllegalArgumentException(
          which + " has no patient as its subject: " + subject.getReference());
    }
    Map<String, Integer> values = new LinkedHashMap<>();
    collect(response.getItem(), values, which);
    return new QuestionnaireAnswers(
        responseId,
        patientId,
        response.hasAuthored() ? response.getAuthored().toInstant() : null,
        values);
  }

  private void collect(
      List<QuestionnaireResponseItemComponent> items, Map<String, Integer> values, String which) {
    for (QuestionnaireResponseItemComponent item : items) {
      if (linkIds.contains(item.getLinkId()) && item.hasAnswer()) {
        if (item.getAnswer().size() > 1 || values.containsKey(item.getLinkId())) {
          throw new IllegalArgumentException(
              which + ": item " + item.getLinkId() + " is answered more than once");
        }
        values.put(item.getLinkId(), value(item.getLinkId(), item.getAnswerFirstRep(), which));
      }
      collect(item.getItem(), values, which);
      for (QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
        collect(answer.getItem(), values, which);
      }
    }
  }

  private static int value(
      String linkId, QuestionnaireResponseItemAnswerComponent answer, String which) {
    Type value = answer.getValue();
    Integer number;
    if (value instanceof IntegerType integer && integer.getValue() != null) {
      number = integer.getValue();
    } else if (value instanceof Coding coding && coding.hasCode()) {
      try {
        number = Integer.valueOf(coding.getCode().strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            which + ": item " + linkId + " is coded " + coding.getCode() + ", not a number 1–7");
      }
    } else {
      throw new IllegalArgumentException(
          which
              + ": item "
              + linkId
              + " is answered with "
              + (value == null ? "no value" : value.fhirType())
              + "; expected an integer or a coding 1–7");
    }
    requireInRange(linkId, number, which);
    return number;
  }

  private static void requireInRange(String linkId, Integer value, String which) {
    if (value == null || value < Scale.MIN || value > Scale.MAX) {
      throw new IllegalArgumentException(
          which
              + ": item "
              + linkId
              + " is answered "
              + value
              + ", outside "
              + Scale.MIN
              + "–"
              + Scale.MAX);
    }
  }

  private static Questionnaire load(FhirContext context) {
    try (InputStream in = ParticipationQuestionnaire.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is missing beside " + ParticipationQuestionnaire.class);
      }
      IParser parser = context.newJsonParser();
      // A typo in the file is ours: refuse it at start rather than lose an element silently.
      parser.setParserErrorHandler(new StrictErrorHandler());
      return parser.parseResource(
          Questionnaire.class, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Form form(Questionnaire questionnaire, String language) {
    List<Anchor> anchors = new ArrayList<>();
    for (QuestionnaireItemComponent display : group(questionnaire, ANCHORS).getItem()) {
      anchors.add(
          new Anchor(
              Integer.parseInt(display.getPrefix()), text(display.getTextElement(), language)));
    }
    List<Section> sections = new ArrayList<>();
    for (Scale scale : Scale.values()) {
      QuestionnaireItemComponent group = group(questionnaire, scale.code());
      Map<String, String> texts = new HashMap<>();
      group
          .getItem()
          .forEach(item -> texts.put(item.getLinkId(), text(item.getTextElement(), language)));
      List<Statement> statements = new ArrayList<>();
      for (String linkId : scale.items()) {
        if (!texts.containsKey(linkId)) {
          throw new IllegalStateException(
              RESOURCE + ": group " + scale.code() + " lacks item " + linkId);
        }
        statements.add(new Statement(linkId, texts.get(linkId)));
      }
      sections.add(new Section(scale, text(group.getTextElement(), language), statements));
    }
    return new Form(
        language,
        text(questionnaire.getTitleElement(), language),
        text(group(questionnaire, ANCHORS).getTextElement(), language),
        anchors,
        sections);
  }

  private static QuestionnaireItemComponent group(Questionnaire questionnaire, String linkId) {
    return questionnaire.getItem().stream()
        .filter(item -> linkId.equals(item.getLinkId()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(RESOURCE + " has no group " + linkId));
  }

  /** The element's text in the language: its translation, else the English it is written in. */
  static String text(StringType element, String language) {
    return translation(element, language).orElse(element.getValue());
  }

  static Optional<String> translation(Element element, String language) {
    for (Extension translation : element.getExtensionsByUrl(TRANSLATION)) {
      Extension lang = translation.getExtensionByUrl("lang");
      Extension content = translation.getExtensionByUrl("content");
      if (lang != null
          && content != null
          && language.equals(lang.getValue().primitiveValue())
          && content.getValue() != null) {
        return Optional.of(content.getValue().primitiveValue());
      }
    }
    return Optional.empty();
  }

  /**
   * The questionnaire as a page shows it: the title, the instruction, the seven anchors and each
   * scale's statements, all in one language.
   */
  public record Form(
      String language,
      String title,
      String instruction,
      List<Anchor> anchors,
      List<Section> sections) {
    public Form {
      if (language == null || title == null || instruction == null) {
        throw new IllegalArgumentException("a form needs its language, title and instruction");
      }
      anchors = List.copyOf(anchors);
      sections = List.copyOf(sections);
      if (anchors.size() != Scale.MAX - Scale.MIN + 1) {
        throw new IllegalArgumentException(
            "a form names every value " + Scale.MIN + "–" + Scale.MAX + ": " + anchors);
      }
    }
  }

  /** One scale's group: its heading and statements in questionnaire order. */
  public record Section(Scale scale, String title, List<Statement> statements) {
    public Section {
      if (scale == null || title == null) {
        throw new IllegalArgumentException("a section needs its scale and title");
      }
      statements = List.copyOf(statements);
    }
  }

  /** One item: the {@code linkId} its answer goes back under, and what the patient reads. */
  public record Statement(String linkId, String text) {
    public Statement {
      if (linkId == null || linkId.isBlank() || text == null || text.isBlank()) {
        throw new IllegalArgumentException("statement " + linkId + " needs its linkId and text");
      }
    }
  }

  /** What one value of the 1–7 agreement scale means ("7", "Strongly agree"). */
  public record Anchor(int value, String label) {
    public Anchor {
      if (value < Scale.MIN || value > Scale.MAX || label == null || label.isBlank()) {
        throw new IllegalArgumentException(
            "anchor " + value + " must be " + Scale.MIN + "–" + Scale.MAX + " with a label");
      }
    }
  }
}
