/**
 * Messages whose processing failed after they were stored: one open entry per message with its
 * latest error and attempt count, resolved when a replay succeeds.
 */
package org.cocare.engine.deadletter;
