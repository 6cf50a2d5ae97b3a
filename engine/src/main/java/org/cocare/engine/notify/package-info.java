/**
 * Planning the notifications a patient receives from their open recommendations: which channel and
 * address, which language, which items bundled together, and — just as important — which items are
 * held back and why (consent or opt-out, quiet hours, the weekly cap, too soon after the last
 * notice, the randomised holdout). Pure decisions over an injected clock; delivering and recording
 * what happened belong elsewhere. Must not know HTTP, SMTP, Camel or SQL.
 */
package org.cocare.engine.notify;
