/**
 * What the rules recommend: the {@link org.cocare.rules.recommendation.Recommendation} fact that
 * action rules insert, and its kinds and priorities. Lifecycle (issue, close) belongs to the
 * engine.
 */
package org.cocare.rules.recommendation;
