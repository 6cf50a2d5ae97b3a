/**
 * Value-set membership: which value sets (by canonical URL) contain a coding, answered in constant
 * time from an index built once. The foundation reads the rule set's starter terminology; ValueSet
 * directories and a remote {@code $expand} come with the clinical content.
 */
package org.cocare.engine.terminology;
