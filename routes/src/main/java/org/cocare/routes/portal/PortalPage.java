package org.cocare.routes.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.cocare.engine.notify.OptOutStore.Source;
import org.cocare.engine.portal.PatientAnswerException;
import org.cocare.engine.portal.PatientAnswers;
import org.cocare.engine.portal.PatientAnswers.OptOutResult;
import org.cocare.routes.portal.HomeReadings.Reading;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The patient's page: {@code /portal} lists their open items (title, why, by when, what they said)
 * with buttons to answer — done, not for me with a reason, remind me later, a 1–5 rating — a form
 * for a home reading and the switch for reminders. Every form posts, is answered with a redirect
 * back to the inbox and a notice (or the refusal) in the patient's language. The message links:
 * {@code /portal/open/{id}} (records opened, then the inbox) and {@code /portal/unsubscribe/{id}}
 * (records the opt-out and says so), each checked against its signature.
 */
@Controller
class PortalPage {
  private final Clock clock;
  private final PatientAnswers answers;
  private final InboxItems items;
  private final HomeReadings readings;
  private final PortalLinks links;
  private final PatientSessions sessions;
  private final PortalProblems problems;
  private final PlainPages plain;

  PortalPage(
      PatientAnswers answers,
      InboxItems items,
      HomeReadings readings,
      PortalLinks links,
      PatientSessions sessions,
      PortalProblems problems,
      PlainPages plain,
      Clock clock) {
    this.clock = clock;
    this.answers = answers;
    this.items = items;
    this.readings = readings;
    this.links = links;
    this.sessions = sessions;
    this.problems = problems;
    this.plain = plain;
  }

  @GetMapping({"/portal", "/portal/"})
  String inbox(Authentication patient, Locale locale, Model model) {
    String patientId = patient.getName();
    model.addAttribute("items", items.of(patientId, locale));
    model.addAttribute("optOut", answers.optOutOf(patientId).orElse(null));
    model.addAttribute("today", LocalDate.now(clock));
    model.addAttribute("reasons", org.cocare.engine.portal.DeclineReason.values());
    return "portal/inbox";
  }

  @PostMapping("/portal/items/{id}/done")
  String done(@PathVariable String id, Authentication patient, RedirectAttributes redirect) {
    return answer(redirect, () -> answers.done(patient.getName(), id), "done");
  }

  @PostMapping("/portal/items/{id}/not-for-me")
  String notForMe(
      @PathVariable String id,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String text,
      Authentication patient,
      RedirectAttributes redirect) {
    return answer(
        redirect, () -> answers.notForMe(patient.getName(), id, reason, text), "declined");
  }

  @PostMapping("/portal/items/{id}/remind-later")
  String remindLater(
      @PathVariable String id,
      @RequestParam(required = false) String until,
      Authentication patient,
      RedirectAttributes redirect) {
    return answer(
        redirect, () -> answers.remindLater(patient.getName(), id, day(until)), "snoozed");
  }

  @PostMapping("/portal/items/{id}/rating")
  String rate(
      @PathVariable String id,
      @RequestParam(required = false) Integer rating,
      Authentication patient,
      RedirectAttributes redirect) {
    return answer(redirect, () -> answers.rate(patient.getName(), id, rating), "rated");
  }

  @PostMapping("/portal/readings")
  String reading(
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String systolic,
      @RequestParam(required = false) String diastolic,
      @RequestParam(required = false) String value,
      @RequestParam(required = false) String unit,
      Authentication patient,
      RedirectAttributes redirect) {
    Reading reading = new Reading(type, number(systolic), number(diastolic), number(value), unit);
    return answer(redirect, () -> readings.submit(patient.getName(), reading), "reading");
  }

  @PostMapping("/portal/opt-out")
  String optOut(Authentication patient, RedirectAttributes redirect) {
    answers.optOut(patient.getName(), Source.PORTAL);
    redirect.addFlashAttribute("notice", "opted-out");
    return "redirect:/portal";
  }

