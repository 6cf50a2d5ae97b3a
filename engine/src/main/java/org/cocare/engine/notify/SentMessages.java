package org.cocare.engine.notify;

import java.util.List;
import java.util.Optional;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.fhir.recommendation.RecommendationResources;
import org.cocare.fhir.server.SentMessage;
import org.cocare.fhir.server.SentMessageSource;

/** The outbox's sent notifications as the FHIR server's {@code Communication}s see them. */
public final class SentMessages implements SentMessageSource {
  private final NotificationStore notifications;
  private final RecommendationStore recommendations;

  public SentMessages(NotificationStore notifications, RecommendationStore recommendations) {
    this.notifications = notifications;
    this.recommendations = recommendations;
  }

  @Override
  public List<SentMessage> sentTo(String patientId) {
    return notifications.sent(patientId).stream().map(this::message).toList();
  }

  @Override
  public Optional<SentMessage> find(String id) {
    return notifications
        .find(id)
        .filter(n -> n.status() == Notification.Status.SENT)
        .map(this::message);
  }

  private SentMessage message(Notification n) {
    List<String> basedOn =
        n.recommendationIds().stream()
            .map(recommendations::find)
            .flatMap(Optional::stream)
            .map(
                r ->
                    (RecommendationResources.isCommunication(r.recommendation())
                            ? "CommunicationRequest/"
                            : "Task/")
                        + r.id())
            .toList();
    return new SentMessage(n.id(), n.patientId(), n.channel(), n.language(), n.sentAt(), basedOn);
  }
}
