package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cocare.fhir.value.PatientTraits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DimensionTest {
  private static final PatientTraits KNOWN =
      new PatientTraits("p1", 52, "female", "tertiary", "diabetes", "endocrinology");
  private static final PatientTraits UNKNOWN = PatientTraits.unknown("p1");
  private static final FollowedRecommendation NOTIFIED =
      Followed.rec().channel("sms").reached(Stage.SENT).build();
  private static final FollowedRecommendation HELD_OUT =
      Followed.rec().heldOut().configuration(null).measure(null).build();

  @ParameterizedTest
  @CsvSource({
    "ALL, all",
    "RULE, r1",
    "CODE, c1",
    "MEASURE, m1",
    "KIND, screening-reminder",
    "CHANNEL, sms",
    "LANGUAGE, en",
    "CONFIGURATION, chain",
    "COHORT, intervention",
    "AGE_BAND, 50-64",
    "GENDER, female",
    "EDUCATION, tertiary",
    "VISIT_REASON, diabetes",
    "DEPARTMENT, endocrinology"
  })
  void statedFieldOrTrait_isTheGroup(Dimension dimension, String group) {
    assertThat(dimension.groupOf(NOTIFIED, KNOWN)).isEqualTo(group);
  }

  @ParameterizedTest
  @EnumSource(
      value = Dimension.class,
      names = {
        "MEASURE",
        "CHANNEL",
        "LANGUAGE",
        "CONFIGURATION",
        "AGE_BAND",
        "GENDER",
        "EDUCATION",
        "VISIT_REASON",
        "DEPARTMENT"
      })
  void unstatedFieldOrTrait_fallsInNotStated(Dimension dimension) {
    assertThat(dimension.groupOf(HELD_OUT, UNKNOWN)).isEqualTo(Dimension.NOT_STATED);
  }

  @Test
  void heldOut_isTheControlCohort() {
    assertThat(Dimension.COHORT.groupOf(HELD_OUT, UNKNOWN)).isEqualTo("control");
  }

  @Test
  void blankTrait_fallsInNotStated() {
    PatientTraits blank = new PatientTraits("p1", 30, " ", null, "", null);

    assertThat(Dimension.GENDER.groupOf(NOTIFIED, blank)).isEqualTo(Dimension.NOT_STATED);
    assertThat(Dimension.VISIT_REASON.groupOf(NOTIFIED, blank)).isEqualTo(Dimension.NOT_STATED);
  }

  @ParameterizedTest
  @EnumSource(Dimension.class)
  void everyCode_readsBackAsItsDimension(Dimension dimension) {
    assertThat(Dimension.fromCode(dimension.code())).isEqualTo(dimension);
    assertThat(dimension.code()).matches("[a-z]+(-[a-z]+)*");
  }

  @Test
  void codes_areKebabCase() {
    assertThat(Dimension.AGE_BAND.code()).isEqualTo("age-band");
    assertThat(Dimension.VISIT_REASON.code()).isEqualTo("visit-reason");
  }

  @Test
  void unknownCode_isRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> Dimension.fromCode("ageband"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown dimension: ageband")
        .hasMessageContaining(
            "known: all, rule, code, measure, kind, channel, language, configuration, cohort,"
                + " age-band, gender, education, visit-reason, department");
  }
}