  @PostMapping("/portal/opt-in")
  String optIn(Authentication patient, RedirectAttributes redirect) {
    answers.optIn(patient.getName());
    redirect.addFlashAttribute("notice", "opted-in");
    return "redirect:/portal";
  }

  /**
   * A message's tracking link: records opened for its items, then opens the inbox signed in with a
   * fresh token. A wrong signature is a 404: the link says nothing about whether the message
   * exists.
   */
  @GetMapping("/portal/open/{id}")
  void open(
      @PathVariable String id,
      @RequestParam(required = false) String exp,
      @RequestParam(required = false) String sig,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    if (!links.isOpenLink(id, exp, sig)) {
      plain.write(request, response, 404, "notFound");
      return;
    }
    String patientId;
    try {
      patientId = answers.openedNotification(id);
    } catch (PatientAnswerException e) {
      plain.write(request, response, 404, "notFound");
      return;
    }
    String lang = request.getParameter("lang");
    response.sendRedirect(
        "/portal?token="
            + links.patientToken(patientId)
            + (PortalLanguage.offered(lang).isPresent()
                ? "&lang=" + PortalLanguage.offered(lang).get().toLanguageTag()
                : ""));
  }

  /**
   * A message's unsubscribe link asks before it acts: mail scanners fetch links to check them, and
   * a fetch must neither opt anybody out nor sign anybody in. The page, in the patient's language,
   * has the button that posts back to the same signed link. A wrong or expired link is a 403, an
   * unknown message a 404.
   */
  @GetMapping("/portal/unsubscribe/{id}")
  String confirmUnsubscribe(
      @PathVariable String id,
      @RequestParam(required = false) String exp,
      @RequestParam(required = false) String sig,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model)
      throws IOException {
    String patientId = signedNotificationPatient(id, exp, sig, request, response);
    if (patientId == null) {
      return null;
    }
    sessions.useLanguageOf(request, response, patientId);
    model.addAttribute("action", "/portal/unsubscribe/" + id + "?exp=" + exp + "&sig=" + sig);
    return "portal/unsubscribe";
  }

  /**
   * The confirmed unsubscribe — from the page's button, or a mail client's one-click unsubscribe
   * (RFC 8058: a POST to the List-Unsubscribe link, without cookies; the signature is the
   * authority, so no CSRF token is asked): records the opt-out and says so, with a button to turn
   * reminders back on.
   */
  @PostMapping("/portal/unsubscribe/{id}")
  String unsubscribe(
      @PathVariable String id,
      @RequestParam(required = false) String exp,
      @RequestParam(required = false) String sig,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model)
      throws IOException {
    if (signedNotificationPatient(id, exp, sig, request, response) == null) {
      return null;
    }
    OptOutResult result = answers.unsubscribe(id);
    sessions.signIn(request, response, result.patientId());
    model.addAttribute("patientId", result.patientId());
    return "portal/unsubscribed";
  }

  /** The patient of a notification whose unsubscribe link is genuine; null after a refusal. */
  private String signedNotificationPatient(
      String id, String exp, String sig, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!links.isUnsubscribeLink(id, exp, sig)) {
      plain.write(request, response, 403, "badLink");
      return null;
    }
    try {
      return answers.patientOfNotification(id);
    } catch (PatientAnswerException e) {
      plain.write(request, response, 404, "notFound");
      return null;
    }
  }

  private String answer(RedirectAttributes redirect, Runnable action, String notice) {
    try {
      action.run();
      redirect.addFlashAttribute("notice", notice);
    } catch (PatientAnswerException e) {
      redirect.addFlashAttribute("error", problems.message(e, currentLocale()));
    }
    return "redirect:/portal";
  }

  private static Locale currentLocale() {
    return org.springframework.context.i18n.LocaleContextHolder.getLocale();
  }

  /** A typed number, or null when blank or not a number (then the reading says what is missing). */
  private static BigDecimal number(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return new BigDecimal(text.strip().replace(',', '.'));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static LocalDate day(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      // A date the browser's picker did not write: refused like a day out of range.
      return LocalDate.MIN;
    }
  }
}
