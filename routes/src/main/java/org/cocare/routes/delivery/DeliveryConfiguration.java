package org.cocare.routes.delivery;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.cocare.engine.notify.NoticeComposer;
import org.cocare.engine.notify.NotificationDelivery;
import org.cocare.engine.notify.NotificationDelivery.Transport;
import org.cocare.engine.notify.NotificationStore;
import org.cocare.engine.notify.Outreach;
import org.cocare.engine.notify.OutreachSweep;
import org.cocare.engine.outcome.OutcomeStore;
import org.cocare.engine.recommendation.RecommendationLifecycle;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.engine.record.PatientRecordStore;
import org.cocare.fhir.outreach.Channel;
import org.cocare.routes.portal.PortalLinks;
import org.cocare.rules.content.NoticeTexts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox's deliverer with a transport for each configured channel (the portal always). */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

  /** What patients read about reminders and follow-ups: in messages and in the portal alike. */
  @Bean
  NoticeTexts noticeTexts() {
    return NoticeTexts.shipped();
  }

  @Bean
  NoticeComposer noticeComposer(
      RecommendationStore recommendations, OutcomeStore outcomes, NoticeTexts texts, Clock clock) {
    return new NoticeComposer(recommendations, outcomes, texts, clock);
  }

  @Bean
  OutreachSweep outreachSweep(
      RecommendationStore recommendations,
      PatientRecordStore records,
      Outreach outreach,
      TransactionTemplate transactions,
      Clock clock) {
    return new OutreachSweep(recommendations, records::load, outreach, transactions, clock);
  }

  @Bean
  NotificationDelivery notificationDelivery(
      DeliveryProperties properties,
      NotificationStore notifications,
      NoticeComposer composer,
      RecommendationLifecycle lifecycle,
      TransactionTemplate transactions,
      ProducerTemplate producer,
      NoticeWriter writer,
      PortalLinks links,
      Clock clock) {
    Map<Channel, Transport> transports = new EnumMap<>(Channel.class);
    transports.put(Channel.PORTAL, Transports.portal());
    if (properties.email().configured()) {
      transports.put(Channel.EMAIL, Transports.email(producer, writer));
    }
    if (properties.webhook().configured()) {
      transports.put(Channel.SMS, Transports.webhook(producer, writer, links));
    }
    return new NotificationDelivery(
        notifications,
        composer,
        transports,
        lifecycle,
        transactions,
        properties.retry().policy(),
        clock);
  }
}
