/**
 * Dry-run evaluation, for people and scripts: {@code POST /api/evaluate} and {@code cocare.jar
 * evaluate PATH...} give the same JSON per patient and change nothing.
 */
package org.cocare.routes.evaluate;
