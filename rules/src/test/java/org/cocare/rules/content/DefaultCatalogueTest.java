package org.cocare.rules.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.cocare.rules.RuleHarness;
import org.cocare.rules.recommendation.EducationContent;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;
import org.cocare.rules.ruleset.RuleSet;
import org.junit.jupiter.api.Test;

/**
 * The shipped catalogue: the items the issue asks for, each in English and Simplified Chinese, and
 * each reachable: a topic no rule finds would be an item no patient ever receives.
 */
class DefaultCatalogueTest {
  private static final RuleSet RULE_SET = RuleSet.loadDefault();
  private static final Catalogue CATALOGUE = RULE_SET.catalogue();
  private static final Pattern FINDING_TOPIC = Pattern.compile("new Finding\\(\"([^\"]+)\"");

  @Test
  void offersEveryItemInEnglishAndSimplifiedChinese() {
    assertThat(CATALOGUE.languages()).containsExactlyInAnyOrder("en", "zh-CN");
    for (EducationItem item : CATALOGUE.items()) {
      EducationContent english = CATALOGUE.content(item.id(), "en", false);
      EducationContent chinese = CATALOGUE.content(item.id(), "zh-CN", false);
      assertThat(chinese.title())
          .as("Chinese title of %s", item.id())
          .isNotEqualTo(english.title());
      assertThat(chinese.title() + chinese.summary())
          .as("Chinese text of %s", item.id())
          .containsPattern("\\p{IsHan}");
    }
  }

  @Test
  void servesTheDiagnosesAndSituationsOfTheIssue() {
    Set<String> topics = new TreeSet<>();
    CATALOGUE.items().forEach(item -> topics.addAll(item.serves()));

    assertThat(CATALOGUE.items()).hasSizeGreaterThanOrEqualTo(14);
    assertThat(topics)
        .contains(
            "diabetes",
            "hypertension",
            "heart-failure",
            "copd",
            "asthma",
            "chronic-kidney-disease",
            "obesity",
            "smoking",
            "surgery-recent",
            "pregnancy",
            "depression",
            "cancer",
            "screening-colorectal");
    assertThat(CATALOGUE.items().stream().filter(i -> i.servesTopic("diabetes")).map(i -> i.id()))
        .contains("diabetes-diet", "diabetes-foot-care", "diabetes-glucose-monitoring");
    assertThat(CATALOGUE.items().stream().map(EducationItem::format))
        .contains(
            EducationItem.Format.ARTICLE,
            EducationItem.Format.VIDEO,
            EducationItem.Format.DECISION_AID,
            EducationItem.Format.GROUP_INVITATION);
  }

  @Test
  void everyTopicAnItemServes_isFoundByARule() {
    Set<String> found = new TreeSet<>();
    RULE_SET
        .drlFiles()
        .values()
        .forEach(drl -> FINDING_TOPIC.matcher(drl).results().forEach(m -> found.add(m.group(1))));

    for (EducationItem item : CATALOGUE.items()) {
      assertThat(found)
          .as("topics found by rules, for item %s", item.id())
          .containsAll(item.serves());
    }
  }

  @Test
  void everyItemHasAPlainVariant_inEveryLanguage() {
    for (EducationItem item : CATALOGUE.items()) {
      for (String language : CATALOGUE.languages()) {
        assertThat(CATALOGUE.content(item.id(), language, true).variant())
            .as("plain variant of %s/%s", item.id(), language)
            .isEqualTo(EducationContent.PLAIN);
      }
    }
  }

  @Test
  void educationTheRulesIssue_carriesItsCatalogueText() {
    List<Object> diabetic =
        List.of(
            RuleHarness.patient("p", LocalDate.of(1985, 4, 10)),
            RuleHarness.condition("dm", RuleHarness.SNOMED, "44054006", "active", "confirmed"));

    List<Recommendation> education =
        RuleHarness.evaluate(LocalDate.of(2025, 6, 15), diabetic).recommendations().stream()
            .filter(r -> r.kind() == Kind.EDUCATION)
            .toList();

    assertThat(education).isNotEmpty();
    assertThat(education)
        .allSatisfy(
            r -> {
              assertThat(r.content().item()).isEqualTo(r.catalogueItem());
              assertThat(r.content()).isEqualTo(CATALOGUE.content(r.catalogueItem(), "en", false));
              assertThat(r.guideline())
                  .isEqualTo(
                      CATALOGUE.items().stream()
                          .filter(i -> i.id().equals(r.catalogueItem()))
                          .findFirst()
                          .orElseThrow()
                          .source());
            });
  }
}
