package org.cocare.fhir.value;

import java.util.List;

/**
 * The three scales of Cocare's participation questionnaire, each a few 1–7 Likert items (1 =
 * strongly disagree, 7 = strongly agree) identified by their {@code linkId}. A scale's score is the
 * mean of its items.
 */
public enum Scale {
  /**
   * Participation ability: understanding one's condition, finding information, voicing concerns,
   * managing treatment.
   */
  ABILITY(
      "ability", List.of("ability-understand", "ability-find", "ability-voice", "ability-manage")),
  /**
   * Value co-creation behaviour: sharing information, following the agreed plan, giving feedback,
   * helping others.
   */
  BEHAVIOUR(
      "behaviour",
      List.of("behaviour-share", "behaviour-follow", "behaviour-feedback", "behaviour-help")),
  /** Perceived value: worth the time and effort, quality, would recommend. */
  VALUE("value", List.of("value-worth", "value-quality", "value-recommend"));

  /** The lowest and highest answer of every item. */
  public static final int MIN = 1;

  public static final int MAX = 7;

  private final String code;
  private final List<String> items;

  Scale(String code, List<String> items) {
    this.code = code;
    this.items = items;
  }

  /** The scale's stable name: its group's {@code linkId} in the questionnaire and its API name. */
  public String code() {
    return code;
  }

  /** The {@code linkId}s of the scale's items, in questionnaire order. */
  public List<String> items() {
    return items;
  }
}
