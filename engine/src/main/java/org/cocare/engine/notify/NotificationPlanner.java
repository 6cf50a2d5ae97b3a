package org.cocare.engine.notify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.cocare.fhir.outreach.Channel;
import org.cocare.fhir.outreach.OutreachProfile;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;

/**
 * Plans what one patient is told about their open recommendations, now. In this order:
 *
 * <ol>
 *   <li><b>holdout</b>: an item whose rule holds this patient out is recorded, never sent;
 *   <li><b>the patient's answer</b>: an item they declined is never announced again, one they
 *       reported done not while it stays open, one they snoozed not before the snooze ends;
 *   <li><b>consent</b>: when outreach is refused (a Consent denies it, or the patient opted out
 *       through an unsubscribe link or the portal), only urgent items go;
 *   <li><b>no repeats</b>: an item mentioned within its kind's re-notify interval waits;
 *   <li><b>weekly cap</b>: at most {@code weeklyCap} items in any seven days, counting those
 *       already sent; urgent items always go (and count); when it bites, follow-ups come first,
 *       then screening, education (earliest due first within each); an education item that explains
 *       a reminder going now (the decision aid of colorectal screening) goes with it in its place;
 *   <li><b>quiet hours</b> in the patient's zone: what is not urgent waits until they end.
 * </ol>
 *
 * What remains is bundled: one message for the urgent items, sent now, and one for the rest, each
 * to the patient's best-ranked email or SMS contact and always to the portal inbox, in the
 * patient's language as far as it is offered. Every item gets a decision saying what happened to it
 * and why, so that what was withheld can be recorded as well as what was sent.
 */
public final class NotificationPlanner {

  private static final Comparator<Item> BY_IMPORTANCE =
      Comparator.comparing(Item::recommendation, Importance.ORDER);

  private final NotificationPolicy policy;
  private final Clock clock;
  private final Function<String, String> language;
  private final Function<String, Set<String>> topics;

  /** A planner without companions: every item takes its own place under the cap. */
  public NotificationPlanner(
      NotificationPolicy policy, Clock clock, Function<String, String> language) {
    this(policy, clock, language, item -> Set.of());
  }

