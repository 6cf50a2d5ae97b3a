package org.cocare.rules.content;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cocare.rules.recommendation.EducationContent;
import org.cocare.rules.ruleset.Csv;

/**
 * The content catalogue of a rule set: its education items (who each serves, see {@link
 * EducationItem}) and their texts, every item in every offered language, standard and optionally
 * plain. Parsing checks the whole catalogue, so a gap (an item without its Chinese text, a plain
 * title without a plain summary) fails when the rule set is compiled, not when a patient would have
 * been sent nothing.
 */
public final class Catalogue {
  static final List<String> ITEM_COLUMNS =
      List.of("item", "format", "serves", "min_age", "max_age", "sex", "source", "reason");
  static final List<String> TEXT_COLUMNS =
      List.of("item", "language", "title", "summary", "plain_title", "plain_summary");

  private static final Catalogue EMPTY = new Catalogue(Map.of(), Map.of(), Set.of());

  private final Map<String, EducationItem> items;
  private final List<EducationItem> itemList;
  private final Map<String, Map<String, Text>> texts;
  private final Set<String> languages;

  private record Text(String title, String summary, String plainTitle, String plainSummary) {
    boolean hasPlain() {
      return !plainTitle.isBlank();
    }
  }

  private Catalogue(
      Map<String, EducationItem> items,
      Map<String, Map<String, Text>> texts,
      Set<String> languages) {
    this.items = items;
    this.itemList = List.copyOf(items.values());
    this.texts = texts;
    this.languages = languages;
  }

  /** A catalogue without items, for rule sets that send no education. */
  public static Catalogue empty() {
    return EMPTY;
  }

  /**
   * Parses the items CSV (columns {@link #ITEM_COLUMNS}) and the texts CSV (columns {@link
   * #TEXT_COLUMNS}); fails naming the item and what is wrong with it.
   */
  public static Catalogue parse(String itemsCsv, String textsCsv) {
    Csv itemRows = Csv.parse(itemsCsv);
    Csv textRows = Csv.parse(textsCsv);
    requireHeader("items", itemRows, ITEM_COLUMNS);
    requireHeader("texts", textRows, TEXT_COLUMNS);

    Map<String, EducationItem> items = new LinkedHashMap<>();
    for (List<String> row : itemRows.rows()) {
      EducationItem item = item(itemRows, row);
      if (items.put(item.id(), item) != null) {
        throw new IllegalArgumentException("catalogue item " + item.id() + " is listed twice");
      }
    }

    Map<String, Map<String, Text>> texts = new LinkedHashMap<>();
    Set<String> languages = new LinkedHashSet<>();
    for (List<String> row : textRows.rows()) {
      String item = textRows.cell(row, "item");
      String language = textRows.cell(row, "language");
      if (!items.containsKey(item)) {
        throw new IllegalArgumentException("catalogue text for unknown item " + item);
      }
      if (Locale.forLanguageTag(language).getLanguage().isEmpty()) {
        throw new IllegalArgumentException(
            "catalogue text of " + item + " has no valid language tag: '" + language + "'");
      }
      Text text =
          new Text(
              textRows.cell(row, "title").strip(),
              textRows.cell(row, "summary").strip(),
              textRows.cell(row, "plain_title").strip(),
              textRows.cell(row, "plain_summary").strip());
      if (text.title().isEmpty() || text.summary().isEmpty()) {
        throw new IllegalArgumentException(
            "catalogue text of " + item + "/" + language + " needs a title and a summary");
      }
      if (text.plainTitle().isEmpty() != text.plainSummary().isEmpty()) {
        throw new IllegalArgumentException(
            "catalogue text of "
                + item
                + "/"
                + language
                + " has a plain title or summary without the other");
      }
      if (texts.computeIfAbsent(item, k -> new LinkedHashMap<>()).put(language, text) != null) {
        throw new IllegalArgumentException(
            "catalogue text of " + item + "/" + language + " is listed twice");
      }
      languages.add(language);
    }
    for (String item : items.keySet()) {
      Set<String> has = texts.getOrDefault(item, Map.of()).keySet();
      if (!has.equals(languages)) {
        Set<String> missing = new LinkedHashSet<>(languages);
        missing.removeAll(has);
        throw new IllegalArgumentException(
            "catalogue item " + item + " has no text in " + (has.isEmpty() ? languages : missing));
      }
      boolean plainSomewhere = texts.get(item).values().stream().anyMatch(Text::hasPlain);
      boolean plainEverywhere = texts.get(item).values().stream().allMatch(Text::hasPlain);
      if (plainSomewhere && !plainEverywhere) {
        throw new IllegalArgumentException(
            "catalogue item " + item + " has a plain variant in some languages, not all");
      }
    }
    return new Catalogue(
        java.util.Collections.unmodifiableMap(items), texts, Set.copyOf(languages));
  }

