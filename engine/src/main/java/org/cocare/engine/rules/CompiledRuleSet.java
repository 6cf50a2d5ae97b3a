package org.cocare.engine.rules;

import org.cocare.rules.model.Parameters;
import org.cocare.rules.ruleset.RuleSet;
import org.kie.api.KieBase;

/** A rule set with its compiled KieBase and parameters, ready to evaluate. */
public record CompiledRuleSet(RuleSet ruleSet, KieBase kieBase, Parameters parameters) {}
