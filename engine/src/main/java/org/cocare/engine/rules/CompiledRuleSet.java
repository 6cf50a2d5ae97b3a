package org.cocare.engine.rules;

import org.cocare.fhir.facts.FactMapper;
import org.cocare.rules.model.Parameters;
import org.cocare.rules.ruleset.RuleBase;
import org.cocare.rules.ruleset.RuleSet;

/**
 * A rule set with its compiled rule base, parameters and the mapper that turns FHIR into facts with
 * the value sets this rule set asks about: ready to evaluate.
 */
public record CompiledRuleSet(
    RuleSet ruleSet, RuleBase ruleBase, Parameters parameters, FactMapper mapper) {}
