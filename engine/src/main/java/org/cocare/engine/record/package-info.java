/**
 * The patient record: the newest version of every resource of each patient, upserted by type and
 * id. An older version never overwrites a newer one; the same version is a no-op; a delete removes.
 */
package org.cocare.engine.record;
