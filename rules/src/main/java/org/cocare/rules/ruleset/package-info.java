/**
 * A rule set as content: named, versioned files (DRL, decision tables, parameters, starter
 * terminology, content catalogue, rule titles and owners, test scenarios) with a content hash.
 * Loading the shipped default from the classpath lives here; caching and activating belong to the
 * engine. Compiling turns decision tables into DRL, refuses DRL that reaches past the fact model
 * and helpers (see {@code RuleSafety}) before Drools sees it, and reports a table's problems by its
 * row and column.
 */
package org.cocare.rules.ruleset;
