/**
 * Planning the notifications a patient receives from their open recommendations: which channel and
 * address, which language, which items bundled together, and — just as important — which items are
 * held back and why (consent or opt-out, quiet hours, the weekly cap, too soon after the last
 * notice, the randomised holdout). The planner makes pure decisions over an injected clock; {@code
 * Outreach} runs it in the processing transaction and {@code NotificationStore} keeps the outbox
 * (SQL). Delivering belongs to the routes: this package must not know HTTP, SMTP or Camel.
 */
package org.cocare.engine.notify;
