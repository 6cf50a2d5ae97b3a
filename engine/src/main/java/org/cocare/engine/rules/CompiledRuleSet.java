package org.cocare.engine.rules;

import org.cocare.rules.model.Parameters;
import org.cocare.rules.ruleset.RuleBase;
import org.cocare.rules.ruleset.RuleSet;

/** A rule set with its compiled rule base and parameters, ready to evaluate. */
public record CompiledRuleSet(RuleSet ruleSet, RuleBase ruleBase, Parameters parameters) {}
