package org.cocare.engine.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.cocare.engine.jdbc.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Patients who opted out of outreach themselves, through an unsubscribe link or the portal: while
 * the opt-out stands, only urgent items are sent, as under a Consent that denies outreach. Opting
 * back in removes it. Every change is also appended to a history, so it can be shown when and how a
 * patient opted out or in. Writes join the caller's transaction.
 */
public final class OptOutStore {

  /** How a patient opted out or in; {@link #code()} is stored. */
  public enum Source {
    UNSUBSCRIBE_LINK("unsubscribe-link", "unsubscribe link"),
    PORTAL("portal", "portal");

    private final String code;
    private final String description;

    Source(String code, String description) {
      this.code = code;
      this.description = description;
    }

    public String code() {
      return code;
    }

    /** For reasons people read: "unsubscribe link". */
    public String description() {
      return description;
    }

    public static Source of(String code) {
      return Arrays.stream(values())
          .filter(s -> s.code.equals(code))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown opt-out source: " + code));
    }
  }

  /** A standing opt-out: since when, and how it was made. */
  public record OptOut(String patientId, Instant at, Source source) {
    public OptOut {
      Objects.requireNonNull(patientId, "patientId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(source, "source");
    }
  }

  /** One opt-out or opt-in as it happened. */
  public record Change(String patientId, Instant at, Action action, Source source) {}

  public enum Action {
    OPT_OUT("opt-out"),
    OPT_IN("opt-in");

    private final String code;

    Action(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    static Action of(String code) {
      return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst().orElseThrow();
    }
  }

  private final JdbcClient jdbc;

  public OptOutStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /**
   * Records the patient's opt-out; false (and nothing changed) when one already stands, which keeps
   * its original time and source.
   */
  public boolean optOut(String patientId, Source source, Instant at) {
    // "on conflict do nothing", not a check then an insert: two clicks on the same link at once
    // must not fail the second (PostgreSQL would abort the whole transaction on the duplicate).
    boolean added =
        jdbc.sql(
                    "insert into outreach_opt_outs (patient_id, at, source) values (?, ?, ?)"
                        + " on conflict do nothing")
                .params(patientId, Timestamps.of(at), source.code())
                .update()
            == 1;
    if (added) {
      append(patientId, at, Action.OPT_OUT, source);
    }
    return added;
  }

  /** Removes the patient's opt-out; false when there was none. */
  public boolean optIn(String patientId, Source source, Instant at) {
    boolean removed =
        jdbc.sql("delete from outreach_opt_outs where patient_id = ?").param(patientId).update()
            == 1;
    if (removed) {
      append(patientId, at, Action.OPT_IN, source);
    }
    return removed;
  }

  public Optional<OptOut> find(String patientId) {
    return jdbc.sql("select * from outreach_opt_outs where patient_id = ?")
        .param(patientId)
        .query(
            (rs, n) ->
                new OptOut(
                    rs.getString("patient_id"),
                    Timestamps.read(rs, "at"),
                    Source.of(rs.getString("source"))))
        .optional();
  }

  /** The patient's opt-outs and opt-ins, oldest first. */
  public List<Change> history(String patientId) {
    return jdbc.sql("select * from outreach_opt_out_events where patient_id = ? order by at, id")
        .param(patientId)
        .query((rs, n) -> change(rs))
        .list();
  }

  private void append(String patientId, Instant at, Action action, Source source) {
    jdbc.sql(
            "insert into outreach_opt_out_events (id, patient_id, at, action, source)"
                + " values (?, ?, ?, ?, ?)")
        .params(
            UUID.randomUUID().toString(),
            patientId,
            Timestamps.of(at),
            action.code(),
            source.code())
        .update();
  }

  private static Change change(ResultSet rs) throws SQLException {
    return new Change(
        rs.getString("patient_id"),
        Timestamps.read(rs, "at"),
        Action.of(rs.getString("action")),
        Source.of(rs.getString("source")));
  }
}
