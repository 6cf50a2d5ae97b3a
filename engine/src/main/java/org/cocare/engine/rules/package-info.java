/**
 * Rule execution: compiling a rule set into a Drools KieBase (once per content hash, cached with
 * Caffeine, and on disk across restarts when a {@link org.cocare.engine.rules.RuleBaseCache} is
 * given), holding the active rule set, and evaluating facts in a stateless session. A rule set that
 * does not compile never becomes active.
 */
package org.cocare.engine.rules;
