package org.cocare.engine.rulesets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.cocare.engine.jdbc.Timestamps;
import org.cocare.engine.rulesets.RuleSetVersion.Status;
import org.cocare.rules.ruleset.RuleSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rule-set versions, their files and the audit trail, in the database (Flyway V3). */
public final class RuleSetStore {
  private final JdbcClient jdbc;
  private long lastAuditId;

  public RuleSetStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** The names of every rule set with at least one version. */
  public List<String> names() {
    return jdbc.sql("select distinct name from rule_set_versions order by name")
        .query(String.class)
        .list();
  }

  public List<RuleSetVersion> versions(String name) {
    return jdbc.sql("select * from rule_set_versions where name = ? order by version")
        .param(name)
        .query((rs, n) -> map(rs))
        .list();
  }

  public Optional<RuleSetVersion> version(String name, int version) {
    return jdbc.sql("select * from rule_set_versions where name = ? and version = ?")
        .params(name, version)
        .query((rs, n) -> map(rs))
        .optional();
  }

  public Optional<RuleSetVersion> active(String name) {
    return jdbc.sql("select * from rule_set_versions where name = ? and status = ?")
        .params(name, Status.ACTIVE.code())
        .query((rs, n) -> map(rs))
        .optional();
  }

  public int nextVersion(String name) {
    Integer max =
        jdbc.sql("select max(version) from rule_set_versions where name = ?")
            .param(name)
            .query(Integer.class)
            .optional()
            .orElse(null);
    return max == null ? 1 : max + 1;
  }

  /** The names of the version's files, without reading their contents. */
  public List<String> fileNames(String name, int version) {
    return jdbc.sql(
            "select file_name from rule_set_files where name = ? and version = ? order by"
                + " file_name")
        .params(name, version)
        .query(String.class)
        .list();
  }

  /** The version's files, as a {@link RuleSet} labelled {@code name@version}. */
  public RuleSet ruleSet(String name, int version) {
    SortedMap<String, String> files = new TreeMap<>();
    jdbc.sql("select file_name, content from rule_set_files where name = ? and version = ?")
        .params(name, version)
        .query(
            (ResultSet rs) -> {
              files.put(rs.getString("file_name"), rs.getString("content"));
            });
    return new RuleSet(name, String.valueOf(version), files);
  }

  public void insert(RuleSetVersion version, RuleSet ruleSet) {
    jdbc.sql(
            "insert into rule_set_versions (name, version, status, content_hash, based_on,"
                + " created_by, created_at, approved_by, approved_at, activated_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            version.name(),
            version.version(),
            version.status().code(),
            version.contentHash(),
            version.basedOn(),
            version.createdBy(),
            Timestamps.of(version.createdAt()),
            version.approvedBy(),
            Timestamps.of(version.approvedAt()),
            Timestamps.of(version.activatedAt()))
        .update();
    ruleSet
        .files()
        .forEach((file, content) -> insertFile(version.name(), version.version(), file, content));
  }

  /** Replaces (or adds) one file of a version and records the version's new content hash. */
  public void putFile(String name, int version, String file, String content, String contentHash) {
    jdbc.sql("delete from rule_set_files where name = ? and version = ? and file_name = ?")
        .params(name, version, file)
        .update();
    insertFile(name, version, file, content);
    jdbc.sql("update rule_set_versions set content_hash = ? where name = ? and version = ?")
        .params(contentHash, name, version)
        .update();
  }

  public void setStatus(String name, int version, Status status) {
    jdbc.sql("update rule_set_versions set status = ? where name = ? and version = ?")
        .params(status.code(), name, version)
        .update();
  }

  public void approve(String name, int version, String approver, Instant at) {
    jdbc.sql(
            "update rule_set_versions set status = ?, approved_by = ?, approved_at = ? where name"
                + " = ? and version = ?")
        .params(Status.APPROVED.code(), approver, Timestamps.of(at), name, version)
        .update();
  }

  public void activate(String name, int version, Instant at) {
    jdbc.sql(
            "update rule_set_versions set status = ?, activated_at = ? where name = ? and version ="
                + " ?")
        .params(Status.ACTIVE.code(), Timestamps.of(at), name, version)
        .update();
  }

  /**
   * Records an audit entry. Ids are 20-digit numbers that grow with every entry (from the entry's
   * time in microseconds, or one more than the last), so the trail keeps its order even when
   * several steps share a timestamp.
   */
  public synchronized void audit(
      String name, Integer version, String action, String actor, Instant at, String detail) {
    if (lastAuditId == 0) {
      lastAuditId =
          jdbc.sql("select max(id) from rule_set_audit")
              .query(String.class)
              .optional()
              .map(Long::parseLong)
              .orElse(0L);
    }
    long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    lastAuditId = Math.max(lastAuditId + 1, micros);
    jdbc.sql(
            "insert into rule_set_audit (id, name, version, action, actor, at, detail)"
                + " values (?, ?, ?, ?, ?, ?, ?)")
        .params(
            String.format("%020d", lastAuditId),
            name,
            version,
            action,
            actor,
            Timestamps.of(at),
            detail)
        .update();
  }

  /** The audit trail of a rule set, oldest first. */
  public List<AuditEntry> audit(String name) {
    return jdbc.sql("select * from rule_set_audit where name = ? order by id")
        .param(name)
        .query(
            (rs, n) ->
                new AuditEntry(
                    rs.getString("id"),
                    rs.getString("name"),
                    (Integer) rs.getObject("version"),
                    rs.getString("action"),
                    rs.getString("actor"),
                    Timestamps.read(rs, "at"),
                    rs.getString("detail")))
        .list();
  }

  private void insertFile(String name, int version, String file, String content) {
    jdbc.sql("insert into rule_set_files (name, version, file_name, content) values (?, ?, ?, ?)")
        .params(name, version, file, content)
        .update();
  }

  private static RuleSetVersion map(ResultSet rs) throws SQLException {
    return new RuleSetVersion(
        rs.getString("name"),
        rs.getInt("version"),
        Status.of(rs.getString("status")),
        rs.getString("content_hash"),
        (Integer) rs.getObject("based_on"),
        rs.getString("created_by"),
        Timestamps.read(rs, "created_at"),
        rs.getString("approved_by"),
        Timestamps.read(rs, "approved_at"),
        Timestamps.read(rs, "activated_at"));
  }
}
