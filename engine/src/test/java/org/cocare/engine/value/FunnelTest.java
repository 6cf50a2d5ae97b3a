package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cocare.engine.value.FunnelReport.Group;
import org.cocare.engine.value.FunnelReport.StageFigure;
import org.cocare.fhir.value.PatientTraits;
import org.junit.jupiter.api.Test;

/**
 * Wilson intervals checked against Newcombe (1998, Stat Med 17:857, table I: 1/29, 0/20 and 29/29,
 * to the four decimals printed); the others worked by hand from Wilson's formula.
 */
class FunnelTest {
  private static final double PRINTED = 0.00005;

  /**
   * 29 notified: all sent, 28 delivered, 10 opened, 5 acknowledged, 1 (acknowledged) completed; 20
   * held out, none sent or completed.
   */
  private static List<FollowedRecommendation> twoCohorts() {
    List<FollowedRecommendation> recs = new ArrayList<>();
    for (int i = 0; i < 29; i++) {
      Followed r = Followed.rec().patient("n" + i).reached(Stage.SENT);
      if (i < 28) {
        r.reached(Stage.DELIVERED);
      }
      if (i < 10) {
        r.reached(Stage.OPENED);
      }
      if (i < 5) {
        r.reached(Stage.ACKNOWLEDGED);
      }
      if (i == 0) {
        r.completedAfter(12);
      }
      recs.add(r.build());
    }
    for (int i = 0; i < 20; i++) {
      recs.add(Followed.rec().patient("h" + i).heldOut().build());
    }
    return recs;
  }

  @Test
  void countsAndRatesOfIssued_perStage_withWilsonIntervals() {
    FunnelReport report = Funnel.of(twoCohorts(), Map.of(), ValueFilter.ALL, Dimension.COHORT);

    Group notified = report.groups().get(0);
    assertThat(notified.name()).isEqualTo("intervention");
    assertThat(notified.issued()).isEqualTo(29);
    assertThat(notified.stages())
        .extracting(StageFigure::count)
        .containsExactly(29L, 29L, 28L, 10L, 5L, 1L);
    Interval completed = notified.stage(Stage.COMPLETED).ofIssued();
    assertThat(completed.estimate()).isCloseTo(1.0 / 29, within(1e-12));
    assertThat(completed.lower()).isCloseTo(0.0061, within(PRINTED));
    assertThat(completed.upper()).isCloseTo(0.1718, within(PRINTED));
    Interval delivered = notified.stage(Stage.DELIVERED).ofIssued();
    assertThat(delivered.lower()).isCloseTo(1 - 0.1718, within(PRINTED));
    assertThat(delivered.upper()).isCloseTo(1 - 0.0061, within(PRINTED));
    Interval issued = notified.stage(Stage.ISSUED).ofIssued();
    assertThat(issued.estimate()).isEqualTo(1.0);
    assertThat(issued.lower()).isCloseTo(0.8830, within(PRINTED));
  }

  @Test
  void conversion_isTheShareOfThoseAtTheStageBefore() {
    Group notified =
        Funnel.of(twoCohorts(), Map.of(), ValueFilter.ALL, Dimension.COHORT).groups().get(0);

    assertThat(notified.stage(Stage.ISSUED).conversion()).isNull();
    FunnelReport.Conversion opened = notified.stage(Stage.OPENED).conversion();
    assertThat(opened.from()).isEqualTo(Stage.DELIVERED);
    assertThat(opened.reachedFrom()).isEqualTo(28);
    assertThat(opened.reachedBoth()).isEqualTo(10);
    FunnelReport.Conversion completed = notified.stage(Stage.COMPLETED).conversion();
    assertThat(completed.reachedFrom()).isEqualTo(5);
    assertThat(completed.rate().estimate()).isCloseTo(0.2, within(1e-12));
    assertThat(completed.rate().lower()).isCloseTo(0.036224, within(1e-6));
    assertThat(completed.rate().upper()).isCloseTo(0.624465, within(1e-6));
  }

  @Test
  void heldOut_neverSent_hasNoConversionPastIssued() {
    Group heldOut =
        Funnel.of(twoCohorts(), Map.of(), ValueFilter.ALL, Dimension.COHORT).groups().get(1);

    assertThat(heldOut.name()).isEqualTo("control");
    FunnelReport.Conversion sent = heldOut.stage(Stage.SENT).conversion();
    assertThat(sent.reachedFrom()).isEqualTo(20);
    assertThat(sent.rate().lower()).isZero();
    assertThat(sent.rate().upper()).isCloseTo(0.1611, within(PRINTED));
    assertThat(heldOut.stage(Stage.DELIVERED).conversion().reachedFrom()).isZero();
    assertThat(heldOut.stage(Stage.DELIVERED).conversion().rate()).isNull();
    assertThat(heldOut.stage(Stage.COMPLETED).conversion().rate()).isNull();
  }

