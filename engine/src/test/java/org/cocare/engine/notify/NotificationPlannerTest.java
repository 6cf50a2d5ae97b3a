package org.cocare.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.cocare.engine.notify.NotificationPlanner.Decision;
import org.cocare.engine.notify.NotificationPlanner.Item;
import org.cocare.engine.notify.NotificationPlanner.Message;
import org.cocare.engine.notify.NotificationPlanner.Outcome;
import org.cocare.engine.notify.NotificationPlanner.Plan;
import org.cocare.engine.outcome.OutcomeEvent;
import org.cocare.engine.outcome.OutcomeKind;
import org.cocare.fhir.outreach.Channel;
import org.cocare.fhir.outreach.OutreachProfile;
import org.cocare.fhir.outreach.OutreachProfile.ContactPoint;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Priority;
import org.cocare.rules.recommendation.Recommendation;
import org.junit.jupiter.api.Test;

class NotificationPlannerTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** 10:00 in Shanghai: outside quiet hours. */
  static final Instant MORNING = Instant.parse("2026-11-30T02:00:00Z");

  /** 23:00 in Shanghai: inside quiet hours (22:00 to 08:00). */
  static final Instant NIGHT = Instant.parse("2026-11-30T15:00:00Z");

  static final LocalDate DUE = LocalDate.of(2026, 12, 30);

  static final Map<Kind, Duration> RENOTIFY =
      Map.of(
          Kind.EDUCATION, Duration.ofDays(180),
          Kind.SCREENING_REMINDER, Duration.ofDays(30),
          Kind.FOLLOW_UP_TASK, Duration.ofDays(2));

  static NotificationPolicy policy(int cap, Map<String, Double> holdout) {
    return new NotificationPolicy(LocalTime.of(22, 0), LocalTime.of(8, 0), cap, RENOTIFY, holdout);
  }

  static NotificationPlanner planner(NotificationPolicy policy, Instant now) {
    return new NotificationPlanner(
        policy,
        Clock.fixed(now, ZoneOffset.UTC),
        tag -> tag != null && tag.startsWith("zh") ? "zh-CN" : "en");
  }

  static OutreachProfile profile(String id, boolean refused, ContactPoint... contacts) {
    return new OutreachProfile(id, List.of(contacts), "zh-CN", SHANGHAI, refused, false);
  }

  static final ContactPoint EMAIL = new ContactPoint(Channel.EMAIL, "li@example.org", 1);
  static final ContactPoint SMS = new ContactPoint(Channel.SMS, "+8613800000000", 2);

  static Item colorectal() {
    return new Item(
        "r-colorectal",
        Recommendation.screening(
            "screening-colorectal", "screening-colorectal", "USPSTF", "due", List.of(), DUE),
        null);
  }

  static Item decisionAid() {
    return new Item(
        "r-aid",
        Recommendation.education(
            "education-colorectal-screening-decision-aid",
            "education-from-catalogue",
            "USPSTF",
            "why",
            List.of(),
            DUE,
            "colorectal-screening-decision-aid"),
        null);
  }

  static Item urgentFollowUp() {
    return new Item(
        "r-bp",
        Recommendation.followUp(
            "follow-up-severe-bp",
            "follow-up-severe-bp",
            "ACC/AHA",
            "very high reading",
            List.of(),
            DUE,
            Priority.URGENT),
        null);
  }

  static Outcome outcomeOf(Plan plan, String id) {
    return plan.decisions().stream()
        .filter(d -> d.recommendationId().equals(id))
        .map(Decision::outcome)
        .findFirst()
        .orElseThrow();
  }

  static String reasonOf(Plan plan, String id) {
    return plan.decisions().stream()
        .filter(d -> d.recommendationId().equals(id))
        .map(Decision::reason)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void chinesePatientWithEmail_getsOneChineseEmailBundlingBothItems_andThePortalCopy() {
    Plan plan =
        planner(policy(3, Map.of()), MORNING)
            .plan(profile("li", false, SMS, EMAIL), List.of(colorectal(), decisionAid()), 0);

    assertThat(plan.messages())
        .extracting(Message::channel)
        .containsExactlyInAnyOrder(Channel.EMAIL, Channel.PORTAL);
    Message email =
        plan.messages().stream()
            .filter(m -> m.channel() == Channel.EMAIL)
            .findFirst()
            .orElseThrow();
    assertThat(email.address()).isEqualTo("li@example.org");
    assertThat(email.language()).isEqualTo("zh-CN");
    assertThat(email.recommendationIds()).containsExactly("r-colorectal", "r-aid");
    assertThat(email.notBefore()).isEqualTo(MORNING);
    assertThat(plan.decisions()).extracting(Decision::outcome).containsOnly(Outcome.PLANNED);
  }

  @Test
  void theDecisionAidGoesWithItsReminderInOnePlaceUnderTheCap_whileAnotherReminderWaits() {
    NotificationPlanner planner =
        new NotificationPlanner(
            policy(1, Map.of()),
            Clock.fixed(MORNING, ZoneOffset.UTC),
            tag -> "zh-CN",
            item ->
                item.equals("colorectal-screening-decision-aid")
                    ? Set.of("screening-colorectal")
                    : Set.of());

    Plan plan =
        planner.plan(profile("li", false, EMAIL), List.of(decisionAid(), hcv(), colorectal()), 0);

    assertThat(outcomeOf(plan, "r-colorectal")).isEqualTo(Outcome.PLANNED);
    assertThat(outcomeOf(plan, "r-aid")).isEqualTo(Outcome.PLANNED);
    assertThat(outcomeOf(plan, "r-hcv")).isEqualTo(Outcome.WITHHELD);
    assertThat(plan.messages().get(0).recommendationIds())
        .containsExactlyInAnyOrder("r-colorectal", "r-aid");
  }

  @Test
  void withoutItsReminderTheDecisionAidCompetesForAPlaceLikeAnyItem() {
    NotificationPlanner planner =
        new NotificationPlanner(
            policy(1, Map.of()),
            Clock.fixed(MORNING, ZoneOffset.UTC),
            tag -> "en",
            item -> Set.of("screening-colorectal"));

    Plan plan = planner.plan(profile("li", false, EMAIL), List.of(decisionAid(), hcv()), 0);

    assertThat(outcomeOf(plan, "r-hcv")).isEqualTo(Outcome.PLANNED);
    assertThat(outcomeOf(plan, "r-aid")).isEqualTo(Outcome.WITHHELD);
    assertThat(reasonOf(plan, "r-aid")).startsWith("weekly cap: 1 items");
  }

  static Item hcv() {
    return new Item(
        "r-hcv",
        Recommendation.screening(
            "screening-hcv", "uspstf-hcv", "USPSTF", "due", List.of(), DUE.plusDays(1)),
        null);
  }

  @Test
  void smsOnlyPatient_isReachedBySms() {
    Plan plan =
        planner(policy(3, Map.of()), MORNING)
            .plan(
                profile("wang", false, new ContactPoint(Channel.SMS, "+861", null)),
                List.of(colorectal()),
                0);

    assertThat(plan.messages())
        .extracting(Message::channel)
        .containsExactlyInAnyOrder(Channel.SMS, Channel.PORTAL);
  }

  @Test
  void refusedOutreach_withholdsRoutineItems_butNotUrgentOnes() {
    Plan plan =
        planner(policy(3, Map.of()), MORNING)
            .plan(profile("li", true, EMAIL), List.of(colorectal(), urgentFollowUp()), 0);

    assertThat(outcomeOf(plan, "r-colorectal")).isEqualTo(Outcome.WITHHELD);
    assertThat(reasonOf(plan, "r-colorectal")).startsWith("consent");
    assertThat(outcomeOf(plan, "r-bp")).isEqualTo(Outcome.PLANNED);
    assertThat(plan.messages())
        .allSatisfy(m -> assertThat(m.recommendationIds()).containsExactly("r-bp"));
  }

  @Test
  void deceasedPatient_isSentNothing_notEvenUrgentItems_andIsInNoHoldoutArm() {
    OutreachProfile deceased =
        new OutreachProfile("li", List.of(EMAIL, SMS), "zh-CN", SHANGHAI, false, true);

    Plan plan =
        planner(policy(3, Map.of()), MORNING)
            .plan(deceased, List.of(colorectal(), urgentFollowUp()), 0);

    assertThat(plan.messages()).isEmpty();
    assertThat(plan.decisions())
        .extracting(Decision::outcome, Decision::reason)
        .containsOnly(tuple(Outcome.WITHHELD, NotificationPlanner.DECEASED));
    assertThat(plan.decisions()).hasSize(2);
  }

  @Test
  void quietHours_deferRoutineItemsToEightInThePatientsZone_urgentOnesGoNow() {
    Plan plan =
        planner(policy(3, Map.of()), NIGHT)
            .plan(profile("li", false, EMAIL), List.of(colorectal(), urgentFollowUp()), 0);

    Instant eightInShanghai = Instant.parse("2026-12-01T00:00:00Z");
    assertThat(plan.messages())
        .filteredOn(m -> m.recommendationIds().contains("r-colorectal"))
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.notBefore()).isEqualTo(eightInShanghai));
    assertThat(plan.messages())
        .filteredOn(m -> m.recommendationIds().contains("r-bp"))
        .isNotEmpty()
        .allSatisfy(
            m -> {
              assertThat(m.notBefore()).isEqualTo(NIGHT);
              assertThat(m.urgent()).isTrue();
            });
    assertThat(reasonOf(plan, "r-colorectal")).startsWith("quiet hours until 08:00");
  }

  @Test
  void weeklyCap_keepsTheMostImportantItems_andSaysWhyTheRestWait() {
    Plan plan =
        planner(policy(3, Map.of()), MORNING)
            .plan(
                profile("li", false, EMAIL),
                List.of(decisionAid(), colorectal(), urgentFollowUp()),
                2);

    assertThat(outcomeOf(plan, "r-bp")).isEqualTo(Outcome.PLANNED);
    assertThat(outcomeOf(plan, "r-colorectal")).isEqualTo(Outcome.WITHHELD);
    assertThat(outcomeOf(plan, "r-aid")).isEqualTo(Outcome.WITHHELD);
    assertThat(reasonOf(plan, "r-aid"))
        .startsWith("weekly cap: 3 items in seven days, 2 already sent");
  }

  @Test
  void weeklyCap_neverHoldsBackAnUrgentItem_evenWhenTheWeekIsFull() {
    Plan plan =
        planner(policy(3, Map.of()), MORNING)
            .plan(profile("li", false, EMAIL), List.of(colorectal(), urgentFollowUp()), 5);

    assertThat(outcomeOf(plan, "r-bp")).isEqualTo(Outcome.PLANNED);
    assertThat(reasonOf(plan, "r-bp")).isEqualTo("urgent: now");
    assertThat(outcomeOf(plan, "r-colorectal")).isEqualTo(Outcome.WITHHELD);
    assertThat(plan.messages()).allMatch(Message::urgent);
  }

  @Test
  void sameItemWithinItsInterval_waits_andAfterItGoes() {
    Item told10DaysAgo =
        new Item("r-colorectal", colorectal().recommendation(), MORNING.minus(Duration.ofDays(10)));
    Item told31DaysAgo =
        new Item("r-colorectal", colorectal().recommendation(), MORNING.minus(Duration.ofDays(31)));
    NotificationPlanner planner = planner(policy(3, Map.of()), MORNING);

    assertThat(
            outcomeOf(
                planner.plan(profile("li", false, EMAIL), List.of(told10DaysAgo), 0),
                "r-colorectal"))
        .isEqualTo(Outcome.ALREADY_ANNOUNCED);
    assertThat(
            outcomeOf(
                planner.plan(profile("li", false, EMAIL), List.of(told31DaysAgo), 0),
                "r-colorectal"))
        .isEqualTo(Outcome.PLANNED);
  }

  @Test
  void holdout_isDeterministicPerPatientAndRule_andNearTheConfiguredFraction() {
    NotificationPlanner planner = planner(policy(3, Map.of("screening-colorectal", 0.2)), MORNING);
    List<String> patients = IntStream.range(0, 2000).mapToObj(i -> "patient-" + i).toList();

    long heldOut =
        patients.stream()
            .filter(
                p ->
                    outcomeOf(
                            planner.plan(profile(p, false, EMAIL), List.of(colorectal()), 0),
                            "r-colorectal")
                        == Outcome.HELD_OUT)
            .count();
    // 2000 draws at p = 0.2: mean 400, standard deviation about 18; 4.5 sigma either side.
    assertThat(heldOut).isBetween(320L, 480L);
    assertThat(patients)
        .allSatisfy(
            p ->
                assertThat(Holdout.isHeldOut(p, "screening-colorectal", 0.2))
                    .isEqualTo(Holdout.isHeldOut(p, "screening-colorectal", 0.2)));
    Plan heldOutPlan =
        planner.plan(
            profile(
                patients.stream()
                    .filter(p -> Holdout.isHeldOut(p, "screening-colorectal", 0.2))
                    .findFirst()
                    .orElseThrow(),
                false,
                EMAIL),
            List.of(colorectal(), decisionAid()),
            0);
    assertThat(heldOutPlan.messages())
        .allSatisfy(m -> assertThat(m.recommendationIds()).containsExactly("r-aid"));
    assertThat(reasonOf(heldOutPlan, "r-colorectal")).contains("20 % held out");
  }

  @Test
  void holdoutOfOneRule_isIndependentOfAnother() {
    List<String> patients = IntStream.range(0, 2000).mapToObj(i -> "patient-" + i).toList();

    long both =
        patients.stream()
            .filter(p -> Holdout.isHeldOut(p, "rule-a", 0.5) && Holdout.isHeldOut(p, "rule-b", 0.5))
            .count();

    // Independent halves overlap on about a quarter: 500, standard deviation about 19.
    assertThat(both).isBetween(420L, 580L);
  }

  static Item answered(Item item, PatientHold hold) {
    return new Item(item.recommendationId(), item.recommendation(), item.lastNotified(), hold);
  }

  @Test
  void declinedItem_isNeverAnnouncedAgain_butAnUrgentOneStillGoes_otherItemsToo() {
    PatientHold declined = new PatientHold(PatientHold.Answer.DECLINED, null);

    Plan plan =
        planner(policy(3, Map.of()), MORNING)
            .plan(
                profile("li", false, EMAIL),
                List.of(
                    answered(colorectal(), declined),
                    answered(urgentFollowUp(), declined),
                    decisionAid()),
                0);

    assertThat(outcomeOf(plan, "r-colorectal")).isEqualTo(Outcome.WITHHELD);
    assertThat(reasonOf(plan, "r-colorectal")).startsWith("patient answered not for me");
    // An urgent item stays open while the danger lasts; a new crisis must not go unsaid because
    // the patient once declined it (as with a refusing Consent or an opt-out).
    assertThat(outcomeOf(plan, "r-bp")).isEqualTo(Outcome.PLANNED);
    assertThat(plan.messages())
        .extracting(Message::recommendationIds)
        .contains(List.of("r-bp"), List.of("r-aid"));
  }

  @Test
  void reportedDoneItem_isNotRemindedWhileOpen_evenLongAfterItsInterval() {
    Item toldLongAgo =
        new Item(
            "r-colorectal",
            colorectal().recommendation(),
            MORNING.minus(Duration.ofDays(400)),
            new PatientHold(PatientHold.Answer.REPORTED_DONE, null));

    Plan plan =
        planner(policy(3, Map.of()), MORNING)
            .plan(profile("li", false, EMAIL), List.of(toldLongAgo), 0);

    assertThat(outcomeOf(plan, "r-colorectal")).isEqualTo(Outcome.WITHHELD);
    assertThat(reasonOf(plan, "r-colorectal")).startsWith("patient reported it done");
    assertThat(plan.messages()).isEmpty();
  }

  @Test
  void snoozedItem_waitsUntilTheSnoozeDayStartsInThePatientsZone_thenGoes() {
    // MORNING is 10:00 on 30 November in Shanghai; a snooze until 1 December ends at its midnight
    // there, 16:00 UTC on 30 November.
    Item snoozed =
        answered(
            colorectal(), new PatientHold(PatientHold.Answer.SNOOZED, LocalDate.of(2026, 12, 1)));
    OutreachProfile li = profile("li", false, EMAIL);

    Plan before = planner(policy(3, Map.of()), MORNING).plan(li, List.of(snoozed), 0);
    Plan justBefore =
        planner(policy(3, Map.of()), Instant.parse("2026-11-30T15:59:59Z"))
            .plan(li, List.of(snoozed), 0);
    Plan after =
        planner(policy(3, Map.of()), Instant.parse("2026-12-01T02:00:00Z"))
            .plan(li, List.of(snoozed), 0);

    assertThat(outcomeOf(before, "r-colorectal")).isEqualTo(Outcome.WITHHELD);
    assertThat(reasonOf(before, "r-colorectal"))
        .isEqualTo("patient asked to be reminded later: not before 2026-12-01");
    assertThat(before.messages()).isEmpty();
    assertThat(outcomeOf(justBefore, "r-colorectal")).isEqualTo(Outcome.WITHHELD);
    assertThat(outcomeOf(after, "r-colorectal")).isEqualTo(Outcome.PLANNED);
    assertThat(after.messages()).isNotEmpty();
  }

  @Test
  void optedOutPatient_getsOnlyUrgentItems_withTheOptOutNamedAsTheReason() {
    Plan plan =
        planner(policy(3, Map.of()), MORNING)
            .plan(
                profile("li", false, EMAIL),
                "unsubscribe link",
                List.of(colorectal(), decisionAid(), urgentFollowUp()),
                0);

    assertThat(outcomeOf(plan, "r-colorectal")).isEqualTo(Outcome.WITHHELD);
    assertThat(reasonOf(plan, "r-aid"))
        .isEqualTo("patient opted out (unsubscribe link); only urgent items are sent");
    assertThat(outcomeOf(plan, "r-bp")).isEqualTo(Outcome.PLANNED);
    assertThat(plan.messages())
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.recommendationIds()).containsExactly("r-bp"));
  }

  @Test
  void latestAnswerCounts_aSnoozeAfterADeclineEndsTheRefusal() {
    Recommendation screening = colorectal().recommendation();
    List<OutcomeEvent> timeline =
        List.of(
            event(screening, OutcomeKind.DECLINED, 1, "reason=other"),
            event(screening, OutcomeKind.RATED, 2, "rating=2"),
            event(screening, OutcomeKind.SNOOZED, 3, "until=2026-12-24"));

    assertThat(PatientHold.latest(timeline))
        .containsEntry(
            "r-colorectal",
            new PatientHold(PatientHold.Answer.SNOOZED, LocalDate.of(2026, 12, 24)));
    assertThat(PatientHold.latest(timeline.subList(0, 2)))
        .containsEntry("r-colorectal", new PatientHold(PatientHold.Answer.DECLINED, null));
  }

  static OutcomeEvent event(Recommendation r, OutcomeKind kind, int day, String detail) {
    return new OutcomeEvent(
        "e" + day,
        "r-colorectal",
        "li",
        kind,
        MORNING.minus(Duration.ofDays(10 - day)),
        r.ruleId(),
        r.code(),
        r.measure(),
        r.kind(),
        "cocare-default@1",
        null,
        null,
        detail);
  }

  @Test
  void policy_refusesAHoldoutOfOneOrMore_andAMissingInterval() {
    assertThatThrownBy(() -> policy(3, Map.of("x", 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holdout of x");
    assertThatThrownBy(
            () ->
                new NotificationPolicy(
                    LocalTime.of(22, 0), LocalTime.of(8, 0), 3, Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no re-notify interval");
  }
}
