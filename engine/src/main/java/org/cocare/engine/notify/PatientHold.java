package org.cocare.engine.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cocare.engine.outcome.OutcomeEvent;
import org.cocare.engine.outcome.OutcomeKind;

/**
 * What the patient last answered about an item, where it holds its notices back: they declined it
 * (never again), reported it done (not while it stays open, waiting for evidence to close it), or
 * asked to be reminded later (not before {@code until}, a day in their own zone). The latest answer
 * counts, so a patient who changes their mind is heard: a snooze after "not for me" ends the
 * refusal when the snooze does.
 */
public record PatientHold(Answer answer, LocalDate until) {

  public enum Answer {
    DECLINED,
    REPORTED_DONE,
    SNOOZED
  }

  /** The outcome kinds that are a patient's answer {@link #latest} reads; others it skips. */
  public static final Set<OutcomeKind> ANSWERS =
      EnumSet.of(OutcomeKind.DECLINED, OutcomeKind.SELF_REPORTED_DONE, OutcomeKind.SNOOZED);

  /** How a snooze's day is written in its outcome event's detail, and read back. */
  static final String UNTIL = "until=";

  public PatientHold {
    Objects.requireNonNull(answer, "answer");
    if ((answer == Answer.SNOOZED) != (until != null)) {
      throw new IllegalArgumentException("a snooze, and only a snooze, has an end: " + answer);
    }
  }

  /**
   * Why this answer holds the item's notices back at {@code now} (the snooze's day read in {@code
   * zone}), or null when it does not any more.
   */
  public String reasonAt(Instant now, ZoneId zone) {
    return switch (answer) {
      case DECLINED -> "patient answered not for me: not announced again";
      case REPORTED_DONE ->
          "patient reported it done: not reminded while it waits for the evidence";
      case SNOOZED ->
          now.isBefore(until.atStartOfDay(zone).toInstant())
              ? "patient asked to be reminded later: not before " + until
              : null;
    };
  }

  /** The detail a snoozed outcome event carries, which {@link #latest} reads back. */
  public static String snoozeDetail(LocalDate until) {
    return UNTIL + until;
  }

  /**
   * The latest answer per recommendation id in a patient's timeline (oldest first), for the
   * recommendations that have one.
   */
  public static Map<String, PatientHold> latest(List<OutcomeEvent> timeline) {
    Map<String, PatientHold> holds = new HashMap<>();
    for (OutcomeEvent event : timeline) {
      switch (event.kind()) {
        case DECLINED ->
            holds.put(event.recommendationId(), new PatientHold(Answer.DECLINED, null));
        case SELF_REPORTED_DONE ->
            holds.put(event.recommendationId(), new PatientHold(Answer.REPORTED_DONE, null));
        case SNOOZED -> {
          PatientHold snooze = snoozed(event.detail());
          if (snooze == null) {
            holds.remove(event.recommendationId());
          } else {
            holds.put(event.recommendationId(), snooze);
          }
        }
        default -> {
          // Other events (sent, opened, rated…) are not the patient's word on being reminded.
        }
      }
    }
    return holds;
  }

  private static PatientHold snoozed(String detail) {
    if (detail != null) {
      for (String part : detail.split(";")) {
        String field = part.strip();
        if (field.startsWith(UNTIL)) {
          try {
            return new PatientHold(
                Answer.SNOOZED, LocalDate.parse(field.substring(UNTIL.length())));
          } catch (DateTimeParseException e) {
            // Written by the portal in this very format; an unreadable one holds nothing back.
            return null;
          }
        }
      }
    }
    return null;
  }
}
