/**
 * Outcomes: what happened to each recommendation after it was issued, as append-only events
 * (issued, sent, opened, completed with its evidence, superseded…), per patient and searchable by
 * rule, measure and period. Knows recommendations only as the rules module describes them; knows
 * nothing of HTTP, delivery channels or patient traits. Events carry ids and codes, never clinical
 * values.
 */
package org.cocare.engine.outcome;
