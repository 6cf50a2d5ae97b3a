package org.cocare.routes.value;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.engine.value.ValueAnalysis;
import org.cocare.engine.value.ValueSource;
import org.cocare.fhir.value.ParticipationQuestionnaire;
import org.cocare.rules.ruleset.RuleListing;
import org.cocare.rules.ruleset.ValueConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The value analysis, reading the stores and placing rules by the active rule set's metadata. */
@Configuration(proxyBeanMethods = false)
public class ValueAnalysisConfiguration {

  @Bean
  ValueAnalysis valueAnalysis(
      DataSource dataSource,
      Clock clock,
      FhirContext context,
      ParticipationQuestionnaire questionnaire,
      RuleEngine rules) {
    return new ValueAnalysis(
        new ValueSource(dataSource, clock, context, questionnaire),
        () -> configurations(rules)::get,
        clock);
  }

  /** Each rule of the active rule set that names its value configuration. */
  static Map<String, ValueConfiguration> configurations(RuleEngine rules) {
    return RuleListing.of(rules.active().ruleSet()).stream()
        .filter(e -> e.configuration() != null)
        .collect(
            Collectors.toMap(
                RuleListing.Entry::name, RuleListing.Entry::configuration, (x, y) -> x));
  }
}
