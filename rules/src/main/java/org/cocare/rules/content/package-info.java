/**
 * The content catalogue: education items as data (who each serves, in which formats and languages)
 * and the choice of language and plain or standard variant for one patient.
 */
package org.cocare.rules.content;
