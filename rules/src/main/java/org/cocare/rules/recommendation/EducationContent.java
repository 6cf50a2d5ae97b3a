package org.cocare.rules.recommendation;

import java.util.Objects;

/**
 * What the patient reads for one education recommendation: the catalogue {@code item} in {@code
 * language}, its {@code variant} ({@link #STANDARD} or {@link #PLAIN}) and {@code format} (article,
 * video, decision-aid, group-invitation), with the title and summary in that language and variant.
 */
public record EducationContent(
    String item, String language, String variant, String format, String title, String summary) {
  public static final String STANDARD = "standard";
  public static final String PLAIN = "plain";

  public EducationContent {
    Objects.requireNonNull(item, "education content needs its catalogue item");
    Objects.requireNonNull(language, () -> "education content of " + item + " needs a language");
    Objects.requireNonNull(format, () -> "education content of " + item + " needs a format");
    if (!STANDARD.equals(variant) && !PLAIN.equals(variant)) {
      throw new IllegalArgumentException(
          "education content of " + item + " has variant " + variant + ", not standard or plain");
    }
    if (title == null || title.isBlank() || summary == null || summary.isBlank()) {
      throw new IllegalArgumentException(
          "education content of " + item + "/" + language + " needs a title and a summary");
    }
  }
}
