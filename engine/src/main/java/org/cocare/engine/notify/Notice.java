package org.cocare.engine.notify;

import java.util.List;
import java.util.Objects;

/**
 * What one notification tells the patient, in their language: its items in order of importance
 * (urgent first, then follow-ups, screening, education), each with the patient-facing title and
 * text (never the clinician's reason) and, for education, the content's format ({@code
 * decision-aid}, {@code article}, …).
 */
public record Notice(String notificationId, String language, List<Item> items) {

  /** One announced recommendation as the patient reads it. */
  public record Item(String recommendationId, String title, String text, String format) {
    public Item {
      Objects.requireNonNull(recommendationId, "recommendationId");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(text, "text");
    }
  }

  public Notice {
    Objects.requireNonNull(notificationId, "notificationId");
    Objects.requireNonNull(language, "language");
    items = List.copyOf(items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("notice " + notificationId + " has nothing to say");
    }
  }

  /** The most important item: it gives the message its subject. */
  public Item lead() {
    return items.get(0);
  }
}
