package org.cocare.engine.outcome;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.cocare.engine.jdbc.Timestamps;
import org.cocare.rules.recommendation.Kind;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Outcome events, appended and read; there is deliberately no update or delete (a correction is a
 * new event). Writes join the caller's transaction, so an event and the recommendation change it
 * records commit or roll back together.
 */
public final class OutcomeStore {
  /**
   * Events of the same instant (issued and closed in one evaluation, say) in the order a
   * recommendation lives through them, then by code and id so the order is stable.
   */
  private static final Comparator<OutcomeEvent> LIFE_ORDER =
      Comparator.comparing(OutcomeEvent::at)
          .thenComparing(OutcomeEvent::kind)
          .thenComparing(OutcomeEvent::code)
          .thenComparing(OutcomeEvent::id);

  private final JdbcClient jdbc;

  public OutcomeStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  public void append(OutcomeEvent event) {
    jdbc.sql(
            "insert into outcome_events (id, recommendation_id, patient_id, kind, at, rule_id,"
                + " code, measure, recommendation_kind, rule_set_version, evidence,"
                + " days_to_complete, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            event.id(),
            event.recommendationId(),
            event.patientId(),
            event.kind().code(),
            Timestamps.of(event.at()),
            event.ruleId(),
            event.code(),
            event.measure(),
            event.recommendationKind().code(),
            event.ruleSetVersion(),
            event.evidence(),
            event.daysToComplete(),
            event.detail())
        .update();
  }

  /** Everything that happened to the patient's recommendations, oldest first. */
  public List<OutcomeEvent> timeline(String patientId) {
    List<OutcomeEvent> events =
        new ArrayList<>(
            jdbc.sql("select * from outcome_events where patient_id = ?")
                .param(patientId)
                .query((rs, n) -> map(rs))
                .list());
    events.sort(LIFE_ORDER);
    return events;
  }

  /**
   * The patient's events of the given kinds only, oldest first in the same order as {@link
   * #timeline}: what planning and composing a notice need (the patient's answers, the last
   * decisions) without reading every sent, opened and issued event of a long history.
   */
  public List<OutcomeEvent> timeline(String patientId, Set<OutcomeKind> kinds) {
    if (kinds.isEmpty()) {
      return List.of();
    }
    List<Object> params = new ArrayList<>();
    params.add(patientId);
    kinds.forEach(k -> params.add(k.code()));
    List<OutcomeEvent> events =
        new ArrayList<>(
            jdbc.sql(
                    "select * from outcome_events where patient_id = ? and kind in ("
                        + String.join(", ", Collections.nCopies(kinds.size(), "?"))
                        + ")")
                .params(params)
                .query((rs, n) -> map(rs))
                .list());
    events.sort(LIFE_ORDER);
    return events;
  }

  /** The events matching every given filter, newest first, at most the query's limit. */
  public List<OutcomeEvent> search(OutcomeQuery query) {
    StringBuilder sql = new StringBuilder("select * from outcome_events where 1 = 1");
    List<Object> params = new ArrayList<>();
    filter(sql, params, "rule_id = ?", query.ruleId());
    filter(sql, params, "measure = ?", query.measure());
    filter(sql, params, "code = ?", query.code());
    filter(sql, params, "kind = ?", query.kind() == null ? null : query.kind().code());
    filter(
        sql,
        params,
        "recommendation_kind = ?",
        query.recommendationKind() == null ? null : query.recommendationKind().code());
    filter(sql, params, "at >= ?", Timestamps.of(query.from()));
    filter(sql, params, "at < ?", Timestamps.of(query.to()));
    filter(sql, params, "rule_set_version = ?", query.ruleSetVersion());
    if (query.cohort() != null) {
      sql.append(query.cohort() == Cohort.CONTROL ? " and " : " and not ")
          .append(
              "exists (select 1 from outcome_events h where h.recommendation_id ="
                  + " outcome_events.recommendation_id and h.kind = 'held-out')");
    }
    sql.append(" order by at desc, id fetch first ? rows only");
    params.add(query.limit());
    List<OutcomeEvent> events =
        new ArrayList<>(jdbc.sql(sql.toString()).params(params).query((rs, n) -> map(rs)).list());
    events.sort(LIFE_ORDER.reversed());
    return events;
  }

  private static void filter(StringBuilder sql, List<Object> params, String clause, Object value) {
    if (value != null) {
      sql.append(" and ").append(clause);
      params.add(value);
    }
  }

  private static OutcomeEvent map(ResultSet rs) throws SQLException {
    return new OutcomeEvent(
        rs.getString("id"),
        rs.getString("recommendation_id"),
        rs.getString("patient_id"),
        OutcomeKind.fromCode(rs.getString("kind")),
        Timestamps.read(rs, "at"),
        rs.getString("rule_id"),
        rs.getString("code"),
        rs.getString("measure"),
        Kind.fromCode(rs.getString("recommendation_kind")),
        rs.getString("rule_set_version"),
        rs.getString("evidence"),
        rs.getObject("days_to_complete", Integer.class),
        rs.getString("detail"));
  }
}
