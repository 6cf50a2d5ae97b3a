/** The rule-set API (and, later, the clinicians' web pages) over the engine's registry. */
package org.cocare.routes.rulesets;
