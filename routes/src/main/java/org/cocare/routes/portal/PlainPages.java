package org.cocare.routes.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;

/**
 * The short pages a patient sees when a link does not work — expired or forged sign-in (401), a
 * link signed for something else (403), a message that no longer exists (404) — in English or
 * Chinese ({@code ?lang=}, else the browser), with no detail that would help someone probing links.
 */
final class PlainPages {
  private final MessageSource messages;

  PlainPages(MessageSource messages) {
    this.messages = messages;
  }

  /** {@code name} picks {@code portal.plain.<name>.title} and {@code .text}. */
  void write(HttpServletRequest request, HttpServletResponse response, int status, String name)
      throws IOException {
    Locale locale =
        PortalLanguage.offered(request.getParameter("lang"))
            .or(() -> PortalLanguage.browser(request))
            .orElse(Locale.ENGLISH);
    String title =
        HtmlUtils.htmlEscape(messages.getMessage("portal.plain." + name + ".title", null, locale));
    String text =
        HtmlUtils.htmlEscape(messages.getMessage("portal.plain." + name + ".text", null, locale));
    byte[] page =
        ("<!DOCTYPE html><html lang=\""
                + locale.toLanguageTag()
                + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width, initial-scale=1\"><title>"
                + title
                + " · Cocare</title><link rel=\"stylesheet\" href=\"/portal/assets/portal.css\">"
                + "</head><body><main class=\"plain\"><h1 id=\"plain-title\">"
                + title
                + "</h1><p id=\"plain-text\">"
                + text
                + "</p></main></body></html>")
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("text/html;charset=UTF-8");
    response.setContentLength(page.length);
    response.getOutputStream().write(page);
  }
}
