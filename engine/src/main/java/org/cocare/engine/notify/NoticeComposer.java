package org.cocare.engine.notify;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.rules.content.NoticeTexts;
import org.cocare.rules.content.NoticeTexts.NoticeText;
import org.cocare.rules.recommendation.EducationContent;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.recommendation.Recommendation;

/**
 * Writes what a notification says at the moment it is sent: the items it announces that are still
 * open (one closed since planning is not mentioned any more), education as its catalogue content in
 * the patient's language, reminders and follow-ups with their patient texts.
 */
public final class NoticeComposer {
  private final RecommendationStore recommendations;
  private final NoticeTexts texts;

  public NoticeComposer(RecommendationStore recommendations, NoticeTexts texts) {
    this.recommendations = recommendations;
    this.texts = texts;
  }

  /** The notice, or empty when none of its items is open any more. */
  public Optional<Notice> compose(Notification notification) {
    List<Notice.Item> items =
        notification.recommendationIds().stream()
            .map(recommendations::find)
            .flatMap(Optional::stream)
            .filter(r -> r.status() == IssuedRecommendation.Status.OPEN)
            .sorted(Comparator.comparing(IssuedRecommendation::recommendation, Importance.ORDER))
            .map(r -> item(r, notification.language()))
            .toList();
    if (items.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Notice(notification.id(), notification.patientId(), notification.language(), items));
  }

  /** One open recommendation as the patient reads it, in {@code language}. */
  public Notice.Item item(IssuedRecommendation issued, String language) {
    Recommendation r = issued.recommendation();
    EducationContent content = r.content();
    boolean urgent = Importance.urgent(r);
    if (content != null) {
      return new Notice.Item(
          issued.id(),
          r.code(),
          r.kind(),
          content.title(),
          content.summary(),
          content.format(),
          r.due(),
          urgent);
    }
    NoticeText text = texts.of(r.code(), r.kind(), language);
    return new Notice.Item(
        issued.id(), r.code(), r.kind(), text.title(), text.text(), null, r.due(), urgent);
  }
}
