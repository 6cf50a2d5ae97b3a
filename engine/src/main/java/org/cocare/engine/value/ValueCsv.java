package org.cocare.engine.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cocare.fhir.value.Scale;

/**
 * The value figures as CSV (RFC 4180), for quality teams' spreadsheets and for checking them with
 * other tools: one row per group and stage, group, rule or scale; numbers in full precision, an
 * unknown figure empty.
 */
public final class ValueCsv {
  private ValueCsv() {}

  /** {@code group,stage,count,of_issued,…,conversion_upper}: one row per group and stage. */
  public static String funnel(FunnelReport report) {
    StringBuilder csv = new StringBuilder();
    Csv.line(
        csv,
        List.of(
            "group",
            "stage",
            "count",
            "of_issued",
            "of_issued_lower",
            "of_issued_upper",
            "conversion_from",
            "conversion",
            "conversion_lower",
            "conversion_upper"));
    for (FunnelReport.Group g : report.groups()) {
      for (FunnelReport.StageFigure s : g.stages()) {
        List<String> row = new ArrayList<>(List.of(g.name(), s.stage().code(), num(s.count())));
        row.addAll(interval(s.ofIssued()));
        FunnelReport.Conversion c = s.conversion();
        row.add(c == null ? null : c.from().code());
        row.addAll(interval(c == null ? null : c.rate()));
        Csv.line(csv, row);
      }
    }
    return csv.toString();
  }

  /** One row per group: counts, the median with its interval, each horizon's share with its. */
  public static String closure(ClosureReport report) {
    StringBuilder csv = new StringBuilder();
    List<String> header =
        new ArrayList<>(
            List.of(
                "group",
                "recommendations",
                "completed",
                "median_days",
                "median_lower",
                "median_upper"));
    for (int days : GapClosure.HORIZONS) {
      header.addAll(
          List.of("within_" + days, "within_" + days + "_lower", "within_" + days + "_upper"));
    }
    Csv.line(csv, header);
    for (ClosureReport.Group g : report.groups()) {
      List<String> row =
          new ArrayList<>(List.of(g.name(), num(g.recommendations()), num(g.completed())));
      ClosureReport.Median m = g.median();
      row.add(m == null ? null : num(m.days()));
      row.add(m == null ? null : num(m.lower()));
      row.add(m == null ? null : num(m.upper()));
      for (int days : GapClosure.HORIZONS) {
        ClosureReport.Horizon h = g.horizon(days);
        row.addAll(interval(h == null ? null : h.completedWithin()));
      }
      Csv.line(csv, row);
    }
    return csv.toString();
  }

  /** One row per rule: both arms, the difference, relative uplift, p, number needed to notify. */
  public static String uplift(UpliftReport report) {
    StringBuilder csv = new StringBuilder();
    Csv.line(
        csv,
        List.of(
            "rule",
            "configuration",
            "notified_completed",
            "notified",
            "held_out_completed",
            "held_out",
            "difference",
            "difference_lower",
            "difference_upper",
            "relative_uplift",
            "p_value",
            "number_needed_to_notify",
            "number_needed_to_notify_lower",
            "number_needed_to_notify_upper",
            "includes_zero",
            "effective"));
    for (UpliftReport.RuleUplift r : report.rules()) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  r.ruleId(),
                  r.configuration() == null ? "" : r.configuration().code(),
                  num(r.notified().successes()),
                  num(r.notified().trials()),
                  num(r.heldOut().successes()),
                  num(r.heldOut().trials())));
      row.addAll(interval(r.difference()));
      row.add(num(r.relativeUplift()));
      row.add(num(r.pValue()));
      row.add(num(r.numberNeededToNotify()));
      List<String> nnt = interval(r.numberNeededToNotifyInterval());
      row.addAll(nnt.subList(1, 3));
      row.add(Boolean.toString(r.includesZero()));
      row.add(Boolean.toString(r.effective()));
      Csv.line(csv, row);
    }
    return csv.toString();
  }

  /** One row per scale: its items, responses, mean, standard deviation and Cronbach's alpha. */
  public static String scales(Map<Scale, ScaleReport> reports) {
    StringBuilder csv = new StringBuilder();
    Csv.line(csv, List.of("scale", "items", "n", "mean", "sd", "cronbach_alpha"));
    for (ScaleReport r : reports.values()) {
      Csv.line(
          csv,
          List.of(
              r.scale().code(),
              String.join(" ", r.items()),
              num(r.n()),
              num(r.mean()),
              num(r.sd()),
              num(r.cronbachAlpha())));
    }
    return csv.toString();
  }

  private static List<String> interval(Interval i) {
    List<String> fields = new ArrayList<>(3);
    fields.add(i == null ? null : num(i.estimate()));
    fields.add(i == null ? null : num(i.lower()));
    fields.add(i == null ? null : num(i.upper()));
    return fields;
  }

  private static String num(Number n) {
    if (n == null || (n instanceof Double d && d.isNaN())) {
      return "";
    }
    return n.toString();
  }
}
