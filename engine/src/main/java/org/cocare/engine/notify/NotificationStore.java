package org.cocare.engine.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.cocare.engine.jdbc.Timestamps;
import org.cocare.fhir.outreach.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The notification outbox. A row is inserted planned (with the recommendations it announces, in the
 * caller's transaction), then leaves {@code planned} exactly once: to {@code sent}, to {@code
 * failed} when delivery gives up, or to {@code cancelled} when it is withdrawn before it went (the
 * patient opted out). The status change is conditional on the row still being planned, so two
 * deliverers, or one after a restart, cannot both send it, and a cancelled one is never sent.
 */
public final class NotificationStore {
  private static final int ERROR_LENGTH = 500;

  private final JdbcClient jdbc;

  public NotificationStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  public void insert(Notification n) {
    jdbc.sql(
            "insert into notifications (id, patient_id, channel, address, language, urgent,"
                + " status, not_before, attempts, next_attempt_at, last_error, created_at, sent_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            n.id(),
            n.patientId(),
            n.channel().code(),
            n.address(),
            n.language(),
            n.urgent(),
            n.status().code(),
            Timestamps.of(n.notBefore()),
            n.attempts(),
            Timestamps.of(n.nextAttemptAt()),
            n.lastError(),
            Timestamps.of(n.createdAt()),
            Timestamps.of(n.sentAt()))
        .update();
    for (String recommendation : n.recommendationIds()) {
      jdbc.sql("insert into notification_items (notification_id, recommendation_id) values (?, ?)")
          .params(n.id(), recommendation)
          .update();
    }
  }

  public Optional<Notification> find(String id) {
    return withItems(
            jdbc.sql("select * from notifications where id = ?")
                .param(id)
                .query((rs, n) -> row(rs))
                .list())
        .stream()
        .findFirst();
  }

  /** Planned notifications whose next attempt is due at {@code now}, the earliest first. */
  public List<Notification> due(Instant now, int limit) {
    return withItems(
        jdbc.sql(
                "select * from notifications where status = 'planned' and next_attempt_at <= ?"
                    + " order by next_attempt_at, id fetch first ? rows only")
            .params(Timestamps.of(now), limit)
            .query((rs, n) -> row(rs))
            .list());
  }

  /**
   * Takes a due notification for one delivery attempt: moves its next attempt to {@code leaseUntil}
   * so no other deliverer (and no later poll) picks it up meanwhile. False when it is not planned
   * or not due any more: somebody else has it. Should the deliverer die during the attempt, the
   * notification is due again when the lease ends and is sent with the same idempotency key.
   */
  public boolean claim(String id, Instant now, Instant leaseUntil) {
    return jdbc.sql(
                "update notifications set next_attempt_at = ?"
                    + " where id = ? and status = 'planned' and next_attempt_at <= ?")
            .params(Timestamps.of(leaseUntil), id, Timestamps.of(now))
            .update()
        == 1;
  }

  /**
   * Marks a notification sent; false when it was sent or given up on already, in which case the
   * caller must not count it as its own. One cancelled while it was on its way (the patient opted
   * out during the send) is marked sent: it reached them, and the record must say so.
   */
  public boolean markSent(String id, Instant at) {
    return jdbc.sql(
                "update notifications set status = 'sent', sent_at = ?, attempts = attempts + 1"
                    + " where id = ? and status in ('planned', 'cancelled')")
            .params(Timestamps.of(at), id)
            .update()
        == 1;
  }

  /** Records a failed attempt and when to try again. */
  public void retryLater(String id, String error, Instant nextAttempt) {
    jdbc.sql(
            "update notifications set attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
                + " where id = ? and status = 'planned'")
        .params(shorten(error), Timestamps.of(nextAttempt), id)
        .update();
  }

  /** Gives up on a notification: a permanent failure, recorded with its error. */
  public void markFailed(String id, String error) {
    jdbc.sql(
            "update notifications set status = 'failed', attempts = attempts + 1, last_error = ?"
                + " where id = ? and status = 'planned'")
        .params(shorten(error), id)
        .update();
  }

  /** Cancels a planned notification, with the reason; false when it was not planned any more. */
  public boolean cancel(String id, String reason) {
    return jdbc.sql(
                "update notifications set status = 'cancelled', last_error = ?"
                    + " where id = ? and status = 'planned'")
            .params(shorten(reason), id)
            .update()
        == 1;
  }

