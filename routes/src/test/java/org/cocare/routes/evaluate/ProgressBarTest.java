package org.cocare.routes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  static final String ERASE = "\r\033[K";

  /** A clock that moves only when the test says. */
  static final class ManualClock implements InstantSource {
    Instant now = Instant.parse("2026-12-31T10:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }
  }

  final ManualClock clock = new ManualClock();
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void line_showsPatientsRateShareAndTimeLeft() {
    ProgressBar bar = new ProgressBar(err, clock, 1_000_000);

    // A quarter of the bytes in 10 s: 30 s to go at the same pace; 2,500 patients in 10 s.
    assertThat(bar.line(2_500, 250_000, 10_000))
        .isEqualTo("[######------------------]  25%  2,500 patients  250/s  ETA 0:30");
  }

  @Test
  void eta_isUnknownBeforeTheFirstByte_andZeroAtTheEnd() {
    ProgressBar bar = new ProgressBar(err, clock, 1_000);

    assertThat(bar.eta(0, 5_000)).isEmpty();
    assertThat(bar.eta(500, 0)).isEmpty();
    assertThat(bar.eta(1_000, 5_000)).contains(Duration.ZERO);
    assertThat(bar.eta(100, 1_000)).contains(Duration.ofSeconds(9));
    assertThat(bar.line(0, 0, 0)).endsWith("0 patients  –/s  ETA –:––");
  }

  @Test
  void clock_hasHoursOnlyWhenNeeded() {
    assertThat(ProgressBar.clock(Duration.ofSeconds(42))).isEqualTo("0:42");
    assertThat(ProgressBar.clock(Duration.ofSeconds(725))).isEqualTo("12:05");
    assertThat(ProgressBar.clock(Duration.ofSeconds(3729))).isEqualTo("1:02:09");
  }

  @Test
  void update_drawsAtMostFiveTimesASecond_fromTheStart() {
    ProgressBar bar = new ProgressBar(err, clock, 1_000);

    bar.update(1, 100);
    clock.advance(Duration.ofMillis(199));
    bar.update(2, 200);
    assertThat(printed()).containsOnlyOnce(ERASE).contains(" 1 patients");

    clock.advance(Duration.ofMillis(1));
    bar.update(3, 300);
    assertThat(printed().split("\r", -1)).hasSize(3);
    assertThat(printed()).endsWith("[#######-----------------]  30%  3 patients  15/s  ETA 0:00");
  }

  @Test
  void clear_erasesTheLine_andTheNextUpdateDrawsAtOnce() {
    ProgressBar bar = new ProgressBar(err, clock, 1_000);
    bar.clear();
    assertThat(printed()).isEmpty();

    bar.update(1, 100);
    bar.clear();
    assertThat(printed()).endsWith(ERASE);
    bar.update(2, 200);

    assertThat(printed()).endsWith("2 patients  –/s  ETA –:––");
  }
}
