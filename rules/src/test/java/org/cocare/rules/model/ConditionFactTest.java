package org.cocare.rules.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionFactTest {

  @ParameterizedTest(name = "clinical {0}, verification {1}, abated {2}: active {3}")
  @CsvSource(
      nullValues = "-",
      value = {
        "active,     confirmed,        -,          true",
        "recurrence, -,                -,          true",
        "relapse,    unconfirmed,      -,          true",
        "active,     -,                2024-01-01, true", // a stated status wins over abatement
        "inactive,   confirmed,        -,          false",
        "remission,  confirmed,        -,          false",
        "resolved,   confirmed,        -,          false",
        "-,          -,                -,          true", // no status, not abated
        "-,          confirmed,        2024-01-01, false", // no status, abated
        "active,     refuted,          -,          false",
        "active,     entered-in-error, -,          false",
        "-,          refuted,          -,          false",
        "recurrence, entered-in-error, -,          false",
      })
  void isActive_followsClinicalAndVerificationStatus(
      String clinicalStatus, String verificationStatus, LocalDate abatement, boolean active) {
    ConditionFact condition =
        new ConditionFact(
            "c", List.of(), Set.of(), clinicalStatus, verificationStatus, null, abatement, null);

    assertThat(condition.isActive()).isEqualTo(active);
  }

  @Test
  void reference_namesTheResource() {
    ConditionFact condition =
        new ConditionFact("dm-1", null, null, "active", null, null, null, null);

    assertThat(condition.reference()).isEqualTo("Condition/dm-1");
    assertThat(condition.codes()).isEmpty();
    assertThat(condition.inValueSet("urn:any")).isFalse();
  }

  @Test
  void blankId_isRefused() {
    assertThatThrownBy(() -> new ConditionFact(" ", null, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Condition");
  }
}
