package org.cocare.engine.value;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.cocare.engine.jdbc.Timestamps;
import org.cocare.engine.outcome.OutcomeKind;
import org.cocare.fhir.value.ParticipationQuestionnaire;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.fhir.value.PatientTraitsReader;
import org.cocare.fhir.value.QuestionnaireAnswers;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.ruleset.ValueConfiguration;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads what value analysis follows from the stores: each recommendation issued in a period with
 * what its outcome events say it reached, and the notification that announced it. Three queries per
 * call, whatever the number of recommendations (the analysis counts in memory).
 */
public final class ValueSource {
  private static final Logger LOG = LoggerFactory.getLogger(ValueSource.class);

  private static final Map<OutcomeKind, Stage> STAGES =
      Map.of(
          OutcomeKind.SENT, Stage.SENT,
          OutcomeKind.DELIVERED, Stage.DELIVERED,
          OutcomeKind.OPENED, Stage.OPENED,
          OutcomeKind.ACKNOWLEDGED, Stage.ACKNOWLEDGED,
          OutcomeKind.COMPLETED, Stage.COMPLETED);

  private static final String PORTAL = "portal";
  private static final long SECONDS_PER_DAY = 86_400;

  /** Responses that count: in progress or stopped ones are not the patient's answer yet. */
  private static final Set<QuestionnaireResponseStatus> ANSWERED =
      Set.of(QuestionnaireResponseStatus.COMPLETED, QuestionnaireResponseStatus.AMENDED);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final FhirContext context;
  private final PatientTraitsReader traitsReader;
  private final ParticipationQuestionnaire questionnaire;

  public ValueSource(
      DataSource dataSource,
      Clock clock,
      FhirContext context,
      ParticipationQuestionnaire questionnaire) {
    this.jdbc = JdbcClient.create(dataSource);
    this.clock = clock;
    this.context = context;
    this.traitsReader = new PatientTraitsReader(context);
    this.questionnaire = questionnaire;
  }

  /**
   * The traits of every patient with a stored record, as it states them today. Reads only the
   * resources traits come from: the Patient, Encounters, and the Observations that mention the
   * education code (a text pre-filter; the reader checks the code itself).
   */
  public Map<String, PatientTraits> traits() {
    Map<String, List<String>> records = new HashMap<>();
    jdbc.sql(
            "select patient_id, content from patient_resources where resource_type in ('Patient',"
                + " 'Encounter') or (resource_type = 'Observation' and content like ?)")
        .param("%" + PatientTraitsReader.EDUCATION + "%")
        .query(
            (ResultSet rs) -> {
              records
                  .computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                  .add(rs.getString(2));
            });
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Map<String, PatientTraits> traits = new HashMap<>();
    records.forEach((id, json) -> traits.put(id, traitsReader.readJson(id, json, today)));
    return traits;
  }

  /**
   * Every completed (or amended) response to the participation questionnaire in the stored records;
   * a patient may have several. A response with an answer outside the scales is left out (and
   * logged by id).
   */
  public List<QuestionnaireAnswers> answers() {
    IParser parser = context.newJsonParser();
    List<QuestionnaireAnswers> answers = new ArrayList<>();
    jdbc.sql("select content from patient_resources where resource_type = 'QuestionnaireResponse'")
        .query(
            (ResultSet rs) -> {
              QuestionnaireResponse response =
                  parser.parseResource(QuestionnaireResponse.class, rs.getString(1));
              if (questionnaire.isResponseTo(response) && ANSWERED.contains(response.getStatus())) {
                try {
                  answers.add(questionnaire.answers(response));
                } catch (IllegalArgumentException e) {
                  // /fhir takes any response a forms system sends: one that answers outside the
                  // scales is left out rather than failing every figure. Its id only: the message
                  // quotes the answer.
                  LOG.warn(
                      "QuestionnaireResponse/{} is left out of value analysis: an answer is not"
                          + " a 1-7 value",
                      response.getIdElement().getIdPart());
                }
              }
            });
    return answers;
  }

