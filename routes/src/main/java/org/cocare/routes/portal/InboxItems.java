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
import org.cocare.rules.content.NoticeTexts;
import org.cocare.rules.content.NoticeTexts.NoticeText;
import org.cocare.rules.recommendation.EducationContent;
import org.cocare.rules.recommendation.Recommendation;
import org.springframework.context.MessageSource;

/**
 * A patient's open items as they read them, in their language. Education items show the catalogue
 * content (title and summary) in that language when the active rule set offers it, else as it was
 * issued. Other items show the plain-language texts their messages use ({@link NoticeTexts}: per
 * code, else per kind), never the clinician's reason; what to do comes per kind.
 */
final class InboxItems {
  private final PatientAnswers answers;
  private final RuleEngine rules;
  private final MessageSource messages;
  private final NoticeTexts texts;

  InboxItems(PatientAnswers answers, RuleEngine rules, MessageSource messages, NoticeTexts texts) {
    this.answers = answers;
    this.rules = rules;
    this.messages = messages;
    this.texts = texts;
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

  /**
   * Urgent items first, then the earliest due. Showing them is recorded: each item's first showing
   * is its {@code acknowledged} event.
   */
  List<ItemView> of(String patientId, Locale locale) {
    return answers.showInbox(patientId).stream()
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
    String why;
    if (content != null) {
      title = content.title();
      text = content.summary();
      why = messages.getMessage("portal.kind." + kind + ".why", null, locale);
    } else {
      // The same words the patient's messages use (notice-texts.csv), then what to do.
      NoticeText notice = texts.of(r.code(), r.kind(), language(locale));
      title = notice.title();
      why = notice.text();
      text = messages.getMessage("portal.kind." + kind + ".text", null, locale);
    }
    PatientHold hold = item.answer();
    return new ItemView(
        item.recommendation().id(),
        r.code(),
        kind,
        title,
        text,
        why,
        r.due(),
        r.urgent(),
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
      String language = language(locale);
      if (language.equals(issued.language())) {
        return issued;
      }
      return rules
          .active()
          .ruleBase()
          .catalogue()
          .content(issued.item(), language, EducationContent.PLAIN.equals(issued.variant()));
    } catch (IllegalArgumentException e) {
      // The active rule set no longer has the item: the text it was issued with still serves.
      return issued;
    }
  }

  private String language(Locale locale) {
    CompiledRuleSet active = rules.active();
    return active.ruleBase().languageFor(locale.toLanguageTag(), active.parameters());
  }

  private static String answer(PatientHold.Answer answer) {
    return switch (answer) {
      case DECLINED -> "declined";
      case REPORTED_DONE -> "reported-done";
      case SNOOZED -> "snoozed";
    };
  }
}
