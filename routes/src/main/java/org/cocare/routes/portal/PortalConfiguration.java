package org.cocare.routes.portal;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.cocare.engine.notify.NotificationStore;
import org.cocare.engine.notify.OptOutStore;
import org.cocare.engine.outcome.OutcomeStore;
import org.cocare.engine.portal.PatientAnswers;
import org.cocare.engine.recommendation.RecommendationLifecycle;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.engine.record.PatientRecordStore;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.fhir.server.IngestGateway;
import org.cocare.fhir.server.MessageReceiver;
import org.cocare.fhir.value.ParticipationQuestionnaire;
import org.cocare.rules.content.NoticeTexts;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The portal's signed links, the engine's patient answers, and what the pages and API share: the
 * patient's language ({@code ?lang=} on any portal page changes it for the session, as on the staff
 * pages), their items as they read them, home readings and the participation questionnaire (both
 * ingested like any FHIR message), and the messages of refusals.
 */
@Configuration(proxyBeanMethods = false)
class PortalConfiguration implements WebMvcConfigurer {
  @Bean
  PortalLinks portalLinks(PortalProperties properties, Clock clock) {
    return new PortalLinks(properties, clock);
  }

  @Bean
  PatientAnswers patientAnswers(
      RecommendationStore recommendations,
      RecommendationLifecycle lifecycle,
      OutcomeStore outcomes,
      NotificationStore notifications,
      OptOutStore optOuts,
      TransactionTemplate transactions,
      Clock clock) {
    return new PatientAnswers(
        recommendations, lifecycle, outcomes, notifications, optOuts, transactions, clock);
  }

  @Bean
  PortalLanguage portalLanguage(PatientRecordStore records) {
    return new PortalLanguage(records);
  }

  @Bean
  PatientSessions patientSessions(PortalLanguage languages, LocaleResolver localeResolver) {
    return new PatientSessions(languages, localeResolver);
  }

  @Bean
  InboxItems inboxItems(
      PatientAnswers answers, RuleEngine rules, MessageSource messages, NoticeTexts texts) {
    return new InboxItems(answers, rules, messages, texts);
  }

  @Bean
  PortalIntake portalIntake(FhirContext context, MessageReceiver receiver, IngestGateway gateway) {
    return new PortalIntake(context, receiver, gateway);
  }

  @Bean
  HomeReadings homeReadings(PortalIntake intake, Clock clock) {
    return new HomeReadings(intake, clock);
  }

  @Bean
  PortalQuestionnaire portalQuestionnaire(
      ParticipationQuestionnaire questionnaire, PortalIntake intake, Clock clock) {
    return new PortalQuestionnaire(questionnaire, intake, clock);
  }

  @Bean
  PortalProblems portalProblems(MessageSource messages) {
    return new PortalProblems(messages);
  }

  @Bean
  PlainPages plainPages(MessageSource messages) {
    return new PlainPages(messages);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change).addPathPatterns("/portal", "/portal/**");
  }
}
