package org.cocare.rules.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RecommendationTest {
  private static final LocalDate DUE = LocalDate.of(2025, 7, 15);
  private static final List<String> EVIDENCE = List.of("Patient/p");

  private static Recommendation build(
      String code,
      Kind kind,
      String measure,
      String guideline,
      LocalDate due,
      Priority priority,
      String catalogueItem) {
    return new Recommendation(
        code,
        kind,
        measure,
        guideline,
        "rule-1",
        "why",
        EVIDENCE,
        due,
        priority,
        catalogueItem,
        null);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\t"})
  void blankCode_isRefused(String code) {
    assertThatThrownBy(
            () -> build(code, Kind.SCREENING_REMINDER, null, "g", DUE, Priority.ROUTINE, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("code");
  }

  @Test
  void missingKind_isRefusedNamingTheCode() {
    assertThatThrownBy(() -> build("screening-x", null, null, "g", DUE, Priority.ROUTINE, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("screening-x")
        .hasMessageContaining("kind");
  }

  @Test
  void neitherMeasureNorGuideline_isRefused() {
    assertThatThrownBy(
            () ->
                build(
                    "screening-x", Kind.SCREENING_REMINDER, " ", null, DUE, Priority.ROUTINE, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("screening-x")
        .hasMessageContaining("measure or guideline");
  }

  @Test
  void measureWithoutGuideline_isAccepted() {
    Recommendation r =
        build("screening-x", Kind.SCREENING_REMINDER, "CMS130", null, DUE, Priority.ROUTINE, null);

    assertThat(r.measure()).isEqualTo("CMS130");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = " ")
  void educationWithoutCatalogueItem_isRefused(String catalogueItem) {
    assertThatThrownBy(
            () ->
                build(
                    "education-x", Kind.EDUCATION, null, "g", DUE, Priority.ROUTINE, catalogueItem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("education-x")
        .hasMessageContaining("catalogue item");
  }

  @Test
  void nullDue_isRefusedNamingTheCode() {
    assertThatThrownBy(
            () ->
                build(
                    "screening-x",
                    Kind.SCREENING_REMINDER,
                    null,
                    "g",
                    null,
                    Priority.ROUTINE,
                    null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("screening-x")
        .hasMessageContaining("due date");
  }

  @Test
  void nullPriority_isRefused() {
    assertThatThrownBy(
            () -> build("screening-x", Kind.SCREENING_REMINDER, null, "g", DUE, null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("priority");
  }

  @Test
  void blankRuleIdOrReason_isRefused() {
    assertThatThrownBy(
            () ->
                new Recommendation(
                    "c",
                    Kind.SCREENING_REMINDER,
                    null,
                    "g",
                    " ",
                    "why",
                    EVIDENCE,
                    DUE,
                    Priority.ROUTINE,
                    null,
                    null))
        .hasMessageContaining("ruleId");
    assertThatThrownBy(
            () ->
                new Recommendation(
                    "c",
                    Kind.SCREENING_REMINDER,
                    null,
                    "g",
                    "r",
                    "",
                    EVIDENCE,
                    DUE,
                    Priority.ROUTINE,
                    null,
                    null))
        .hasMessageContaining("reason");
  }

  @Test
  void evidence_isCopiedSoTheCallerCannotChangeIt() {
    List<String> evidence = new ArrayList<>(List.of("Condition/1"));
    Recommendation r = Recommendation.screening("screening-x", "rule-1", "g", "why", evidence, DUE);

    evidence.add("Condition/2");

    assertThat(r.evidence()).containsExactly("Condition/1");
    assertThatThrownBy(() -> r.evidence().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void factories_setKindPriorityAndCatalogueItem() {
    Recommendation education =
        Recommendation.education("education-x", "r", "g", "why", EVIDENCE, DUE, "item-1");
    Recommendation screening =
        Recommendation.screening("screening-x", "r", "g", "why", EVIDENCE, DUE);
    Recommendation task =
        Recommendation.followUp("followup-x", "r", "g", "why", EVIDENCE, DUE, Priority.URGENT);

    assertThat(education.kind()).isEqualTo(Kind.EDUCATION);
    assertThat(education.priority()).isEqualTo(Priority.ROUTINE);
    assertThat(education.catalogueItem()).isEqualTo("item-1");
    assertThat(screening.kind()).isEqualTo(Kind.SCREENING_REMINDER);
    assertThat(screening.priority()).isEqualTo(Priority.ROUTINE);
    assertThat(screening.catalogueItem()).isNull();
    assertThat(task.kind()).isEqualTo(Kind.FOLLOW_UP_TASK);
    assertThat(task.priority()).isEqualTo(Priority.URGENT);
  }

  @Test
  void kindAndPriorityCodes_roundTripAndRefuseUnknown() {
    for (Kind kind : Kind.values()) {
      assertThat(Kind.fromCode(kind.code())).isEqualTo(kind);
    }
    for (Priority priority : Priority.values()) {
      assertThat(Priority.fromCode(priority.code())).isEqualTo(priority);
    }
    assertThat(Kind.SCREENING_REMINDER.code()).isEqualTo("screening-reminder");
    assertThat(Priority.URGENT.code()).isEqualTo("urgent");
    assertThatThrownBy(() -> Kind.fromCode("SCREENING_REMINDER")).hasMessageContaining("kind");
    assertThatThrownBy(() -> Priority.fromCode("high")).hasMessageContaining("high");
  }
}
