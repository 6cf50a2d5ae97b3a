/**
 * A rule set as content: named, versioned text files (DRL, parameters, starter terminology, content
 * catalogue) with a content hash. Loading the shipped default from the classpath lives here;
 * compiling, caching and activating belong to the engine.
 */
package org.cocare.rules.ruleset;
