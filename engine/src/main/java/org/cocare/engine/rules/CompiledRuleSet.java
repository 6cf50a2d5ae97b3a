package org.cocare.engine.rules;

import org.cocare.fhir.facts.FactMapper;
import org.cocare.rules.model.Parameters;
import org.cocare.rules.model.ValueSetIndex;
import org.cocare.rules.ruleset.RuleBase;
import org.cocare.rules.ruleset.RuleSet;

/**
 * A rule set with its compiled rule base, parameters, the terminology built for it (the value sets
 * this rule set asks about) and the mapper that turns FHIR into facts with that terminology: ready
 * to evaluate, or to run the rule set's scenarios with the same value-set membership.
 */
public record CompiledRuleSet(
    RuleSet ruleSet,
    RuleBase ruleBase,
    Parameters parameters,
    ValueSetIndex terminology,
    FactMapper mapper) {}