  /**
   * @param language the language a message is written in for a patient's preferred tag (null when
   *     none): the catalogue's choice, e.g. {@code zh-Hans} to {@code zh-CN}, else its default
   * @param topics the topics a catalogue item serves, by item id (empty for an unknown item): an
   *     education item serving the code of a reminder planned with it is that reminder's companion
   */
  public NotificationPlanner(
      NotificationPolicy policy,
      Clock clock,
      Function<String, String> language,
      Function<String, Set<String>> topics) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.language = Objects.requireNonNull(language, "language");
    this.topics = Objects.requireNonNull(topics, "topics");
  }

  /**
   * An open recommendation, when the patient was last told about it (null: never), and the
   * patient's latest answer that holds its notices back (null: none).
   */
  public record Item(
      String recommendationId,
      Recommendation recommendation,
      Instant lastNotified,
      PatientHold hold) {
    public Item {
      Objects.requireNonNull(recommendationId, "recommendationId");
      Objects.requireNonNull(recommendation, "recommendation");
    }

    /** An item the patient has not answered. */
    public Item(String recommendationId, Recommendation recommendation, Instant lastNotified) {
      this(recommendationId, recommendation, lastNotified, null);
    }

    boolean urgent() {
      return recommendation.urgent();
    }
  }

  /** What happened to one item, and why. */
  public record Decision(String recommendationId, Outcome outcome, String reason) {}

  public enum Outcome {
    /** In a message; {@code reason} says when it goes if not now. */
    PLANNED,
    /** In the rule's control group: recorded, never sent. */
    HELD_OUT,
    /** Not sent now: the patient's answer, consent or opt-out, or the weekly cap. */
    WITHHELD,
    /** Announced within its kind's re-notify interval already: nothing new to decide. */
    ALREADY_ANNOUNCED
  }

  /** One message: where, in which language, which items, and not before when. */
  public record Message(
      Channel channel,
      String address,
      String language,
      List<String> recommendationIds,
      Instant notBefore,
      boolean urgent) {
    public Message {
      recommendationIds = List.copyOf(recommendationIds);
    }
  }

  public record Plan(List<Message> messages, List<Decision> decisions) {
    public Plan {
      messages = List.copyOf(messages);
      decisions = List.copyOf(decisions);
    }
  }

  /**
   * The reason recorded for every item of a patient whose record says they died: nothing is sent,
   * urgent or not, on any channel (the care team's tasks are not notifications and stay open).
   */
  public static final String DECEASED = "the patient's record says they died: nothing is sent";

  /** The reason recorded for items withheld because the patient opted out ({@code how}). */
  public static String optedOutReason(String how) {
    return "patient opted out (" + how + "); only urgent items are sent";
  }

  /**
   * Plans for a patient who has not opted out themselves.
   *
   * @param sentInLastWeek how many items the patient was told about in the seven days before now
   */
  public Plan plan(OutreachProfile profile, List<Item> open, int sentInLastWeek) {
    return plan(profile, null, open, sentInLastWeek);
  }

  /**
   * @param optedOut how the patient opted out of outreach themselves (e.g. {@code unsubscribe
   *     link}), null when they have not: then, as under a refusing Consent, only urgent items go
   * @param sentInLastWeek how many items the patient was told about in the seven days before now
   */
  public Plan plan(OutreachProfile profile, String optedOut, List<Item> open, int sentInLastWeek) {
    Instant now = clock.instant();
    List<Decision> decisions = new ArrayList<>();
    List<Item> candidates = new ArrayList<>();
    for (Item item : open) {
      String rule = item.recommendation().ruleId();
      double fraction = policy.holdout(rule);
      if (profile.deceased()) {
        // Before the holdout draw: the patient is in neither arm of the uplift comparison.
        decisions.add(new Decision(item.recommendationId(), Outcome.WITHHELD, DECEASED));
      } else if (Holdout.isHeldOut(profile.patientId(), rule, fraction)) {
        decisions.add(
            new Decision(
                item.recommendationId(),
                Outcome.HELD_OUT,
                "control group of " + rule + " (" + Math.round(fraction * 100) + " % held out)"));
      } else if (heldByPatient(item, profile, now) != null) {
        decisions.add(
            new Decision(
                item.recommendationId(), Outcome.WITHHELD, heldByPatient(item, profile, now)));
      } else if (profile.outreachRefused() && !item.urgent()) {
        decisions.add(
            new Decision(
                item.recommendationId(),
                Outcome.WITHHELD,
                "consent: the patient refused outreach; only urgent items are sent"));
      } else if (optedOut != null && !item.urgent()) {
        decisions.add(
            new Decision(item.recommendationId(), Outcome.WITHHELD, optedOutReason(optedOut)));
      } else if (tooSoon(item, now)) {
        decisions.add(
            new Decision(
                item.recommendationId(),
                Outcome.ALREADY_ANNOUNCED,
                "too soon: mentioned "
                    + item.lastNotified()
                    + ", again after "
                    + policy.renotifyAfter().get(item.recommendation().kind()).toDays()
                    + " days"));
      } else {
        candidates.add(item);
      }
    }
    candidates.sort(BY_IMPORTANCE);
    Map<String, List<Item>> companions = companions(candidates);
    int slots = Math.max(0, policy.weeklyCap() - sentInLastWeek);
    List<Item> urgent = new ArrayList<>();
    List<Item> routine = new ArrayList<>();
    for (Item item : candidates) {
      List<Item> going = new ArrayList<>();
      going.add(item);
      going.addAll(companions.getOrDefault(item.recommendationId(), List.of()));
      // Urgent items count toward the cap but are never held by it: a patient told about three
      // routine things this week must still hear that a reading needs attention today.
      if (slots == 0 && !item.urgent()) {
        for (Item withheld : going) {
          decisions.add(
              new Decision(
                  withheld.recommendationId(),
                  Outcome.WITHHELD,
                  "weekly cap: "
                      + policy.weeklyCap()
                      + " items in seven days, "
                      + sentInLastWeek
                      + " already sent; more important items went first"));
        }
        continue;
      }
      slots = Math.max(0, slots - 1);
      (item.urgent() ? urgent : routine).addAll(going);
    }
    ZonedDateTime local = now.atZone(profile.zone());
    Instant routineAt =
        policy.isQuiet(local.toLocalTime()) ? endOfQuietHours(local).toInstant() : now;
    for (Item item : urgent) {
      decisions.add(new Decision(item.recommendationId(), Outcome.PLANNED, "urgent: now"));
    }
    for (Item item : routine) {
      decisions.add(
          new Decision(
              item.recommendationId(),
              Outcome.PLANNED,
              routineAt.equals(now)
                  ? "now"
                  : "quiet hours until " + policy.quietUntil() + " " + profile.zone() + ": later"));
    }
    List<Message> messages = new ArrayList<>();
    String written = language.apply(profile.language());
    addMessages(messages, profile, written, urgent, now, true);
    addMessages(messages, profile, written, routine, routineAt, false);
    return new Plan(messages, decisions);
  }

  private void addMessages(
      List<Message> messages,
      OutreachProfile profile,
      String written,
      List<Item> items,
      Instant notBefore,
      boolean urgent) {
    if (items.isEmpty()) {
      return;
    }
    List<String> ids = items.stream().map(Item::recommendationId).toList();
    profile
        .preferredContact()
        .ifPresent(
            c ->
                messages.add(
                    new Message(c.channel(), c.address(), written, ids, notBefore, urgent)));
    messages.add(new Message(Channel.PORTAL, profile.patientId(), written, ids, notBefore, urgent));
  }

  /**
   * Takes the companions out of {@code candidates}: an education item serving the code of another
   * candidate (the colorectal decision aid serves {@code screening-colorectal}) goes with that
   * candidate, in its message and its place under the cap, rather than competing with it. By the id
   * of the item each goes with.
   */
  private Map<String, List<Item>> companions(List<Item> candidates) {
    Map<String, List<Item>> companions = new HashMap<>();
    List<Item> leads =
        candidates.stream().filter(i -> i.recommendation().kind() != Kind.EDUCATION).toList();
    for (Iterator<Item> it = candidates.iterator(); it.hasNext(); ) {
      Item item = it.next();
      if (item.recommendation().kind() != Kind.EDUCATION) {
        continue;
      }
      Set<String> served = topics.apply(item.recommendation().catalogueItem());
      leads.stream()
          .filter(lead -> served.contains(lead.recommendation().code()))
          .findFirst()
          .ifPresent(
              lead -> {
                companions
                    .computeIfAbsent(lead.recommendationId(), id -> new ArrayList<>())
                    .add(item);
                it.remove();
              });
    }
    return companions;
  }

  /**
   * Why the patient's own answer holds the item back now, or null when it does not. Never an urgent
   * item: it stays open while the danger lasts, and a new crisis must not go unsaid because of an
   * earlier answer (a refusing Consent or an opt-out lets urgent items through too).
   */
  private static String heldByPatient(Item item, OutreachProfile profile, Instant now) {
    return item.hold() == null || item.urgent() ? null : item.hold().reasonAt(now, profile.zone());
  }

  private boolean tooSoon(Item item, Instant now) {
    return item.lastNotified() != null
        && item.lastNotified()
            .plus(policy.renotifyAfter().get(item.recommendation().kind()))
            .isAfter(now);
  }

  private ZonedDateTime endOfQuietHours(ZonedDateTime local) {
    ZonedDateTime end = local.with(policy.quietUntil());
    return end.isAfter(local) ? end : end.plusDays(1);
  }
}
