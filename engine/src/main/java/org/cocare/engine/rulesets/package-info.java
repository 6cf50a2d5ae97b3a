/**
 * Rule sets as versioned bundles in the database: drafts and their edits, validation, running a
 * version's scenarios, four-eyes approval, activation swapped into the rule engine off the request
 * path, roll back, the audit trail, export and import, and the impact preview. Knows no HTTP: the
 * routes module exposes it, and who may do what is decided there (four eyes excepted, which needs
 * the audit trail and is enforced here).
 */
package org.cocare.engine.rulesets;
