package org.cocare.routes.portal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cocare.engine.portal.PatientAnswerException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /portal/questionnaire}: the participation questionnaire in the patient's portal language,
 * each statement a fieldset of seven radio buttons named by the anchors. Answered in full, the
 * response is ingested and the patient is back in the inbox with a thank-you; with statements left
 * open (or a value the form does not offer), the page comes back with their answers kept, the open
 * statements marked and the error in their language.
 */
@Controller
class QuestionnairePage {
  private final PortalQuestionnaire questionnaire;
  private final PortalProblems problems;

  QuestionnairePage(PortalQuestionnaire questionnaire, PortalProblems problems) {
    this.questionnaire = questionnaire;
    this.problems = problems;
  }

  @GetMapping("/portal/questionnaire")
  String questionnaire(Locale locale, Model model) {
    return page(model, locale, Map.of(), Set.of(), null);
  }

  @PostMapping("/portal/questionnaire")
  String answer(
      @RequestParam Map<String, String> form,
      Authentication patient,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    Map<String, Integer> answers = new LinkedHashMap<>();
    Set<String> open = new LinkedHashSet<>();
    for (String item : PortalQuestionnaire.ITEMS) {
      Integer value = value(form.get(item));
      if (PortalQuestionnaire.inRange(value)) {
        answers.put(item, value);
      } else {
        open.add(item);
      }
    }
    if (!open.isEmpty()) {
      return page(
          model,
          locale,
          answers,
          open,
          problems.message(
              "portal.questionnaire.open",
              null,
              "Please choose an answer for every statement.",
              locale));
    }
    try {
      questionnaire.submit(patient.getName(), answers);
    } catch (PatientAnswerException e) {
      return page(model, locale, answers, Set.of(), problems.message(e, locale));
    }
    redirect.addFlashAttribute("notice", "questionnaire");
    return "redirect:/portal";
  }

  private String page(
      Model model, Locale locale, Map<String, Integer> answers, Set<String> open, String error) {
    model.addAttribute("form", questionnaire.form(locale));
    model.addAttribute("answers", answers);
    model.addAttribute("open", open);
    model.addAttribute("error", error);
    return "portal/questionnaire";
  }

  /** A posted value, or null when absent or not a number (then the statement is still open). */
  private static Integer value(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
