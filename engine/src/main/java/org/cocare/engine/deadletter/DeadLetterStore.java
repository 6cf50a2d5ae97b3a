package org.cocare.engine.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.cocare.engine.intake.MessageStore;
import org.cocare.engine.jdbc.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The dead-letter store. Recording a failure also marks the stored message failed. */
public final class DeadLetterStore {
  private final JdbcClient jdbc;
  private final MessageStore messages;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Counter deadLettered;

  public DeadLetterStore(
      DataSource dataSource,
      MessageStore messages,
      TransactionTemplate transactions,
      Clock clock,
      MeterRegistry meters) {
    this.jdbc = JdbcClient.create(dataSource);
    this.messages = messages;
    this.transactions = transactions;
    this.clock = clock;
    this.deadLettered =
        Counter.builder("cocare.messages.dead_lettered")
            .description("Messages whose processing failed after receipt")
            .register(meters);
  }

  /** Records a failure of {@code messageId}; returns the id of its (new or updated) open entry. */
  public String record(String messageId, Throwable failure) {
    String error = summary(failure);
    Instant now = clock.instant();
    String id =
        transactions.execute(
            status -> {
              messages.markFailed(messageId, error);
              Optional<DeadLetter> open = openFor(messageId);
              if (open.isPresent()) {
                jdbc.sql(
                        "update dead_letters set failed_at = ?, attempts = attempts + 1, error = ?"
                            + " where id = ?")
                    .params(Timestamps.of(now), error, open.get().id())
                    .update();
                return open.get().id();
              }
              String newId = UUID.randomUUID().toString();
              jdbc.sql(
                      "insert into dead_letters (id, message_id, failed_at, attempts, error, status)"
                          + " values (?, ?, ?, 1, ?, ?)")
                  .params(newId, messageId, Timestamps.of(now), error, code(DeadLetter.Status.OPEN))
                  .update();
              return newId;
            });
    deadLettered.increment();
    return id;
  }

  /** Marks the open entry of {@code messageId}, if any, replayed. */
  public void resolve(String messageId, Instant at) {
    jdbc.sql(
            "update dead_letters set status = ?, replayed_at = ? where message_id = ? and status = ?")
        .params(
            code(DeadLetter.Status.REPLAYED),
            Timestamps.of(at),
            messageId,
            code(DeadLetter.Status.OPEN))
        .update();
  }

  public Optional<DeadLetter> find(String id) {
    return jdbc.sql("select * from dead_letters where id = ?")
        .param(id)
        .query((rs, n) -> map(rs))
        .optional();
  }

  /** Newest first; all when {@code status} is null. */
  public List<DeadLetter> list(DeadLetter.Status status) {
    return status == null
        ? jdbc.sql("select * from dead_letters order by failed_at desc, id")
            .query((rs, n) -> map(rs))
            .list()
        : jdbc.sql("select * from dead_letters where status = ? order by failed_at desc, id")
            .param(code(status))
            .query((rs, n) -> map(rs))
            .list();
  }

  private Optional<DeadLetter> openFor(String messageId) {
    return jdbc.sql("select * from dead_letters where message_id = ? and status = ?")
        .params(messageId, code(DeadLetter.Status.OPEN))
        .query((rs, n) -> map(rs))
        .optional();
  }

  /** The failure as type and message, walking to the root cause; no stack trace, no body. */
  static String summary(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text =
        root.getClass().getSimpleName()
            + (root.getMessage() == null ? "" : ": " + root.getMessage());
    return text.length() > 2000 ? text.substring(0, 2000) : text;
  }

  private static String code(DeadLetter.Status status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  private static DeadLetter map(ResultSet rs) throws SQLException {
    return new DeadLetter(
        rs.getString("id"),
        rs.getString("message_id"),
        Timestamps.read(rs, "failed_at"),
        rs.getInt("attempts"),
        rs.getString("error"),
        DeadLetter.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
        Timestamps.read(rs, "replayed_at"));
  }
}
