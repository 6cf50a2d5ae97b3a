package org.cocare.engine.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.cocare.engine.jdbc.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The append-only store of received messages. Rows are never deleted; only their status moves. */
public final class MessageStore {
  private static final String COLUMNS =
      "id, received_at, last_received_at, receive_count, source, content_type, content_hash,"
          + " business_key, status, status_detail, duplicate_of, processed_at";

  private final JdbcClient jdbc;

  public MessageStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Stores a new body; fails with a duplicate-key error if the same content was stored before. */
  public void insert(
      String id, Instant receivedAt, String source, String contentType, String hash, byte[] body) {
    jdbc.sql(
            "insert into messages (id, received_at, last_received_at, receive_count, source,"
                + " content_type, content_hash, body, status) values (?, ?, ?, 1, ?, ?, ?, ?, ?)")
        .params(
            id,
            Timestamps.of(receivedAt),
            Timestamps.of(receivedAt),
            source,
            contentType,
            hash,
            body,
            MessageStatus.RECEIVED.code())
        .update();
  }

  public Optional<StoredMessage> find(String id) {
    return jdbc.sql("select " + COLUMNS + ", body from messages where id = ?")
        .param(id)
        .query((rs, n) -> map(rs, true))
        .optional();
  }

  public Optional<StoredMessage> findByHash(String hash) {
    return jdbc.sql("select " + COLUMNS + ", body from messages where content_hash = ?")
        .param(hash)
        .query((rs, n) -> map(rs, true))
        .optional();
  }

  /** The earliest other message with this business key that was taken (received or processed). */
  public Optional<StoredMessage> findTakenByBusinessKey(String key, String excludingId) {
    return jdbc
        .sql(
            "select "
                + COLUMNS
                + " from messages where business_key = ? and id <> ? and status in (?, ?, ?)"
                + " order by received_at")
        .params(
            key,
            excludingId,
            MessageStatus.RECEIVED.code(),
            MessageStatus.PROCESSED.code(),
            MessageStatus.FAILED.code())
        .query((rs, n) -> map(rs, false))
        .list()
        .stream()
        .findFirst();
  }

  /** Newest first, at most {@code limit}; without bodies. */
  public List<StoredMessage> list(MessageStatus status, int limit) {
    String where = status == null ? "" : " where status = :status";
    JdbcClient.StatementSpec query =
        jdbc.sql(
                "select "
                    + COLUMNS
                    + " from messages"
                    + where
                    + " order by received_at desc, id limit :limit")
            .param("limit", limit);
    if (status != null) {
      query = query.param("status", status.code());
    }
    return query.query((rs, n) -> map(rs, false)).list();
  }

  public void touch(String id, Instant at) {
    jdbc.sql(
            "update messages set receive_count = receive_count + 1, last_received_at = ? where id = ?")
        .params(Timestamps.of(at), id)
        .update();
  }

  public void setBusinessKey(String id, String key) {
    jdbc.sql("update messages set business_key = ? where id = ?").params(key, id).update();
  }

  public void markRejected(String id, String outcomeJson) {
    setStatus(id, MessageStatus.REJECTED, outcomeJson);
  }

  public void markFailed(String id, String error) {
    setStatus(id, MessageStatus.FAILED, error);
  }

  public void markDuplicate(String id, String originalId) {
    jdbc.sql("update messages set status = ?, duplicate_of = ? where id = ?")
        .params(MessageStatus.DUPLICATE.code(), originalId, id)
        .update();
  }

  public void markProcessed(String id, Instant at) {
    jdbc.sql("update messages set status = ?, status_detail = null, processed_at = ? where id = ?")
        .params(MessageStatus.PROCESSED.code(), Timestamps.of(at), id)
        .update();
  }

  private void setStatus(String id, MessageStatus status, String detail) {
    jdbc.sql("update messages set status = ?, status_detail = ? where id = ?")
        .params(status.code(), detail, id)
        .update();
  }

  private static StoredMessage map(ResultSet rs, boolean withBody) throws SQLException {
    return new StoredMessage(
        rs.getString("id"),
        Timestamps.read(rs, "received_at"),
        Timestamps.read(rs, "last_received_at"),
        rs.getInt("receive_count"),
        rs.getString("source"),
        rs.getString("content_type"),
        rs.getString("content_hash"),
        rs.getString("business_key"),
        MessageStatus.fromCode(rs.getString("status")),
        rs.getString("status_detail"),
        rs.getString("duplicate_of"),
        Timestamps.read(rs, "processed_at"),
        withBody ? rs.getBytes("body") : null);
  }
}
