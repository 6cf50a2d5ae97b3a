package org.cocare.rules.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.ruleset.Csv;

/**
 * What a patient reads about a screening reminder or a follow-up (education items carry their
 * catalogue content instead): a title and a short text per recommendation code and language, in
 * plain words, from {@code notice-texts.csv}. A code without texts is announced with its kind's
 * generic texts, so a new rule never sends the clinician's reason to a patient. Every row must
 * exist in English and Simplified Chinese; parsing fails otherwise.
 */
public final class NoticeTexts {
  static final String RESOURCE = "notice-texts.csv";
  static final List<String> COLUMNS = List.of("code", "language", "title", "text");
  static final Set<String> LANGUAGES = Set.of("en", "zh-CN");
  private static final String FALLBACK_LANGUAGE = "en";
  private static final String KIND_PREFIX = "kind:";

  /** A notice as the patient reads it. */
  public record NoticeText(String title, String text) {}

  private final Map<String, Map<String, NoticeText>> texts;

  private NoticeTexts(Map<String, Map<String, NoticeText>> texts) {
    this.texts = texts;
  }

  /** The texts shipped with Cocare. */
  public static NoticeTexts shipped() {
    try (InputStream in = NoticeTexts.class.getResourceAsStream(RESOURCE)) {
      Objects.requireNonNull(in, RESOURCE + " is missing from the classpath");
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses and checks a notice-texts table: its columns, languages and completeness. */
  public static NoticeTexts parse(String csv) {
    Csv table = Csv.parse(csv);
    if (!table.header().equals(COLUMNS)) {
      throw new IllegalArgumentException(
          RESOURCE + " line " + table.headerLine() + ": columns must be " + COLUMNS);
    }
    Map<String, Map<String, NoticeText>> texts = new HashMap<>();
    for (int i = 0; i < table.rows().size(); i++) {
      List<String> row = table.rows().get(i);
      String code = table.cell(row, "code");
      String language = table.cell(row, "language");
      if (!LANGUAGES.contains(language)) {
        throw new IllegalArgumentException(
            RESOURCE + " line " + table.lines().get(i) + ": language must be one of " + LANGUAGES);
      }
      NoticeText text = new NoticeText(table.cell(row, "title"), table.cell(row, "text"));
      if (text.title().isBlank() || text.text().isBlank()) {
        throw new IllegalArgumentException(
            RESOURCE + " line " + table.lines().get(i) + ": title and text are required");
      }
      texts.computeIfAbsent(code, c -> new HashMap<>()).put(language, text);
    }
    texts.forEach(
        (code, byLanguage) -> {
          if (!byLanguage.keySet().equals(LANGUAGES)) {
            throw new IllegalArgumentException(
                RESOURCE + ": " + code + " needs a row in each of " + LANGUAGES);
          }
        });
    for (Kind kind : Kind.values()) {
      if (!texts.containsKey(KIND_PREFIX + kind.code())) {
        throw new IllegalArgumentException(
            RESOURCE + ": the generic texts " + KIND_PREFIX + kind.code() + " are missing");
      }
    }
    return new NoticeTexts(Map.copyOf(texts));
  }

  /**
   * The texts for a recommendation code in a language (English where the language is not offered),
   * or its kind's generic texts where the code has none.
   */
  public NoticeText of(String code, Kind kind, String language) {
    Map<String, NoticeText> byLanguage =
        texts.getOrDefault(code, texts.get(KIND_PREFIX + kind.code()));
    return byLanguage.getOrDefault(language, byLanguage.get(FALLBACK_LANGUAGE));
  }
}
