package org.cocare.bench.jmh;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cocare.bench.population.EcqmPopulation;
import org.cocare.engine.rules.CompiledRuleSet;
import org.cocare.engine.rules.RuleBaseCache;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.engine.terminology.Terminology;
import org.cocare.engine.terminology.ValueSetDirectory;
import org.cocare.engine.terminology.ValueSetSource;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.rules.ruleset.RuleSet;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the benchmarks share: the default rule set compiled with the measures' value sets, and every
 * eCQM steward patient as JSON, parsed, and mapped to facts.
 */
final class EcqmPatients {
  static final String JSON = "application/fhir+json";

  final FhirReader reader;
  final CompiledRuleSet ruleSet;
  final RuleEngine engine;
  final List<List<byte[]>> json = new ArrayList<>();
  final List<List<Resource>> parsed = new ArrayList<>();
  final List<List<Object>> facts = new ArrayList<>();

  EcqmPatients(Path shared) {
    FhirContext context = FhirContext.forR4();
    reader = new FhirReader(context);
    engine = engine(context, shared);
    ruleSet = engine.active();
    EcqmPopulation population = EcqmPopulation.read(shared.resolve("clinical/ecqm-cases"), 42);
    for (int i = 0; i < population.templates(); i++) {
      List<byte[]> patientJson = new ArrayList<>();
      List<Resource> resources = new ArrayList<>();
      for (String resource : population.patient(i)) {
        byte[] bytes = resource.getBytes(StandardCharsets.UTF_8);
        patientJson.add(bytes);
        resources.add(reader.parse(bytes, JSON));
      }
      json.add(patientJson);
      parsed.add(resources);
      facts.add(ruleSet.mapper().facts(resources));
    }
  }

  /**
   * The default rule set, active, with the measures' value sets as {@code evaluate} gets them. With
   * {@code -Dcocare.bench.rule-cache=DIR} the compiled rule base is kept there, as the service
   * keeps it, so each JMH fork after the first reads it instead of compiling it again.
   */
  static RuleEngine engine(FhirContext context, Path shared) {
    List<ValueSetSource> sources =
        List.of(ValueSetDirectory.read(context, List.of(shared.resolve("clinical/valuesets"))));
    String cache = System.getProperty("cocare.bench.rule-cache", "");
    return cache.isEmpty()
        ? new RuleEngine(RuleSet.loadDefault(), rules -> Terminology.forRuleSet(rules, sources))
        : new RuleEngine(
            RuleSet.loadDefault(),
            rules -> Terminology.forRuleSet(rules, sources),
            new RuleBaseCache(Path.of(cache)));
  }

  int size() {
    return json.size();
  }

  static Path shared() {
    return Path.of(System.getProperty("cocare.shared.dir", "../shared"));
  }
}