  /**
   * The recommendations issued in {@code [from, to)} (either end may be null: open), followed up to
   * now. {@code configurations} gives a rule's value configuration (null when it names none).
   */
  public List<FollowedRecommendation> recommendations(
      Instant from, Instant to, Function<String, ValueConfiguration> configurations) {
    Period period = new Period(from, to);
    Map<String, Events> events = new HashMap<>();
    period
        .query(
            jdbc,
            "select e.recommendation_id, e.kind, e.at, r.issued_at from outcome_events e join"
                + " recommendations r on r.id = e.recommendation_id")
        .query(
            (ResultSet rs) -> {
              Events e = events.computeIfAbsent(rs.getString(1), id -> new Events());
              OutcomeKind kind = OutcomeKind.fromCode(rs.getString(2));
              if (kind == OutcomeKind.HELD_OUT) {
                e.heldOut = true;
              } else if (STAGES.containsKey(kind)) {
                e.reached.add(STAGES.get(kind));
              }
              if (kind == OutcomeKind.COMPLETED) {
                e.daysToComplete =
                    daysBegun(Timestamps.read(rs, "issued_at"), Timestamps.read(rs, "at"));
              }
            });
    Map<String, Announcement> announcements = new HashMap<>();
    period
        .query(
            jdbc,
            "select i.recommendation_id, n.channel, n.language from notification_items i join"
                + " notifications n on n.id = i.notification_id join recommendations r on r.id ="
                + " i.recommendation_id")
        .query(
            (ResultSet rs) -> {
              Announcement found = new Announcement(rs.getString(2), rs.getString(3));
              announcements.merge(rs.getString(1), found, Announcement::preferred);
            });
    Instant now = clock.instant();
    return period
        .query(
            jdbc,
            "select r.id, r.patient_id, r.rule_id, r.code, r.measure, r.kind, r.issued_at,"
                + " r.closed_at from recommendations r")
        .query(
            (rs, n) ->
                followed(rs, events.get(rs.getString("id")), announcements, configurations, now))
        .list();
  }

  private static FollowedRecommendation followed(
      ResultSet rs,
      Events events,
      Map<String, Announcement> announcements,
      Function<String, ValueConfiguration> configurations,
      Instant now)
      throws SQLException {
    String id = rs.getString("id");
    Events e = events == null ? new Events() : events;
    Instant issued = Timestamps.read(rs, "issued_at");
    Instant closed = Timestamps.read(rs, "closed_at");
    int observed = (int) Duration.between(issued, closed == null ? now : closed).toDays();
    if (e.daysToComplete == null) {
      e.reached.remove(Stage.COMPLETED);
    } else {
      observed = Math.max(observed, e.daysToComplete);
    }
    Announcement announced = announcements.get(id);
    String ruleId = rs.getString("rule_id");
    return new FollowedRecommendation(
        id,
        rs.getString("patient_id"),
        ruleId,
        rs.getString("code"),
        rs.getString("measure"),
        Kind.fromCode(rs.getString("kind")),
        configurations.apply(ruleId),
        issued,
        e.heldOut,
        announced == null ? null : announced.channel(),
        announced == null ? null : announced.language(),
        e.reached,
        e.daysToComplete,
        Math.max(0, observed));
  }

  /**
   * Days to completion as the days begun since issue (a completion 30 days and 2 hours after issue
   * took 31), while follow-up counts the days passed: so "completed within 30 days" means within 30
   * × 24 hours, and a Kaplan–Meier curve on whole days is not shifted by rounding. The outcome
   * event's own {@code daysToComplete} (whole days passed) is what the timeline shows.
   */
  static int daysBegun(Instant issued, Instant completed) {
    long seconds = Math.max(0, Duration.between(issued, completed).getSeconds());
    return (int) ((seconds + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);
  }

  /** What the outcome events of one recommendation say. */
  private static final class Events {
    final Set<Stage> reached = EnumSet.noneOf(Stage.class);
    boolean heldOut;
    Integer daysToComplete;
  }

  /** A notification that announced a recommendation: the portal inbox, or a message. */
  private record Announcement(String channel, String language) {
    Announcement {
      channel = channel.toLowerCase(Locale.ROOT);
    }

    /** A message (email, SMS) says more about how the patient was reached than the inbox. */
    Announcement preferred(Announcement other) {
      return channel.equals(PORTAL) ? other : this;
    }
  }

  /** The issue-time condition on {@code r}, appended to each query with its parameters. */
  private record Period(Instant from, Instant to) {
    JdbcClient.StatementSpec query(JdbcClient jdbc, String select) {
      List<Object> params = new ArrayList<>();
      List<String> conditions = new ArrayList<>();
      if (from != null) {
        conditions.add("r.issued_at >= ?");
        params.add(Timestamps.of(from));
      }
      if (to != null) {
        conditions.add("r.issued_at < ?");
        params.add(Timestamps.of(to));
      }
      String sql =
          conditions.isEmpty() ? select : select + " where " + String.join(" and ", conditions);
      return jdbc.sql(sql).params(params);
    }
  }
}
