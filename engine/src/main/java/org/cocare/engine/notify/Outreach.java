package org.cocare.engine.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.cocare.engine.notify.NotificationPlanner.Decision;
import org.cocare.engine.notify.NotificationPlanner.Item;
import org.cocare.engine.notify.NotificationPlanner.Plan;
import org.cocare.engine.outcome.OutcomeEvent;
import org.cocare.engine.outcome.OutcomeKind;
import org.cocare.engine.outcome.OutcomeStore;
import org.cocare.engine.recommendation.RecommendationLifecycle;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.fhir.outreach.OutreachProfile;
import org.cocare.fhir.outreach.OutreachProfiles;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.hl7.fhir.r4.model.Resource;

/**
 * Plans a patient's notifications right after their recommendations were reconciled, in the same
 * transaction: the outbox rows are written with the recommendations they announce, so a crash
 * leaves both or neither. The planner is told what the patient said: their latest answer per item
 * (from the outcome timeline) and a standing opt-out. Each decision is recorded as an outcome event
 * (planned, held out, withheld with its reason) — once: the same decision for the same item is not
 * recorded again at every later evaluation, and an item already announced within its interval
 * records nothing.
 */
public final class Outreach {
  private static final Duration WEEK = Duration.ofDays(7);

  /** The timeline events planning reads: the patient's answers and the earlier decisions. */
  private static final Set<OutcomeKind> READ = EnumSet.copyOf(PatientHold.ANSWERS);

  static {
    READ.addAll(List.of(OutcomeKind.PLANNED, OutcomeKind.HELD_OUT, OutcomeKind.WITHHELD));
  }

  private final NotificationPlanner planner;
  private final NotificationStore notifications;
  private final RecommendationStore recommendations;
  private final RecommendationLifecycle lifecycle;
  private final OutcomeStore outcomes;
  private final OptOutStore optOuts;
  private final ZoneId defaultZone;

  /**
   * @param defaultZone the zone of quiet hours for a patient whose record names none
   */
  public Outreach(
      NotificationPlanner planner,
      NotificationStore notifications,
      RecommendationStore recommendations,
      RecommendationLifecycle lifecycle,
      OutcomeStore outcomes,
      OptOutStore optOuts,
      ZoneId defaultZone) {
    this.planner = planner;
    this.notifications = notifications;
    this.recommendations = recommendations;
    this.lifecycle = lifecycle;
    this.outcomes = outcomes;
    this.optOuts = optOuts;
    this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
  }

  /** Plans and stores the patient's notifications as of {@code now}; how many were written. */
  public int plan(String patientId, List<Resource> record, Instant now) {
    OutreachProfile profile = OutreachProfiles.of(patientId, record, defaultZone, now);
    if (profile.deceased()) {
      // Planned before the death was recorded (held for quiet hours, awaiting a retry): none goes.
      notifications.cancelPlanned(patientId, NotificationPlanner.DECEASED, true);
    }
    Map<String, Instant> announced = notifications.lastAnnounced(patientId);
    List<OutcomeEvent> timeline = outcomes.timeline(patientId, READ);
    Map<String, PatientHold> holds = PatientHold.latest(timeline);
    Map<String, IssuedRecommendation> issued = new HashMap<>();
    List<Item> open = new ArrayList<>();
    for (IssuedRecommendation r : recommendations.open(patientId)) {
      issued.put(r.id(), r);
      open.add(new Item(r.id(), r.recommendation(), announced.get(r.id()), holds.get(r.id())));
    }
    if (open.isEmpty()) {
      return 0;
    }
    String optedOut = optOuts.find(patientId).map(o -> o.source().description()).orElse(null);
    Plan plan =
        planner.plan(
            profile, optedOut, open, notifications.itemsAnnouncedSince(patientId, now.minus(WEEK)));
    plan.messages()
        .forEach(
            m ->
                notifications.insert(
                    Notification.planned(UUID.randomUUID().toString(), patientId, m, now)));
    Map<String, OutcomeEvent> lastDecision = lastDecisions(timeline);
    for (Decision decision : plan.decisions()) {
      OutcomeKind kind = kind(decision.outcome());
      if (kind == null) {
        continue;
      }
      // A planned item is in a message written just now: always news (a re-notification after its
      // interval too). A withheld or held-out item is only news when the decision changed.
      OutcomeEvent last = lastDecision.get(decision.recommendationId());
      boolean same =
          kind != OutcomeKind.PLANNED
              && last != null
              && last.kind() == kind
              && Objects.equals(last.detail(), decision.reason());
      if (!same) {
        lifecycle.record(issued.get(decision.recommendationId()), kind, now, decision.reason());
      }
    }
    return plan.messages().size();
  }

  private static Map<String, OutcomeEvent> lastDecisions(List<OutcomeEvent> timeline) {
    Map<String, OutcomeEvent> last = new HashMap<>();
    for (OutcomeEvent event : timeline) {
      if (event.kind() == OutcomeKind.PLANNED
          || event.kind() == OutcomeKind.HELD_OUT
          || event.kind() == OutcomeKind.WITHHELD) {
        last.put(event.recommendationId(), event);
      }
    }
    return last;
  }

  private static OutcomeKind kind(NotificationPlanner.Outcome outcome) {
    return switch (outcome) {
      case PLANNED -> OutcomeKind.PLANNED;
      case HELD_OUT -> OutcomeKind.HELD_OUT;
      case WITHHELD -> OutcomeKind.WITHHELD;
      case ALREADY_ANNOUNCED -> null;
    };
  }
}
