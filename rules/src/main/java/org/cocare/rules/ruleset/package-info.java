/**
 * A rule set as content: named, versioned text files (DRL, parameters, starter terminology, content
 * catalogue) with a content hash. Loading the shipped default from the classpath lives here;
 * caching and activating belong to the engine. Compiling refuses DRL that reaches past the fact
 * model and helpers (see {@code RuleSafety}) before Drools sees it.
 */
package org.cocare.rules.ruleset;