  /** The patient's sent notifications, the latest first. */
  public List<Notification> sent(String patientId) {
    return withItems(
        jdbc.sql(
                "select * from notifications where patient_id = ? and status = 'sent'"
                    + " order by sent_at desc, id")
            .param(patientId)
            .query((rs, n) -> row(rs))
            .list());
  }

  /**
   * Cancels the patient's planned notifications that are not urgent, keeping {@code reason} in the
   * row's {@code last_error}; urgent ones still go. Conditional like every status change: one that
   * a deliverer marked sent first stays sent.
   *
   * @return the notifications cancelled here, as they were before
   */
  public List<Notification> cancelPlanned(String patientId, String reason) {
    return cancelPlanned(patientId, reason, false);
  }

  /**
   * As {@link #cancelPlanned(String, String)}, urgent ones too when {@code urgentToo}: for a
   * patient whose record says they died, nothing planned may still go.
   */
  public List<Notification> cancelPlanned(String patientId, String reason, boolean urgentToo) {
    List<Notification> planned =
        withItems(
            jdbc.sql(
                    "select * from notifications where patient_id = ? and status = 'planned'"
                        + (urgentToo ? "" : " and urgent = false")
                        + " order by created_at, id")
                .param(patientId)
                .query((rs, n) -> row(rs))
                .list());
    return planned.stream()
        .filter(
            n ->
                jdbc.sql(
                            "update notifications set status = 'cancelled', last_error = ?"
                                + " where id = ? and status = 'planned'")
                        .params(shorten(reason), n.id())
                        .update()
                    == 1)
        .toList();
  }

  /**
   * When each of the patient's recommendations was last announced by a notification that was sent
   * or is still planned (planned counts: it will go), by recommendation id.
   */
  public Map<String, Instant> lastAnnounced(String patientId) {
    Map<String, Instant> last = new HashMap<>();
    jdbc.sql(
            "select i.recommendation_id, max(n.not_before) as at from notification_items i"
                + " join notifications n on n.id = i.notification_id"
                + " where n.patient_id = ? and n.status in ('planned', 'sent')"
                + " group by i.recommendation_id")
        .param(patientId)
        .query(
            rs -> {
              last.put(rs.getString("recommendation_id"), Timestamps.read(rs, "at"));
            });
    return last;
  }

  /**
   * How many items the patient was told about (or will be, by notifications already planned) at or
   * after {@code since}, counting each recommendation once however many channels carried it.
   */
  public int itemsAnnouncedSince(String patientId, Instant since) {
    return jdbc.sql(
            "select count(distinct i.recommendation_id) from notification_items i"
                + " join notifications n on n.id = i.notification_id"
                + " where n.patient_id = ? and n.status in ('planned', 'sent') and n.not_before >= ?")
        .params(patientId, Timestamps.of(since))
        .query(Integer.class)
        .single();
  }

  /** A notifications row, without the items that {@link #withItems} adds. */
  private record Row(
      String id,
      String patientId,
      Channel channel,
      String address,
      String language,
      boolean urgent,
      Notification.Status status,
      Instant notBefore,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      Instant createdAt,
      Instant sentAt) {
    Notification with(List<String> items) {
      return new Notification(
          id,
          patientId,
          channel,
          address,
          language,
          urgent,
          items,
          status,
          notBefore,
          attempts,
          nextAttemptAt,
          lastError,
          createdAt,
          sentAt);
    }
  }

  /**
   * The rows as notifications, each with the recommendations it announces (in id order): one query
   * for the items of all of them rather than one per notification.
   */
  private List<Notification> withItems(List<Row> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, List<String>> items = new HashMap<>();
    jdbc.sql(
            "select notification_id, recommendation_id from notification_items"
                + " where notification_id in (:ids) order by notification_id, recommendation_id")
        .param("ids", rows.stream().map(Row::id).toList())
        .query(
            rs -> {
              items.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2));
            });
    return rows.stream().map(r -> r.with(items.getOrDefault(r.id(), List.of()))).toList();
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getString("id"),
        rs.getString("patient_id"),
        Channel.of(rs.getString("channel")),
        rs.getString("address"),
        rs.getString("language"),
        rs.getBoolean("urgent"),
        Notification.Status.of(rs.getString("status")),
        Timestamps.read(rs, "not_before"),
        rs.getInt("attempts"),
        Timestamps.read(rs, "next_attempt_at"),
        rs.getString("last_error"),
        Timestamps.read(rs, "created_at"),
        Timestamps.read(rs, "sent_at"));
  }

  private static String shorten(String error) {
    if (error == null) {
      return null;
    }
    return error.length() <= ERROR_LENGTH ? error : error.substring(0, ERROR_LENGTH);
  }
}