  @Test
  void completedWithoutAcknowledging_countsAtCompletedButNotInTheConversion() {
    List<FollowedRecommendation> recs =
        List.of(
            Followed.rec()
                .reached(Stage.SENT, Stage.OPENED, Stage.ACKNOWLEDGED)
                .completedAfter(3)
                .build(),
            Followed.rec().reached(Stage.SENT, Stage.OPENED, Stage.ACKNOWLEDGED).build(),
            Followed.rec().channel("portal").completedAfter(8).build(),
            Followed.rec().build());

    Group all = Funnel.of(recs, Map.of(), ValueFilter.ALL, Dimension.ALL).groups().get(0);

    assertThat(all.name()).isEqualTo("all");
    StageFigure completed = all.stage(Stage.COMPLETED);
    assertThat(completed.count()).isEqualTo(2);
    assertThat(completed.ofIssued().estimate()).isEqualTo(0.5);
    assertThat(completed.conversion().reachedFrom()).isEqualTo(2);
    assertThat(completed.conversion().reachedBoth()).isEqualTo(1);
    assertThat(all.stage(Stage.DELIVERED).count()).isZero();
    assertThat(all.stage(Stage.OPENED).conversion().rate()).isNull();
  }

  @Test
  void groups_largestFirst_thenByName_withUnannouncedAsNotStated() {
    List<FollowedRecommendation> recs =
        List.of(
            Followed.rec().channel("sms").build(),
            Followed.rec().channel("sms").build(),
            Followed.rec().channel("email").build(),
            Followed.rec().channel("email").build(),
            Followed.rec().heldOut().build(),
            Followed.rec().heldOut().build(),
            Followed.rec().heldOut().build(),
            Followed.rec().channel("portal").build());

    FunnelReport report = Funnel.of(recs, Map.of(), ValueFilter.ALL, Dimension.CHANNEL);

    assertThat(report.dimension()).isEqualTo(Dimension.CHANNEL);
    assertThat(report.groups())
        .extracting(Group::name, Group::issued)
        .containsExactly(
            tuple("not stated", 3L), tuple("email", 2L), tuple("sms", 2L), tuple("portal", 1L));
  }

  @Test
  void patientWithoutTraits_isCountedAsNotStated_butMatchesNoTraitFilter() {
    List<FollowedRecommendation> recs =
        List.of(
            Followed.rec().patient("known").build(),
            Followed.rec().patient("known").rule("r2").build(),
            Followed.rec().patient("absent").build());
    Map<String, PatientTraits> traits =
        Map.of("known", new PatientTraits("known", 70, "female", null, null, null));
    ValueFilter women =
        new ValueFilter(
            null, null, null, null, null, null, null, null, null, "female", null, null, null);

    FunnelReport byGender = Funnel.of(recs, traits, ValueFilter.ALL, Dimension.GENDER);
    FunnelReport onlyWomen = Funnel.of(recs, traits, women, Dimension.ALL);

    assertThat(byGender.groups()).extracting(Group::name).containsExactly("female", "not stated");
    assertThat(onlyWomen.groups()).singleElement().extracting(Group::issued).isEqualTo(2L);
  }

  @Test
  void period_includesItsStart_andExcludesItsEnd() {
    Instant from = Instant.parse("2025-01-01T00:00:00Z");
    Instant to = Instant.parse("2025-02-01T00:00:00Z");
    List<FollowedRecommendation> recs =
        List.of(
            Followed.rec().issuedAt(from).build(),
            Followed.rec().issuedAt(to.minusSeconds(1)).build(),
            Followed.rec().issuedAt(to).build(),
            Followed.rec().issuedAt(from.minusSeconds(1)).build());
    ValueFilter january =
        new ValueFilter(from, to, null, null, null, null, null, null, null, null, null, null, null);

    assertThat(Funnel.of(recs, Map.of(), january, Dimension.ALL).groups())
        .singleElement()
        .extracting(Group::issued)
        .isEqualTo(2L);
  }

  @Test
  void nothingCovered_hasNoGroups() {
    ValueFilter otherRule =
        new ValueFilter(
            null, null, "r9", null, null, null, null, null, null, null, null, null, null);

    assertThat(Funnel.of(twoCohorts(), Map.of(), otherRule, Dimension.RULE).groups()).isEmpty();
  }
}
