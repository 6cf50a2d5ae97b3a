package org.cocare.engine.recommendation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.cocare.engine.jdbc.Timestamps;
import org.cocare.fhir.server.RecommendationSource;
import org.cocare.rules.recommendation.EducationContent;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Priority;
import org.cocare.rules.recommendation.Recommendation;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Issued recommendations, per patient. */
public final class RecommendationStore implements RecommendationSource {
  private final JdbcClient jdbc;

  public RecommendationStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Every recommendation of the patient, open and ended, oldest first. */
  @Override
  public List<IssuedRecommendation> forPatient(String patientId) {
    return jdbc.sql("select * from recommendations where patient_id = ? order by issued_at, code")
        .param(patientId)
        .query((rs, n) -> map(rs))
        .list();
  }

  public List<IssuedRecommendation> open(String patientId) {
    return jdbc.sql(
            "select * from recommendations where patient_id = ? and status = ? order by issued_at,"
                + " code")
        .params(patientId, IssuedRecommendation.Status.OPEN.code())
        .query((rs, n) -> map(rs))
        .list();
  }

  /** The patients with at least one open recommendation, in id order. */
  public List<String> patientsWithOpen() {
    return jdbc.sql(
            "select distinct patient_id from recommendations where status = ? order by patient_id")
        .param(IssuedRecommendation.Status.OPEN.code())
        .query(String.class)
        .list();
  }

  @Override
  public Optional<IssuedRecommendation> find(String id) {
    return jdbc.sql("select * from recommendations where id = ?")
        .param(id)
        .query((rs, n) -> map(rs))
        .optional();
  }

  /** The recommendations among {@code ids} that exist, by id: one query for several. */
  public Map<String, IssuedRecommendation> findAll(Collection<String> ids) {
    Map<String, IssuedRecommendation> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    jdbc.sql("select * from recommendations where id in (:ids)")
        .param("ids", List.copyOf(ids))
        .query((rs, n) -> map(rs))
        .list()
        .forEach(r -> found.put(r.id(), r));
    return found;
  }

  public void insert(IssuedRecommendation issued) {
    Recommendation r = issued.recommendation();
    EducationContent content = r.content();
    jdbc.sql(
            "insert into recommendations (id, patient_id, code, kind, measure, guideline, rule_id,"
                + " rule_set_version, reason, evidence, due, priority, catalogue_item, status,"
                + " issued_at, content_language, content_variant, content_format, content_title,"
                + " content_summary) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?)")
        .params(
            issued.id(),
            issued.patientId(),
            r.code(),
            r.kind().code(),
            r.measure(),
            r.guideline(),
            r.ruleId(),
            issued.ruleSetVersion(),
            r.reason(),
            String.join(" ", r.evidence()),
            r.due(),
            r.priority().code(),
            r.catalogueItem(),
            issued.status().code(),
            Timestamps.of(issued.issuedAt()),
            content == null ? null : content.language(),
            content == null ? null : content.variant(),
            content == null ? null : content.format(),
            content == null ? null : content.title(),
            content == null ? null : content.summary())
        .update();
  }

  public void close(
      String id, IssuedRecommendation.Status status, Instant at, String reason, String evidence) {
    jdbc.sql(
            "update recommendations set status = ?, closed_at = ?, close_reason = ?, close_evidence"
                + " = ? where id = ?")
        .params(status.code(), Timestamps.of(at), reason, evidence, id)
        .update();
  }

  private static IssuedRecommendation map(ResultSet rs) throws SQLException {
    String evidence = rs.getString("evidence");
    Recommendation recommendation =
        new Recommendation(
            rs.getString("code"),
            Kind.fromCode(rs.getString("kind")),
            rs.getString("measure"),
            rs.getString("guideline"),
            rs.getString("rule_id"),
            rs.getString("reason"),
            evidence.isBlank() ? List.of() : Arrays.asList(evidence.split(" ")),
            rs.getObject("due", LocalDate.class),
            Priority.fromCode(rs.getString("priority")),
            rs.getString("catalogue_item"),
            rs.getString("content_language") == null
                ? null
                : new EducationContent(
                    rs.getString("catalogue_item"),
                    rs.getString("content_language"),
                    rs.getString("content_variant"),
                    rs.getString("content_format"),
                    rs.getString("content_title"),
                    rs.getString("content_summary")));
    return new IssuedRecommendation(
        rs.getString("id"),
        rs.getString("patient_id"),
        recommendation,
        rs.getString("rule_set_version"),
        IssuedRecommendation.Status.valueOf(
            rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
        Timestamps.read(rs, "issued_at"),
        Timestamps.read(rs, "closed_at"),
        rs.getString("close_reason"),
        rs.getString("close_evidence"));
  }
}
