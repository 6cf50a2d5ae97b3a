/**
 * Receiving messages: every body is stored raw (receive time, source, content hash) before it is
 * parsed; then validated, and refused, accepted or recognised as a duplicate (same content hash, or
 * same Bundle / MessageHeader id as a message already taken).
 */
package org.cocare.engine.intake;
