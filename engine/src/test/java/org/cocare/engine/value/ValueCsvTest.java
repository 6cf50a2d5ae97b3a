package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.cocare.engine.value.SyntheticCohort.SyntheticRule;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.ruleset.ValueConfiguration;
import org.junit.jupiter.api.Test;

class ValueCsvTest {
  private static final SyntheticCohort.Data DATA =
      SyntheticCohort.of(
              3,
              List.of(
                  new SyntheticRule(
                      "remind",
                      "c1",
                      "m1",
                      Kind.SCREENING_REMINDER,
                      ValueConfiguration.CHAIN,
                      0.3,
                      0.2,
                      30),
                  new SyntheticRule(
                      "group, peers",
                      "c2",
                      null,
                      Kind.EDUCATION,
                      ValueConfiguration.NETWORK,
                      0.2,
                      0.0,
                      60)))
          .withPatients(300)
          .generate();

  @Test
  void funnel_oneRowPerGroupAndStage_withTheReportsFigures() {
    FunnelReport report =
        Funnel.of(DATA.recommendations(), DATA.traits(), ValueFilter.ALL, Dimension.RULE);

    List<String> lines = lines(ValueCsv.funnel(report));

    assertThat(lines).hasSize(1 + report.groups().size() * Stage.values().length);
    assertThat(lines.get(0)).startsWith("group,stage,count,of_issued");
    FunnelReport.StageFigure opened = report.groups().get(0).stage(Stage.OPENED);
    String quotedName = "\"group, peers\"";
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).startsWith(quotedName + ",issued,"))
        .contains(
            csvName(report.groups().get(0).name())
                + ",opened,"
                + opened.count()
                + ","
                + opened.ofIssued().estimate()
                + ","
                + opened.ofIssued().lower()
                + ","
                + opened.ofIssued().upper()
                + ",delivered,"
                + opened.conversion().rate().estimate()
                + ","
                + opened.conversion().rate().lower()
                + ","
                + opened.conversion().rate().upper());
  }

  @Test
  void uplift_oneRowPerRule_differenceAndFlagsAsReported() {
    UpliftReport report =
        Uplift.of(DATA.recommendations(), DATA.traits(), ValueFilter.ALL, null, null);

    List<String> lines = lines(ValueCsv.uplift(report));

    assertThat(lines).hasSize(1 + report.rules().size());
    UpliftReport.RuleUplift remind = report.rule("remind");
    String row = lines.stream().filter(l -> l.startsWith("remind,")).findFirst().orElseThrow();
    List<String> cells = Arrays.asList(row.split(",", -1));
    assertThat(cells).hasSize(16);
    assertThat(cells.subList(0, 9))
        .containsExactly(
            "remind",
            "chain",
            Long.toString(remind.notified().successes()),
            Long.toString(remind.notified().trials()),
            Long.toString(remind.heldOut().successes()),
            Long.toString(remind.heldOut().trials()),
            Double.toString(remind.difference().estimate()),
            Double.toString(remind.difference().lower()),
            Double.toString(remind.difference().upper()));
    assertThat(cells.subList(14, 16))
        .containsExactly(
            Boolean.toString(remind.includesZero()), Boolean.toString(remind.effective()));
  }

  @Test
  void closure_oneRowPerGroup_unreachedFiguresEmpty() {
    ClosureReport report =
        GapClosure.of(DATA.recommendations(), DATA.traits(), ValueFilter.ALL, Dimension.ALL);

    List<String> lines = lines(ValueCsv.closure(report));

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).split(",")).hasSize(6 + 3 * GapClosure.HORIZONS.size());
    ClosureReport.Group all = report.groups().get(0);
    assertThat(lines.get(1))
        .startsWith("all," + all.recommendations() + "," + all.completed() + ",")
        .contains("," + all.horizon(30).completedWithin().estimate() + ",");
  }

  private static String csvName(String name) {
    return name.contains(",") ? "\"" + name + "\"" : name;
  }

  private static List<String> lines(String csv) {
    assertThat(csv).endsWith("\r\n");
    return List.of(csv.split("\r\n"));
  }
}
