package org.cocare.routes.delivery;

import java.util.Locale;
import org.cocare.engine.notify.Notice;
import org.cocare.routes.portal.PortalLinks;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Writes a notice for a channel in the patient's language: the email's subject, HTML (template
 * {@code mail/notice.html}) and plain-text bodies, and the short text of an SMS or push message.
 * Every email carries its tracking link (to the patient's inbox) and its unsubscribe link.
 */
@Component
public class NoticeWriter {
  private final ITemplateEngine templates;
  private final MessageSource messages;
  private final PortalLinks links;

  public NoticeWriter(ITemplateEngine templates, MessageSource messages, PortalLinks links) {
    this.templates = templates;
    this.messages = messages;
    this.links = links;
  }

  /** An email as written: subject, HTML, the plain-text alternative and its unsubscribe link. */
  public record Email(String subject, String html, String text, String unsubscribe) {}

  public Email email(Notice notice) {
    Locale locale = Locale.forLanguageTag(notice.language());
    String open = links.open(notice.notificationId()).toString();
    String unsubscribe = links.unsubscribe(notice.notificationId()).toString();
    Context context = new Context(locale);
    context.setVariable("notice", notice);
    context.setVariable("openLink", open);
    context.setVariable("unsubscribeLink", unsubscribe);
    String html = templates.process("mail/notice", context);
    StringBuilder text = new StringBuilder();
    text.append(message("mail.greeting", locale)).append("\n\n");
    text.append(message("mail.intro", locale)).append("\n\n");
    for (Notice.Item item : notice.items()) {
      text.append("* ").append(item.title()).append("\n");
      if (item.format() != null) {
        text.append("  ").append(message("mail.format." + item.format(), locale)).append("\n");
      }
      text.append("  ").append(item.text()).append("\n\n");
    }
    text.append(message("mail.open", locale)).append(": ").append(open).append("\n\n");
    text.append(message("mail.why-you-get-this", locale)).append("\n");
    text.append(message("mail.unsubscribe", locale)).append(": ").append(unsubscribe).append("\n");
    return new Email(subject(notice, locale), html, text.toString(), unsubscribe);
  }

  /** The short text of an SMS or push message: what, and where to read more. */
  public String shortText(Notice notice) {
    Locale locale = Locale.forLanguageTag(notice.language());
    return subject(notice, locale)
        + " "
        + message("mail.open", locale)
        + ": "
        + links.open(notice.notificationId());
  }

  private String subject(Notice notice, Locale locale) {
    int more = notice.items().size() - 1;
    return more == 0
        ? notice.lead().title()
        : messages.getMessage(
            "mail.subject.more", new Object[] {notice.lead().title(), more}, locale);
  }

  private String message(String key, Locale locale) {
    return messages.getMessage(key, null, locale);
  }
}
