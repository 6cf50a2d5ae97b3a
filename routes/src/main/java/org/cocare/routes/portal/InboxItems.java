package org.cocare.routes.portal;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.cocare.engine.notify.PatientHold;
import org.cocare.engine.portal.PatientAnswers;
import org.cocare.engine.portal.PatientAnswers.OpenItem;
import org.cocare.engine.rules.CompiledRuleSet;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.rules.recommendation.EducationContent;
import org.cocare.rules.recommendation.Priority;
import org.cocare.rules.recommendation.Recommendation;
import org.springframework.context.MessageSource;

/**
 * A patient's open items as they read them, in their language. Education items show the catalogue
 * content (title and summary) in that language when the active rule set offers it, else as it was
 * issued. Other items have no patient text of their own (their reason is written for clinicians),
 * so their title and why come from the portal's messages, per code ({@code portal.item.<code>.*})
 * where one is written and per kind otherwise; what to do comes per kind.
 */
final class InboxItems {
  private final PatientAnswers answers;
  private final RuleEngine rules;
  private final MessageSource messages;

  InboxItems(PatientAnswers answers, RuleEngine rules, MessageSource messages) {
    this.answers = answers;
    this.rules = rules;
    this.messages = messages;
  }

  /**
   * One open item: what ({@code code}, {@code kind}, {@code title}, {@code text}), why in plain
   * words, by when, whether urgent, and what the patient last said ({@code answer}: {@code
   * declined}, {@code reported-done} or {@code snoozed} until {@code remindFrom}; their {@code
   * rating}).
   */
  record ItemView(
      String id,
      String code,
      String kind,
      String title,
      String text,
      String why,
      LocalDate due,
      boolean urgent,
      String format,
      String answer,
      LocalDate remindFrom,
      Integer rating) {}

  /** Urgent items first, then the earliest due. */
  List<ItemView> of(String patientId, Locale locale) {
    return answers.openItems(patientId).stream()
        .map(item -> view(item, locale))
        .sorted(Comparator.comparing((ItemView i) -> !i.urgent()).thenComparing(ItemView::due))
        .toList();
  }

  private ItemView view(OpenItem item, Locale locale) {
    Recommendation r = item.recommendation().recommendation();
    String kind = r.kind().code();
    EducationContent content = content(r, locale);
    String title;
    String text;
    if (content != null) {
      title = content.title();
      text = content.summary();
    } else {
      title =
          message("portal.item." + r.code() + ".title", "portal.kind." + kind + ".title", locale);
      text = message("portal.kind." + kind + ".text", "portal.kind." + kind + ".text", locale);
    }
    String why =
        message("portal.item." + r.code() + ".why", "portal.kind." + kind + ".why", locale);
    PatientHold hold = item.answer();
    return new ItemView(
        item.recommendation().id(),
        r.code(),
        kind,
        title,
        text,
        why,
        r.due(),
        r.priority() != Priority.ROUTINE,
        content == null ? null : content.format(),
        hold == null ? null : answer(hold.answer()),
        hold == null ? null : hold.until(),
        item.rating());
  }

  /** The item's education content in {@code locale}'s language where offered, else as issued. */
  private EducationContent content(Recommendation r, Locale locale) {
    EducationContent issued = r.content();
    if (issued == null) {
      return null;
    }
    try {
      CompiledRuleSet active = rules.active();
      String language = active.ruleBase().languageFor(locale.toLanguageTag(), active.parameters());
      if (language.equals(issued.language())) {
        return issued;
      }
      return active
          .ruleBase()
          .catalogue()
          .content(issued.item(), language, EducationContent.PLAIN.equals(issued.variant()));
    } catch (IllegalArgumentException e) {
      // The active rule set no longer has the item: the text it was issued with still serves.
      return issued;
    }
  }

  private String message(String key, String fallbackKey, Locale locale) {
    String specific = messages.getMessage(key, null, null, locale);
    return specific != null ? specific : messages.getMessage(fallbackKey, null, locale);
  }

  private static String answer(PatientHold.Answer answer) {
    return switch (answer) {
      case DECLINED -> "declined";
      case REPORTED_DONE -> "reported-done";
      case SNOOZED -> "snoozed";
    };
  }
}
