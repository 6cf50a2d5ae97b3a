package org.cocare.rules.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.recommendation.EducationContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing, language choice, variant choice and audience of a small catalogue. */
class CatalogueTest {
  private static final String ITEMS =
      """
      # a comment
      item,format,serves,min_age,max_age,sex,source,reason
      walking,video,obesity diabetes,18,75,,Guideline A,Why walking
      pregnancy,article,pregnancy,,,female,Guideline B,Why pregnancy
      """;
  private static final String TEXTS =
      """
      item,language,title,summary,plain_title,plain_summary
      walking,en,Walking,Walk daily,Walk,Walk every day
      walking,zh-CN,走路,每天走路,走一走,每天走一走
      pregnancy,en,Pregnancy,Healthy pregnancy,,
      pregnancy,zh-CN,怀孕,健康孕期,,
      """;
  private static final Catalogue CATALOGUE = Catalogue.parse(ITEMS, TEXTS);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "null",
      value = {
        "zh-CN, zh-CN",
        "ZH-cn, zh-CN",
        "zh_CN, zh-CN",
        "zh, zh-CN",
        "zh-Hans, zh-CN",
        "zh-Hans-CN, zh-CN",
        "zh-TW, zh-CN",
        "en-US, en",
        "fr, en",
        "null, en",
        "'', en"
      })
  void languageFor_prefersThePatientsLanguage_elseTheDefault(String preferred, String chosen) {
    assertThat(CATALOGUE.languageFor(preferred, "en")).isEqualTo(chosen);
  }

  @Test
  void defaultLanguage_mustBeOffered() {
    assertThatThrownBy(() -> CATALOGUE.languageFor("zh-CN", "fr"))
        .hasMessageContaining("default education language fr is not offered");
  }

  @Test
  void content_isPlainOnlyWhenAskedAndTheItemHasIt() {
    assertThat(CATALOGUE.content("walking", "zh-CN", true))
        .isEqualTo(new EducationContent("walking", "zh-CN", "plain", "video", "走一走", "每天走一走"));
    assertThat(CATALOGUE.content("walking", "en", false))
        .isEqualTo(
            new EducationContent("walking", "en", "standard", "video", "Walking", "Walk daily"));
    assertThat(CATALOGUE.content("pregnancy", "en", true).variant()).isEqualTo("standard");
  }

  @Test
  void content_ofAnUnknownItemOrLanguage_isRefused() {
    assertThatThrownBy(() -> CATALOGUE.content("nope", "en", false))
        .hasMessageContaining("nope is not in the catalogue");
    assertThatThrownBy(() -> CATALOGUE.content("walking", "fr", false))
        .hasMessageContaining("not offered in fr");
  }

  @Test
  void items_carryTheirTopicsAndAudience() {
    EducationItem walking =
        CATALOGUE.items().stream().filter(i -> i.id().equals("walking")).findFirst().orElseThrow();

    assertThat(walking.serves()).containsExactlyInAnyOrder("obesity", "diabetes");
    assertThat(walking.recommendationCode()).isEqualTo("education-walking");
    assertThat(walking.format()).isEqualTo(EducationItem.Format.VIDEO);
    assertThat(walking.source()).isEqualTo("Guideline A");
  }

  @ParameterizedTest(name = "born {0}, as of 2025-06-15: {1}")
  @CsvSource({
    "2007-06-16, false", // 17 the day before the 18th birthday
    "2007-06-15, true", // 18 today
    "1950-06-16, true", // 74 until tomorrow... 75 is the last included year
    "1949-06-16, true", // 75
    "1949-06-15, false" // 76 today
  })
  void ageBand_includesBothEnds(LocalDate birthDate, boolean suits) {
    EducationItem walking =
        CATALOGUE.items().stream().filter(i -> i.id().equals("walking")).findFirst().orElseThrow();

    assertThat(walking.suits(patient(birthDate, "male", null), LocalDate.of(2025, 6, 15)))
        .isEqualTo(suits);
  }

  @Test
  void ageBand_excludesAnUnknownBirthDate_butAnOpenBandDoesNot() {
    LocalDate asOf = LocalDate.of(2025, 6, 15);
    EducationItem walking =
        CATALOGUE.items().stream().filter(i -> i.id().equals("walking")).findFirst().orElseThrow();
    EducationItem pregnancy =
        CATALOGUE.items().stream()
            .filter(i -> i.id().equals("pregnancy"))
            .findFirst()
            .orElseThrow();

    assertThat(walking.suits(patient(null, "female", null), asOf)).isFalse();
    assertThat(pregnancy.suits(patient(null, "female", null), asOf)).isTrue();
  }

  @Test
  void sex_matchesTheGenderOrTheUsCoreSexExtension() {
    LocalDate asOf = LocalDate.of(2025, 6, 15);
    EducationItem pregnancy =
        CATALOGUE.items().stream()
            .filter(i -> i.id().equals("pregnancy"))
            .findFirst()
            .orElseThrow();

    assertThat(pregnancy.suits(patient(LocalDate.of(1995, 1, 1), "female", null), asOf)).isTrue();
    assertThat(pregnancy.suits(patient(LocalDate.of(1995, 1, 1), "other", "248152002"), asOf))
        .isTrue();
    assertThat(pregnancy.suits(patient(LocalDate.of(1995, 1, 1), "male", null), asOf)).isFalse();
  }

  @Test
  void anItemWithoutItsChineseText_isRefusedNamingIt() {
    String texts =
        TEXTS
            .lines()
            .filter(l -> !l.startsWith("pregnancy,zh-CN"))
            .reduce("", (a, b) -> a + b + "\n");

    assertThatThrownBy(() -> Catalogue.parse(ITEMS, texts))
        .hasMessageContaining("catalogue item pregnancy has no text in [zh-CN]");
  }

  @Test
  void aPlainTitleWithoutAPlainSummary_isRefused() {
    String texts = TEXTS.replace("走一走,每天走一走", "走一走,");

    assertThatThrownBy(() -> Catalogue.parse(ITEMS, texts))
        .hasMessageContaining("walking/zh-CN has a plain title or summary without the other");
  }

  @Test
  void aPlainVariantInOneLanguageOnly_isRefused() {
    String texts = TEXTS.replace("走一走,每天走一走", ",");

    assertThatThrownBy(() -> Catalogue.parse(ITEMS, texts))
        .hasMessageContaining("walking has a plain variant in some languages, not all");
  }

  @Test
  void badItemRows_areRefusedNamingTheItem() {
    assertThatThrownBy(() -> Catalogue.parse(ITEMS.replace(",video,", ",podcast,"), TEXTS))
        .hasMessageContaining("catalogue item walking: format must be one of");
    assertThatThrownBy(() -> Catalogue.parse(ITEMS.replace(",female,", ",woman,"), TEXTS))
        .hasMessageContaining("catalogue item pregnancy: sex must be female, male or blank");
    assertThatThrownBy(() -> Catalogue.parse(ITEMS.replace(",18,75,", ",80,75,"), TEXTS))
        .hasMessageContaining("min_age 80 above max_age 75");
    assertThatThrownBy(() -> Catalogue.parse(ITEMS.replace(",obesity diabetes,", ",,"), TEXTS))
        .hasMessageContaining("walking must serve a topic");
    assertThatThrownBy(() -> Catalogue.parse(ITEMS.replace("Guideline A", ""), TEXTS))
        .hasMessageContaining("walking needs a source and a reason");
  }

  @Test
  void textsOfAnUnknownItem_orTwice_areRefused() {
    assertThatThrownBy(() -> Catalogue.parse(ITEMS, TEXTS + "running,en,Run,Run fast,,\n"))
        .hasMessageContaining("catalogue text for unknown item running");
    assertThatThrownBy(() -> Catalogue.parse(ITEMS, TEXTS + "walking,en,Walk,Again,,\n"))
        .hasMessageContaining("walking/en is listed twice");
  }

  @Test
  void wrongColumns_areRefusedNamingTheExpectedOnes() {
    assertThatThrownBy(() -> Catalogue.parse(ITEMS.replace("reason", "why"), TEXTS))
        .hasMessageContaining("catalogue items must have the columns");
  }

  private static PatientFact patient(LocalDate birthDate, String gender, String sex) {
    return new PatientFact("p", birthDate, gender, null, false, sex);
  }
}
