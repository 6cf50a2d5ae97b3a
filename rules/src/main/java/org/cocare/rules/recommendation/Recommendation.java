package org.cocare.rules.recommendation;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One recommendation for one patient, as an action rule inserts it: what ({@code code}, {@code
 * kind}), on whose authority ({@code measure} such as {@code CMS130}, or {@code guideline}), which
 * rule, why in a sentence a clinician can read, the resources that made it fire, when it is due and
 * how urgent it is. {@code catalogueItem} names the education content for education items, and
 * {@code content} is that item as this patient reads it (language, variant, texts), attached after
 * the rules fired; null until then and for other kinds.
 */
public record Recommendation(
    String code,
    Kind kind,
    String measure,
    String guideline,
    String ruleId,
    String reason,
    List<String> evidence,
    LocalDate due,
    Priority priority,
    String catalogueItem,
    EducationContent content) {

  public Recommendation {
    requireText(code, "code");
    Objects.requireNonNull(kind, () -> "recommendation " + code + " needs a kind");
    if (isBlank(measure) && isBlank(guideline)) {
      throw new IllegalArgumentException(
          "recommendation " + code + " must name the measure or guideline it follows");
    }
    requireText(ruleId, "ruleId of " + code);
    requireText(reason, "reason of " + code);
    evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence of " + code));
    Objects.requireNonNull(due, () -> "recommendation " + code + " needs a due date");
    Objects.requireNonNull(priority, () -> "recommendation " + code + " needs a priority");
    if (kind == Kind.EDUCATION && isBlank(catalogueItem)) {
      throw new IllegalArgumentException("education " + code + " must name its catalogue item");
    }
    if (content != null && !content.item().equals(catalogueItem)) {
      throw new IllegalArgumentException(
          "education " + code + " names item " + catalogueItem + " but carries " + content.item());
    }
  }

  /**
   * Anything above routine: such an item reaches the patient despite quiet hours, the weekly cap, a
   * refusal of routine outreach and their own earlier answers, and comes first wherever items are
   * listed.
   */
  public boolean urgent() {
    return priority != Priority.ROUTINE;
  }

  /** This recommendation with the education content the patient will read. */
  public Recommendation withContent(EducationContent content) {
    return new Recommendation(
        code,
        kind,
        measure,
        guideline,
        ruleId,
        reason,
        evidence,
        due,
        priority,
        catalogueItem,
        content);
  }

  /** Patient education from the content catalogue. */
  public static Recommendation education(
      String code,
      String ruleId,
      String guideline,
      String reason,
      List<String> evidence,
      LocalDate due,
      String catalogueItem) {
    return new Recommendation(
        code,
        Kind.EDUCATION,
        null,
        guideline,
        ruleId,
        reason,
        evidence,
        due,
        Priority.ROUTINE,
        catalogueItem,
        null);
  }

  /** A screening reminder following a guideline (for a quality measure use the constructor). */
  public static Recommendation screening(
      String code,
      String ruleId,
      String guideline,
      String reason,
      List<String> evidence,
      LocalDate due) {
    return new Recommendation(
        code,
        Kind.SCREENING_REMINDER,
        null,
        guideline,
        ruleId,
        reason,
        evidence,
        due,
        Priority.ROUTINE,
        null,
        null);
  }

  /**
   * An open care gap of a quality measure: a screening reminder for the patient, or a follow-up
   * task for the care team where the gap is an abnormal result. {@code measure} is the measure id,
   * e.g. {@code CMS130}; {@code guideline} names its version.
   */
  public static Recommendation careGap(
      String code,
      Kind kind,
      String measure,
      String version,
      String ruleId,
      String reason,
      List<String> evidence,
      LocalDate due,
      Priority priority) {
    return new Recommendation(
        code, kind, measure, version, ruleId, reason, evidence, due, priority, null, null);
  }

  /** A task for the care team. */
  public static Recommendation followUp(
      String code,
      String ruleId,
      String guideline,
      String reason,
      List<String> evidence,
      LocalDate due,
      Priority priority) {
    return new Recommendation(
        code,
        Kind.FOLLOW_UP_TASK,
        null,
        guideline,
        ruleId,
        reason,
        evidence,
        due,
        priority,
        null,
        null);
  }

  private static void requireText(String value, String what) {
    if (isBlank(value)) {
      throw new IllegalArgumentException("recommendation " + what + " must not be blank");
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
