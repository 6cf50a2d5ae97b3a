/**
 * What a patient says back about their own recommendations — done, not for me (with a reason),
 * remind me later, a usefulness rating, opened — and their opt-out of outreach, recorded as outcome
 * events that the notification planner then respects. Every answer is checked to be about one of
 * the patient's own open recommendations. Knows nothing of HTTP, tokens or pages; never logs what a
 * patient wrote.
 */
package org.cocare.engine.portal;
