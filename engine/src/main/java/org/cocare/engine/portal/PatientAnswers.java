package org.cocare.engine.portal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cocare.engine.notify.Notification;
import org.cocare.engine.notify.NotificationPlanner;
import org.cocare.engine.notify.NotificationStore;
import org.cocare.engine.notify.OptOutStore;
import org.cocare.engine.notify.OptOutStore.OptOut;
import org.cocare.engine.notify.OptOutStore.Source;
import org.cocare.engine.notify.PatientHold;
import org.cocare.engine.outcome.OutcomeEvent;
import org.cocare.engine.outcome.OutcomeKind;
import org.cocare.engine.outcome.OutcomeStore;
import org.cocare.engine.recommendation.RecommendationLifecycle;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A patient's answers about their own open recommendations, each recorded as an outcome event:
 *
 * <ul>
 *   <li><b>done</b>: {@code self-reported-done}, never {@code completed} — only evidence closes a
 *       gap; the item stays open and is not reminded of while it waits;
 *   <li><b>not for me</b>: {@code declined}, with a reason from {@link DeclineReason} and at most
 *       {@value #MAX_DECLINE_TEXT} characters of their own words; never announced again;
 *   <li><b>remind me later</b>: {@code snoozed} until a day ({@value #DEFAULT_SNOOZE_DAYS} days
 *       from today unless they choose, at most {@value #MAX_SNOOZE_DAYS});
 *   <li><b>rating</b>: {@code rated}, 1 to 5;
 *   <li><b>opened</b>: {@code opened}, from the portal or a message's tracking link.
 * </ul>
 *
 * Someone else's recommendation, or one that does not exist, is {@link
 * PatientAnswerException.Reason#NOT_FOUND} (the two look the same, so ids cannot be probed); a
 * closed one is {@link PatientAnswerException.Reason#CLOSED}. The patient's opt-out of outreach is
 * here too: it cancels what is planned and not urgent, in one transaction with the opt-out.
 */
public final class PatientAnswers {
  public static final int DEFAULT_SNOOZE_DAYS = 7;
  public static final int MAX_SNOOZE_DAYS = 365;
  public static final int MAX_DECLINE_TEXT = 200;
  public static final int MIN_RATING = 1;
  public static final int MAX_RATING = 5;

  private static final String RATING = "rating=";

  private final RecommendationStore recommendations;
  private final RecommendationLifecycle lifecycle;
  private final OutcomeStore outcomes;
  private final NotificationStore notifications;
  private final OptOutStore optOuts;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public PatientAnswers(
      RecommendationStore recommendations,
      RecommendationLifecycle lifecycle,
      OutcomeStore outcomes,
      NotificationStore notifications,
      OptOutStore optOuts,
      TransactionTemplate transactions,
      Clock clock) {
    this.recommendations = recommendations;
    this.lifecycle = lifecycle;
    this.outcomes = outcomes;
    this.notifications = notifications;
    this.optOuts = optOuts;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * An open recommendation with what the patient last said about it: the answer that holds its
   * notices back (null: none) and their latest rating (null: none).
   */
  public record OpenItem(IssuedRecommendation recommendation, PatientHold answer, Integer rating) {}

  /** What opting out did: whether it is new, and how many planned notifications it cancelled. */
  public record OptOutResult(String patientId, boolean changed, int cancelled) {}

  /**
   * The patient's open recommendations as their inbox shows them, recording {@code acknowledged}
   * ("seen in the portal") for each the first time it is shown.
   */
  public List<OpenItem> showInbox(String patientId) {
    return transactions.execute(
        status -> {
          List<OutcomeEvent> timeline = outcomes.timeline(patientId);
          List<OpenItem> items = openItems(patientId, timeline);
          recordFirstTime(
              timeline,
              items.stream().map(i -> i.recommendation().id()).toList(),
              OutcomeKind.ACKNOWLEDGED,
              "portal inbox");
          return items;
        });
  }

  /** The patient's open recommendations, oldest first, with their answers. */
  public List<OpenItem> openItems(String patientId) {
    return openItems(patientId, outcomes.timeline(patientId));
  }

  private List<OpenItem> openItems(String patientId, List<OutcomeEvent> timeline) {
    Map<String, PatientHold> answers = PatientHold.latest(timeline);
    Map<String, Integer> ratings = new HashMap<>();
    for (OutcomeEvent event : timeline) {
      if (event.kind() == OutcomeKind.RATED) {
        Integer rating = rating(event.detail());
        if (rating != null) {
          ratings.put(event.recommendationId(), rating);
        }
      }
    }
    return recommendations.open(patientId).stream()
        .map(r -> new OpenItem(r, answers.get(r.id()), ratings.get(r.id())))
        .toList();
  }

  public OutcomeEvent done(String patientId, String recommendationId) {
    ownOpen(patientId, recommendationId);
    return lifecycle.record(recommendationId, OutcomeKind.SELF_REPORTED_DONE, now(), null);
  }

  /**
   * @param reason one of {@link DeclineReason}'s codes; may be null when {@code text} says why
   *     (then it is {@code other})
   * @param text the patient's own words, optional unless the reason is {@code other}
   */
  public OutcomeEvent notForMe(
      String patientId, String recommendationId, String reason, String text) {
    ownOpen(patientId, recommendationId);
    String words = text == null ? "" : text.strip().replaceAll("\\p{Cntrl}+", " ");
    if (words.length() > MAX_DECLINE_TEXT) {
      throw PatientAnswerException.invalid(
          "decline-text-long",
          "the reason may have at most " + MAX_DECLINE_TEXT + " characters",
          MAX_DECLINE_TEXT);
    }
    DeclineReason code;
    if (reason == null || reason.isBlank()) {
      if (words.isEmpty()) {
        throw PatientAnswerException.invalid(
            "decline-reason-required", "say why it is not for you: choose a reason or write one");
      }
      code = DeclineReason.OTHER;
    } else {
      code =
          DeclineReason.of(reason.strip())
              .orElseThrow(
                  () ->
                      PatientAnswerException.invalid(
                          "decline-reason-unknown",
                          "unknown reason; choose one of " + reasonCodes(),
                          reasonCodes()));
    }
    if (code == DeclineReason.OTHER && words.isEmpty()) {
      throw PatientAnswerException.invalid(
          "decline-reason-required", "say why it is not for you: choose a reason or write one");
    }
    String detail = "reason=" + code.code() + (words.isEmpty() ? "" : "; text=" + words);
    return lifecycle.record(recommendationId, OutcomeKind.DECLINED, now(), detail);
  }

  /**
   * @param until the day to be reminded again (after today, at most {@value #MAX_SNOOZE_DAYS} days
   *     ahead); null for {@value #DEFAULT_SNOOZE_DAYS} days from today
   */
  public OutcomeEvent remindLater(String patientId, String recommendationId, LocalDate until) {
    ownOpen(patientId, recommendationId);
    LocalDate today = LocalDate.now(clock);
    LocalDate day = until == null ? today.plusDays(DEFAULT_SNOOZE_DAYS) : until;
    if (!day.isAfter(today) || day.isAfter(today.plusDays(MAX_SNOOZE_DAYS))) {
      throw PatientAnswerException.invalid(
          "snooze-range",
          "the day to be reminded must be after today and at most "
              + MAX_SNOOZE_DAYS
              + " days ahead",
          MAX_SNOOZE_DAYS);
    }
    return lifecycle.record(
        recommendationId, OutcomeKind.SNOOZED, now(), PatientHold.snoozeDetail(day));
  }

  public OutcomeEvent rate(String patientId, String recommendationId, Integer rating) {
    ownOpen(patientId, recommendationId);
    if (rating == null || rating < MIN_RATING || rating > MAX_RATING) {
      throw PatientAnswerException.invalid(
          "rating-range",
          "the rating must be a whole number from " + MIN_RATING + " to " + MAX_RATING,
          MIN_RATING,
          MAX_RATING);
    }
    return lifecycle.record(recommendationId, OutcomeKind.RATED, now(), RATING + rating);
  }

  /** The patient opened the item in the portal. */
  public OutcomeEvent opened(String patientId, String recommendationId) {
    ownOpen(patientId, recommendationId);
    return lifecycle.record(recommendationId, OutcomeKind.OPENED, now(), "portal");
  }

  /**
   * The patient followed a message's tracking link: {@code opened} for each item it announced, the
   * first time only (a second click is not a second reading).
   *
   * @return the patient the notification was for
   */
  public String openedNotification(String notificationId) {
    Notification notification = notification(notificationId);
    String detail =
        "notification=" + notification.id() + "; channel=" + notification.channel().code();
    transactions.executeWithoutResult(
        status ->
            recordFirstTime(
                outcomes.timeline(notification.patientId()),
                notification.recommendationIds(),
                OutcomeKind.OPENED,
                detail));
    return notification.patientId();
  }

  /**
   * Records {@code kind} with {@code detail} for each of {@code recommendationIds} that has no such
   * event in the patient's {@code timeline} yet: a second look is not a second event.
   */
  private void recordFirstTime(
      List<OutcomeEvent> timeline,
      List<String> recommendationIds,
      OutcomeKind kind,
      String detail) {
    Set<String> already = new HashSet<>();
    for (OutcomeEvent event : timeline) {
      if (event.kind() == kind && detail.equals(event.detail())) {
        already.add(event.recommendationId());
      }
    }
    Instant now = now();
    for (String recommendationId : recommendationIds) {
      if (!already.contains(recommendationId)) {
        lifecycle.record(recommendationId, kind, now, detail);
      }
    }
  }

  /** The patient a notification was for (an unknown one is refused as not found). */
  public String patientOfNotification(String notificationId) {
    return notification(notificationId).patientId();
  }

  /** The patient confirmed a message's unsubscribe link. */
  public OptOutResult unsubscribe(String notificationId) {
    return optOut(notification(notificationId).patientId(), Source.UNSUBSCRIBE_LINK);
  }

  /**
   * Opts the patient out of outreach: from now on only urgent items are announced. Planned
   * notifications that are not urgent are cancelled and their items recorded as withheld, with the
   * same reason the planner gives at later evaluations. Opting out again changes nothing.
   */
  public OptOutResult optOut(String patientId, Source source) {
    return transactions.execute(
        status -> {
          Instant now = now();
          if (!optOuts.optOut(patientId, source, now)) {
            return new OptOutResult(patientId, false, 0);
          }
          String reason = NotificationPlanner.optedOutReason(source.description());
          List<Notification> cancelled = notifications.cancelPlanned(patientId, reason);
          Set<String> items = new LinkedHashSet<>();
          cancelled.forEach(n -> items.addAll(n.recommendationIds()));
          items.forEach(id -> lifecycle.record(id, OutcomeKind.WITHHELD, now, reason));
          return new OptOutResult(patientId, true, cancelled.size());
        });
  }

  /**
   * Opts the patient back in (from the portal); false when they had not opted out. Items withheld
   * meanwhile are announced again at the patient's next evaluation.
   */
  public boolean optIn(String patientId) {
    return optOuts.optIn(patientId, Source.PORTAL, now());
  }

  public Optional<OptOut> optOutOf(String patientId) {
    return optOuts.find(patientId);
  }

  private IssuedRecommendation ownOpen(String patientId, String recommendationId) {
    IssuedRecommendation issued =
        recommendations
            .find(recommendationId)
            .filter(r -> r.patientId().equals(patientId))
            .orElseThrow(
                () ->
                    new PatientAnswerException(
                        PatientAnswerException.Reason.NOT_FOUND,
                        "not-found",
                        "no recommendation " + recommendationId + " for this patient",
                        List.of()));
    if (issued.status() != IssuedRecommendation.Status.OPEN) {
      throw new PatientAnswerException(
          PatientAnswerException.Reason.CLOSED,
          "closed",
          "recommendation " + recommendationId + " is " + issued.status().code() + ": no answers",
          List.of());
    }
    return issued;
  }

  private Notification notification(String notificationId) {
    return notifications
        .find(notificationId)
        .orElseThrow(
            () ->
                new PatientAnswerException(
                    PatientAnswerException.Reason.NOT_FOUND,
                    "not-found",
                    "no notification " + notificationId,
                    List.of()));
  }

  private static Integer rating(String detail) {
    if (detail == null || !detail.startsWith(RATING)) {
      return null;
    }
    try {
      return Integer.valueOf(detail.substring(RATING.length()).strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String reasonCodes() {
    return String.join(
        ", ", java.util.Arrays.stream(DeclineReason.values()).map(DeclineReason::code).toList());
  }

  private Instant now() {
    return clock.instant();
  }
}
