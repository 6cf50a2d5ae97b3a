/**
 * The JSON API under {@code /api}: a patient's recommendations, stored messages and dead letters
 * (with replay). Controllers translate HTTP to engine calls and back; no logic lives here.
 */
package org.cocare.routes.api;
