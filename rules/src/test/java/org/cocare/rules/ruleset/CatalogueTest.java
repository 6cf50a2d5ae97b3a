package org.cocare.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.cocare.rules.RuleHarness;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;
import org.junit.jupiter.api.Test;

/**
 * The content catalogue must hold, in every language the service offers, each item an education
 * rule can name: a missing row surfaces only when a patient would have been sent nothing.
 */
class CatalogueTest {
  private static final Set<String> LANGUAGES = Set.of("en", "zh-CN");
  private static final String EDUCATION_CALL = "Recommendation.education(";

  private static final Csv CATALOGUE =
      Csv.parse(RuleSet.loadDefault().file(RuleSet.CATALOGUE_FILE));

  /** Item id to the rows (language, title, summary) that hold it. */
  private static final Map<String, Map<String, List<String>>> BY_ITEM = byItem();

  @Test
  void catalogue_hasItsDocumentedColumns() {
    assertThat(CATALOGUE.header()).containsExactly("item", "language", "title", "summary");
    assertThat(CATALOGUE.rows()).isNotEmpty();
  }

  @Test
  void everyItemNamedByAnEducationRule_existsInEveryLanguageWithText() {
    Set<String> named = catalogueItemsNamedInDrl();

    assertThat(named).contains("diabetes-self-management");
    for (String item : named) {
      assertThat(BY_ITEM).as("catalogue items").containsKey(item);
      assertThat(BY_ITEM.get(item).keySet()).as("languages of %s", item).containsAll(LANGUAGES);
      BY_ITEM
          .get(item)
          .forEach(
              (language, row) -> {
                assertThat(CATALOGUE.cell(row, "title"))
                    .as("title of %s/%s", item, language)
                    .isNotBlank();
                assertThat(CATALOGUE.cell(row, "summary"))
                    .as("summary of %s/%s", item, language)
                    .isNotBlank();
              });
    }
  }

  @Test
  void everyItemInTheCatalogue_hasExactlyTheOfferedLanguagesOnce() {
    Map<String, List<String>> languagesByItem = new HashMap<>();
    CATALOGUE
        .rows()
        .forEach(
            row ->
                languagesByItem
                    .computeIfAbsent(CATALOGUE.cell(row, "item"), k -> new ArrayList<>())
                    .add(CATALOGUE.cell(row, "language")));

    languagesByItem.forEach(
        (item, languages) ->
            assertThat(languages)
                .as("languages of %s", item)
                .containsExactlyInAnyOrderElementsOf(LANGUAGES));
  }

  @Test
  void educationTheRulesIssue_namesACatalogueItem() {
    List<Object> diabetic =
        List.of(
            RuleHarness.patient("p", LocalDate.of(1985, 4, 10)),
            RuleHarness.condition("dm", RuleHarness.SNOMED, "44054006", "active", "confirmed"));

    List<Recommendation> education =
        RuleHarness.evaluate(LocalDate.of(2025, 6, 15), diabetic).recommendations().stream()
            .filter(r -> r.kind() == Kind.EDUCATION)
            .toList();

    assertThat(education).isNotEmpty();
    assertThat(education).allSatisfy(r -> assertThat(BY_ITEM).containsKey(r.catalogueItem()));
  }

  /**
   * The last argument of every {@code Recommendation.education(...)} call in the DRL, which must be
   * a string literal: an item chosen at run time could not be checked here.
   */
  private static Set<String> catalogueItemsNamedInDrl() {
    Set<String> items = new TreeSet<>();
    for (String drl : RuleSet.loadDefault().drlFiles().values()) {
      int from = 0;
      while ((from = drl.indexOf(EDUCATION_CALL, from)) >= 0) {
        List<String> arguments = arguments(drl, from + EDUCATION_CALL.length());
        String last = arguments.get(arguments.size() - 1).strip();
        assertThat(last).as("catalogue item argument").matches("\"[^\"]+\"");
        items.add(last.substring(1, last.length() - 1));
        from += EDUCATION_CALL.length();
      }
    }
    return items;
  }

  /** Top-level arguments of a call whose opening parenthesis ends just before {@code start}. */
  private static List<String> arguments(String text, int start) {
    List<String> arguments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          current.append(c).append(text.charAt(++i));
          continue;
        }
        inString = c != '"';
      } else if (c == '"') {
        inString = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && depth == 0) {
        arguments.add(current.toString());
        return arguments;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        arguments.add(current.toString());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    throw new IllegalStateException("unclosed call at " + start);
  }

  private static Map<String, Map<String, List<String>>> byItem() {
    return CATALOGUE.rows().stream()
        .collect(
            Collectors.groupingBy(
                row -> CATALOGUE.cell(row, "item"),
                Collectors.toMap(row -> CATALOGUE.cell(row, "language"), row -> row)));
  }
}
