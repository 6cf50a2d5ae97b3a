package org.cocare.engine.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cocare.engine.outcome.OutcomeStore;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.rules.content.NoticeTexts;
import org.cocare.rules.content.NoticeTexts.NoticeText;
import org.cocare.rules.recommendation.EducationContent;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.recommendation.Recommendation;

/**
 * Writes what a notification says at the moment it is sent: the items it announces that are still
 * open and not answered by the patient meanwhile (one closed or declined since planning is not
 * mentioned any more), education as its catalogue content in the patient's language, reminders and
 * follow-ups with their patient texts.
 */
public final class NoticeComposer {
  private final RecommendationStore recommendations;
  private final OutcomeStore outcomes;
  private final NoticeTexts texts;
  private final Clock clock;

  /**
   * @param clock its zone reads the day a patient's snooze ends (the patient's own zone is not in
   *     the outbox; a day's difference at most)
   */
  public NoticeComposer(
      RecommendationStore recommendations, OutcomeStore outcomes, NoticeTexts texts, Clock clock) {
    this.recommendations = recommendations;
    this.outcomes = outcomes;
    this.texts = texts;
    this.clock = clock;
  }

  /**
   * The notice, or empty when nothing it announced is left to say: every item closed, or answered
   * by the patient since it was planned (declined, reported done, snoozed).
   */
  public Optional<Notice> compose(Notification notification) {
    Map<String, PatientHold> holds =
        PatientHold.latest(outcomes.timeline(notification.patientId(), PatientHold.ANSWERS));
    Instant now = clock.instant();
    Map<String, IssuedRecommendation> found =
        recommendations.findAll(notification.recommendationIds());
    List<Notice.Item> items =
        notification.recommendationIds().stream()
            .map(found::get)
            .filter(Objects::nonNull)
            .filter(r -> r.status() == IssuedRecommendation.Status.OPEN)
            .filter(r -> !heldBack(r, holds.get(r.id()), now))
            .sorted(Comparator.comparing(IssuedRecommendation::recommendation, Importance.ORDER))
            .map(r -> item(r, notification.language()))
            .toList();
    if (items.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Notice(notification.id(), notification.language(), items));
  }

  /** Whether the patient's answer keeps this item out of the message (never an urgent one). */
  private boolean heldBack(IssuedRecommendation issued, PatientHold hold, Instant now) {
    return hold != null
        && !issued.recommendation().urgent()
        && hold.reasonAt(now, clock.getZone()) != null;
  }

  /** One open recommendation as the patient reads it, in {@code language}. */
  private Notice.Item item(IssuedRecommendation issued, String language) {
    Recommendation r = issued.recommendation();
    EducationContent content = r.content();
    if (content != null) {
      return new Notice.Item(issued.id(), content.title(), content.summary(), content.format());
    }
    NoticeText text = texts.of(r.code(), r.kind(), language);
    return new Notice.Item(issued.id(), text.title(), text.text(), null);
  }
}