  /**
   * Every item in catalogue order, as facts for the education rules (built once, not per firing).
   */
  public List<EducationItem> items() {
    return itemList;
  }

  /** The topics the item serves; empty for an item not in the catalogue. */
  public Set<String> topicsOf(String itemId) {
    EducationItem item = items.get(itemId);
    return item == null ? Set.of() : item.serves();
  }

  /** The languages every item is offered in. */
  public Set<String> languages() {
    return languages;
  }

  /**
   * The offered language for a patient whose preferred language tag is {@code preferred}: the
   * offered tag equal to it (ignoring case, {@code _} read as {@code -}), else the first offered
   * tag of the same language (so {@code zh}, {@code zh-Hans} and {@code zh-TW} read zh-CN and
   * {@code en-US} reads en), else {@code defaultLanguage}, which must be offered.
   */
  public String languageFor(String preferred, String defaultLanguage) {
    requireOffered(defaultLanguage);
    if (preferred == null || preferred.isBlank()) {
      return defaultLanguage;
    }
    String tag = preferred.strip().replace('_', '-');
    for (String offered : languages) {
      if (offered.equalsIgnoreCase(tag)) {
        return offered;
      }
    }
    String wanted = Locale.forLanguageTag(tag).getLanguage();
    return languages.stream()
        .filter(offered -> !wanted.isEmpty())
        .filter(offered -> Locale.forLanguageTag(offered).getLanguage().equals(wanted))
        .sorted()
        .findFirst()
        .orElse(defaultLanguage);
  }

  /**
   * Fails unless {@code defaultLanguage} is offered (any language will do for an empty catalogue).
   */
  public void requireOffered(String defaultLanguage) {
    if (!languages.isEmpty() && !languages.contains(defaultLanguage)) {
      throw new IllegalArgumentException(
          "default education language " + defaultLanguage + " is not offered: " + languages);
    }
  }

  /**
   * The item's content in {@code language} (an offered one): the plain variant when {@code plain}
   * and the item has one, else the standard text.
   */
  public EducationContent content(String itemId, String language, boolean plain) {
    EducationItem item = items.get(itemId);
    if (item == null) {
      throw new IllegalArgumentException("education item " + itemId + " is not in the catalogue");
    }
    Text text = texts.get(itemId).get(language);
    if (text == null) {
      throw new IllegalArgumentException(
          "education item " + itemId + " is not offered in " + language + ": " + languages);
    }
    boolean usePlain = plain && text.hasPlain();
    return new EducationContent(
        itemId,
        language,
        usePlain ? EducationContent.PLAIN : EducationContent.STANDARD,
        item.format().code(),
        usePlain ? text.plainTitle() : text.title(),
        usePlain ? text.plainSummary() : text.summary());
  }

  private static EducationItem item(Csv csv, List<String> row) {
    String id = csv.cell(row, "item");
    try {
      return new EducationItem(
          id,
          EducationItem.Format.of(csv.cell(row, "format").strip()),
          Arrays.stream(csv.cell(row, "serves").split("\\s+"))
              .filter(s -> !s.isEmpty())
              .collect(Collectors.toSet()),
          age(csv.cell(row, "min_age")),
          age(csv.cell(row, "max_age")),
          EducationItem.Sex.of(csv.cell(row, "sex")),
          csv.cell(row, "source").strip(),
          csv.cell(row, "reason").strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("catalogue item " + id + ": " + e.getMessage(), e);
    }
  }

  private static Integer age(String cell) {
    if (cell.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(cell.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("age must be a whole number, was '" + cell + "'", e);
    }
  }

  private static void requireHeader(String what, Csv csv, List<String> columns) {
    if (!csv.header().equals(columns)) {
      throw new IllegalArgumentException(
          "catalogue " + what + " must have the columns " + columns + ", has " + csv.header());
    }
  }

  /** For messages: the item ids. */
  @Override
  public String toString() {
    return "Catalogue" + new ArrayList<>(items.keySet());
  }
}
