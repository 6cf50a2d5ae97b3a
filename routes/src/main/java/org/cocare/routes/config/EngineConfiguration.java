package org.cocare.routes.config;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.cocare.engine.conformance.EcqmCaseRunner;
import org.cocare.engine.conformance.EcqmCases;
import org.cocare.engine.deadletter.DeadLetterStore;
import org.cocare.engine.evaluation.DryRun;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.intake.Intake;
import org.cocare.engine.intake.MessageStore;
import org.cocare.engine.notify.NotificationPlanner;
import org.cocare.engine.notify.NotificationStore;
import org.cocare.engine.notify.OptOutStore;
import org.cocare.engine.notify.Outreach;
import org.cocare.engine.notify.SentMessages;
import org.cocare.engine.outcome.OutcomeStore;
import org.cocare.engine.processing.MessageProcessor;
import org.cocare.engine.recommendation.RecommendationLifecycle;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.engine.record.PatientRecordStore;
import org.cocare.engine.rules.CompiledRuleSet;
import org.cocare.engine.rules.RuleBaseCache;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.engine.rulesets.ImpactPreview;
import org.cocare.engine.rulesets.RuleSetRegistry;
import org.cocare.engine.rulesets.RuleSetStore;
import org.cocare.engine.terminology.RemoteValueSets;
import org.cocare.engine.terminology.Terminology;
import org.cocare.engine.terminology.ValueSetDirectory;
import org.cocare.engine.terminology.ValueSetSource;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.fhir.value.ParticipationQuestionnaire;
import org.cocare.rules.ruleset.RuleSet;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine's objects as beans. They are plain classes, so the CLI can build them without Spring.
 */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

  @Bean
  Clock clock(EvaluationProperties properties) {
    return Clock.system(properties.zone());
  }

  @Bean
  FhirContext fhirContext() {
    return FhirContext.forR4();
  }

  /**
   * Built and warmed at start-up (the validator's first use costs seconds), the warm-up beside the
   * rest of the start, which waits for it before the application is ready.
   */
  @Bean
  ValidatorWarmUp validatorWarmUp(FhirContext context) {
    return new ValidatorWarmUp(new FhirReader(context));
  }

  @Bean
  FhirReader fhirReader(ValidatorWarmUp warmUp) {
    return warmUp.reader();
  }

  /** Cocare's participation questionnaire: offered on the portal, read by value analysis. */
  @Bean
  ParticipationQuestionnaire participationQuestionnaire(FhirContext context) {
    return new ParticipationQuestionnaire(context);
  }

  @Bean
  RuleSetStore ruleSetStore(DataSource dataSource) {
    return new RuleSetStore(dataSource);
  }

  /**
   * The version to start with: the active one in the database; on first start the defaults shipped
   * in {@code rules}, imported as version 1.
   */
  @Bean
  @DependsOnDatabaseInitialization
  RuleSet activeRuleSet(RuleSetStore store, Clock clock) {
    return RuleSetRegistry.bootstrap(store, RuleSet.loadDefault(), clock);
  }

  /** Activations compile here, one at a time, never on a request or message thread. */
  @Bean(destroyMethod = "shutdown")
  ExecutorService ruleSetCompiler() {
    return Executors.newSingleThreadExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, "cocare-rule-set-compiler");
          thread.setDaemon(true);
          return thread;
        });
  }

  @Bean
  RuleSetRegistry ruleSetRegistry(
      RuleSetStore store,
      RuleEngine engine,
      Clock clock,
      TransactionTemplate transactions,
      ExecutorService ruleSetCompiler,
      RuleSetProperties properties,
      FhirReader reader,
      Evaluator evaluator) {
    EcqmCaseRunner stewardCases =
        properties.ecqmCasesDir() == null
            ? null
            : new EcqmCaseRunner(EcqmCases.read(properties.ecqmCasesDir()), reader, evaluator);
    return new RuleSetRegistry(
        store, engine, clock, transactions, ruleSetCompiler, properties.fourEyes(), stewardCases);
  }

  @Bean
  ImpactPreview impactPreview(PatientRecordStore records, Evaluator evaluator, RuleEngine engine) {
    return new ImpactPreview(records, evaluator, engine);
  }

  /**
   * Compiles the rule set at start-up (or reads the rule base compiled from the same content at an
   * earlier start) and fails the start if it does not compile or uses value sets that no
   * terminology source holds (naming them). Each rule set activated later gets its own value-set
   * index from the same sources, then its own starter terminology.
   */
  @Bean
  RuleEngine ruleEngine(
      RuleSet ruleSet,
      TerminologyProperties properties,
      RuleCacheProperties cache,
      FhirContext context) {
    List<ValueSetSource> sources = new ArrayList<>();
    if (!properties.valuesetDirs().isEmpty()) {
      sources.add(ValueSetDirectory.read(context, properties.valuesetDirs()));
    }
    if (properties.server() != null) {
      sources.add(
          new RemoteValueSets(
              context, properties.server(), properties.cacheTtl(), properties.timeout()));
    }
    List<ValueSetSource> configured = List.copyOf(sources);
    return new RuleEngine(
        ruleSet,
        rules -> Terminology.forRuleSet(rules, configured),
        cache.cacheDir() == null ? null : new RuleBaseCache(cache.cacheDir()));
  }

  @Bean
  Evaluator evaluator(RuleEngine rules, Clock clock, MeterRegistry meters) {
    return new Evaluator(rules, clock, meters);
  }

  @Bean
  DryRun dryRun(FhirReader reader, Evaluator evaluator) {
    return new DryRun(reader, evaluator);
  }

  @Bean
  TransactionTemplate transactionTemplate(PlatformTransactionManager transactions) {
    return new TransactionTemplate(transactions);
  }

  @Bean
  MessageStore messageStore(DataSource dataSource) {
    return new MessageStore(dataSource);
  }

  @Bean
  PatientRecordStore patientRecordStore(DataSource dataSource, FhirContext context) {
    return new PatientRecordStore(dataSource, context);
  }

  @Bean
  RecommendationStore recommendationStore(DataSource dataSource) {
    return new RecommendationStore(dataSource);
  }

  @Bean
  OutcomeStore outcomeStore(DataSource dataSource) {
    return new OutcomeStore(dataSource);
  }

  /**
   * One lifecycle: message processing reconciles through it, delivery and portal record through it.
   */
  @Bean
  RecommendationLifecycle recommendationLifecycle(
      RecommendationStore recommendations, OutcomeStore outcomes, RuleEngine rules) {
    return new RecommendationLifecycle(recommendations, outcomes, rules);
  }

  @Bean
  DeadLetterStore deadLetterStore(
      DataSource dataSource,
      MessageStore messages,
      TransactionTemplate transactions,
      Clock clock,
      MeterRegistry meters) {
    return new DeadLetterStore(dataSource, messages, transactions, clock, meters);
  }

  @Bean
  Intake intake(MessageStore messages, FhirReader reader, Clock clock, MeterRegistry meters) {
    return new Intake(messages, reader, clock, meters);
  }

  @Bean
  NotificationStore notificationStore(DataSource dataSource) {
    return new NotificationStore(dataSource);
  }

  @Bean
  SentMessages sentMessages(NotificationStore notifications, RecommendationStore recommendations) {
    return new SentMessages(notifications, recommendations);
  }

  @Bean
  OptOutStore optOutStore(DataSource dataSource) {
    return new OptOutStore(dataSource);
  }

  /**
   * Notifications are planned in the language the active rule set's catalogue offers for the
   * patient's preference, else its default language.
   */
  @Bean
  Outreach outreach(
      NotifyProperties properties,
      NotificationStore notifications,
      RecommendationStore recommendations,
      RecommendationLifecycle lifecycle,
      OutcomeStore outcomes,
      OptOutStore optOuts,
      RuleEngine rules,
      Clock clock,
      EvaluationProperties evaluation) {
    NotificationPlanner planner =
        new NotificationPlanner(
            properties.policy(),
            clock,
            preferred -> {
              CompiledRuleSet active = rules.active();
              return active.ruleBase().languageFor(preferred, active.parameters());
            },
            item -> rules.active().ruleBase().catalogue().topicsOf(item));
    return new Outreach(
        planner, notifications, recommendations, lifecycle, outcomes, optOuts, evaluation.zone());
  }

  @Bean
  MessageProcessor messageProcessor(
      MessageStore messages,
      FhirReader reader,
      PatientRecordStore records,
      Evaluator evaluator,
      RecommendationLifecycle lifecycle,
      Outreach outreach,
      DeadLetterStore deadLetters,
      TransactionTemplate transactions,
      Clock clock) {
    return new MessageProcessor(
        messages,
        reader,
        records,
        evaluator,
        lifecycle,
        outreach,
        deadLetters,
        transactions,
        clock);
  }
}
