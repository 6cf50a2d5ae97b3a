package org.cocare.routes.evaluate;

import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;

/**
 * The one-line progress display of {@code evaluate} on a terminal: patients done, patients per
 * second and the time left, estimated from the bytes read so far against the total size of the
 * inputs (patients differ in size, bytes are what is known up front). Redrawn in place with a
 * carriage return, at most {@link #INTERVAL_MILLIS} apart, and erased by {@link #clear}, so that
 * what is left on the terminal is only the messages.
 */
final class ProgressBar {
  static final long INTERVAL_MILLIS = 200;
  private static final int WIDTH = 24;
  private static final String ERASE_LINE = "\r\033[K";

  private final PrintStream err;
  private final InstantSource clock;
  private final long totalBytes;
  private final long startMillis;
  private long lastDrawMillis = Long.MIN_VALUE;
  private boolean drawn;

  ProgressBar(PrintStream err, InstantSource clock, long totalBytes) {
    this.err = err;
    this.clock = clock;
    this.totalBytes = totalBytes;
    this.startMillis = clock.millis();
  }

  /** Redraws the line unless it was drawn less than {@link #INTERVAL_MILLIS} ago. */
  void update(long patients, long bytesRead) {
    long now = clock.millis();
    if (drawn && now - lastDrawMillis < INTERVAL_MILLIS) {
      return;
    }
    lastDrawMillis = now;
    drawn = true;
    err.print(ERASE_LINE + line(patients, bytesRead, now - startMillis));
    err.flush();
  }

  /** Erases the line, before a message or at the end; the next update draws it again. */
  void clear() {
    if (drawn) {
      err.print(ERASE_LINE);
      err.flush();
      drawn = false;
    }
  }

  /**
   * {@code [#########---------------] 37% 1,234 patients 3,010/s ETA 0:42}; without a rate or an
   * estimate until the first patient and the first byte.
   */
  String line(long patients, long bytesRead, long elapsedMillis) {
    double fraction = totalBytes <= 0 ? 0 : Math.min(1.0, (double) bytesRead / totalBytes);
    int filled = (int) Math.round(fraction * WIDTH);
    String rate =
        elapsedMillis <= 0 || patients == 0
            ? "–"
            : String.format(Locale.ROOT, "%,.0f", patients * 1000.0 / elapsedMillis);
    return String.format(
        Locale.ROOT,
        "[%s%s] %3d%%  %,d patients  %s/s  ETA %s",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        (int) Math.floor(fraction * 100),
        patients,
        rate,
        eta(bytesRead, elapsedMillis).map(ProgressBar::clock).orElse("–:––"));
  }

  /**
   * The time left if the rest of the bytes go as fast as those read so far; empty before the first
   * byte, when nothing says how fast that is.
   */
  java.util.Optional<Duration> eta(long bytesRead, long elapsedMillis) {
    if (bytesRead <= 0 || elapsedMillis <= 0) {
      return java.util.Optional.empty();
    }
    long left = Math.max(0, totalBytes - bytesRead);
    return java.util.Optional.of(
        Duration.ofMillis(Math.round((double) elapsedMillis * left / bytesRead)));
  }

  /** {@code 0:42}, {@code 12:05}, {@code 1:02:09}. */
  static String clock(Duration duration) {
    long seconds = duration.toSeconds();
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
