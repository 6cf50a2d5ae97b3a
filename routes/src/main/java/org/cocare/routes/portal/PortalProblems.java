package org.cocare.routes.portal;

import java.util.Locale;
import org.cocare.engine.portal.PatientAnswerException;
import org.springframework.context.MessageSource;

/**
 * A refused answer or reading in the patient's language: {@code portal.error.<problem>} with the
 * exception's arguments, a reading's field named as the form names it. The English message of the
 * exception stands in for a problem without a translation.
 */
final class PortalProblems {
  private final MessageSource messages;

  PortalProblems(MessageSource messages) {
    this.messages = messages;
  }

  String message(PatientAnswerException e, Locale locale) {
    Object[] arguments = e.arguments().stream().map(String::valueOf).toArray();
    if (e.problem().startsWith("reading-") && arguments.length > 0) {
      arguments[0] =
          messages.getMessage(
              "portal.reading." + arguments[0], null, (String) arguments[0], locale);
    }
    return message("portal.error." + e.problem(), arguments, e.getMessage(), locale);
  }

  String message(String key, Object[] arguments, String fallback, Locale locale) {
    return messages.getMessage(key, arguments, fallback, locale);
  }
}
