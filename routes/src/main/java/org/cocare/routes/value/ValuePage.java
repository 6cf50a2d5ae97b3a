package org.cocare.routes.value;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.engine.value.Dimension;
import org.cocare.engine.value.Mediation;
import org.cocare.engine.value.Stage;
import org.cocare.engine.value.ValueAnalysis;
import org.cocare.engine.value.ValueFilter;
import org.cocare.rules.ruleset.RuleListing;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /ui/value}: the value dashboard. The query (see {@link ValueQuery}) becomes one {@link
 * ValueFilter}; the funnel, the uplift, the closure curves, the mediation and the scales are the
 * engine's reports on it, turned into a {@link DashboardView} that the page carries as JSON for its
 * charts ({@code /ui/assets/value.js}) and shows as tables.
 */
@Controller
class ValuePage {
  /**
   * The bootstrap's seed is fixed so that reloading the page shows the same interval for the same
   * data; the engine's default number of resamples keeps it stable to the second decimal.
   */
  static final Mediation MEDIATION = Mediation.withSeed(20_260_601L);

  /**
   * The selects of the filter form, by query parameter, with the dimension whose values they offer.
   */
  private static final Map<String, Dimension> SELECTS = selects();

  /** The uplift horizons offered besides "by the analysis date" (the closure chart's horizons). */
  static final List<Integer> HORIZONS = List.of(30, 90, 180);

  /** The words value.js puts on the charts; the page sends them translated. */
  private static final List<String> CHART_LABELS =
      List.of(
          "shareOfIssued",
          "stage",
          "difference",
          "zero",
          "includesZero",
          "effective",
          "harmful",
          "days",
          "daysUnit",
          "completed",
          "median",
          "noMedian",
          "interval",
          "ability",
          "behaviour",
          "value",
          "indirect",
          "interaction",
          "noInteraction",
          "bootstrap",
          "direct",
          "total",
          "notified",
          "heldOut");

  private final ValueAnalysis analysis;
  private final RuleEngine rules;
  private final MessageSource messages;
  private final JsonMapper json;

  ValuePage(ValueAnalysis analysis, RuleEngine rules, MessageSource messages, JsonMapper json) {
    this.analysis = analysis;
    this.rules = rules;
    this.messages = messages;
    this.json = json;
  }

  /** One choice of a select: what is sent and what is shown. */
  record Option(String value, String label) {}

  /** One select of the filter form; {@code id} is stable for tests and labels. */
  record Select(String name, String id, String label, List<Option> options, String selected) {}

  @GetMapping("/ui/value")
  String dashboard(
      @ModelAttribute("query") ValueQuery query,
      Locale locale,
      Model model,
      HttpServletResponse response) {
    ValueFilter filter;
    ValueFilter period;
    Dimension by;
    Integer horizon;
    try {
      filter = query.filter();
      period = query.periodOnly();
      by = query.dimension();
      horizon = query.horizon();
    } catch (IllegalArgumentException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("error", e.getMessage());
      model.addAttribute("selects", selects(query, Map.of(), locale));
      return "value/dashboard";
    }
    // One read of the stores for every figure on the page.
    ValueAnalysis.Snapshot data = analysis.read(period);
    UnaryOperator<String> level = name -> level(name, locale);
    DashboardView view =
        new DashboardView(
            chartLabels(locale),
            DashboardView.FunnelView.of(
                data.funnel(filter, by),
                level,
                stage -> message("value.stage." + stage.code(), locale)),
            DashboardView.UpliftView.of(data.uplift(filter, horizon), titles()),
            DashboardView.ClosureView.of(data.closure(filter, by), level),
            path(data, filter));
    model.addAttribute("selects", selects(query, data.options(), locale));
    model.addAttribute("view", view);
    model.addAttribute("data", script(json, view));
    model.addAttribute("stages", List.of(Stage.values()));
    return "value/dashboard";
  }

  private static DashboardView.PathView path(ValueAnalysis.Snapshot data, ValueFilter filter) {
    var scales = data.scales(filter);
    try {
      return DashboardView.PathView.of(data.mediation(filter, MEDIATION), scales);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // Too few patients answered (or, in a small subgroup, a control takes one level only and the
      // columns are collinear): the page says so, and the other charts still show.
      return DashboardView.PathView.notFitted(e.getMessage(), scales);
    }
  }

  /**
   * The view as JSON for a {@code <script type="application/json">}: {@code <}, {@code >} and
   * {@code &} are written as escapes, which JSON reads as the same characters, so a value holding
   * {@code </script>} cannot end the element early.
   */
  static String script(JsonMapper json, Object view) {
    return json.writeValueAsString(view)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026");
  }

  /** Each rule's title from the active rule set's metadata, by rule name. */
  private Map<String, String> titles() {
    Map<String, String> titles = new LinkedHashMap<>();
    for (RuleListing.Entry e : RuleListing.of(rules.active().ruleSet())) {
      if (e.title() != null) {
        titles.putIfAbsent(e.name(), e.title());
      }
    }
    return titles;
  }

  private List<Select> selects(
      ValueQuery query, Map<Dimension, Set<String>> options, Locale locale) {
    List<Select> selects = new ArrayList<>();
    Map<String, String> selected = selected(query);
    SELECTS.forEach(
        (name, dimension) -> {
          List<Option> choices = new ArrayList<>();
          choices.add(new Option("", message("value.filter.any", locale)));
          Set<String> values = options.getOrDefault(dimension, Set.of());
          values.forEach(v -> choices.add(new Option(v, level(v, locale))));
          String current = selected.get(name);
          // A value the period no longer has is still what the figures are filtered by: show it.
          if (current != null && !values.contains(current)) {
            choices.add(new Option(current, level(current, locale)));
          }
          selects.add(select(name, choices, current, locale));
        });
    List<Option> dimensions = new ArrayList<>();
    for (Dimension d : Dimension.values()) {
      dimensions.add(new Option(d.code(), message("value.by." + d.code(), locale)));
    }
    selects.add(select("by", dimensions, query.by() == null ? "all" : query.by(), locale));
    List<Option> horizons = new ArrayList<>();
    horizons.add(new Option("", message("value.withinDays.none", locale)));
    HORIZONS.forEach(
        d -> horizons.add(new Option(d.toString(), message("value.withinDays.days", d, locale))));
    if (query.withinDays() != null
        && horizons.stream().noneMatch(o -> o.value().equals(query.withinDays()))) {
      horizons.add(
          new Option(
              query.withinDays(), message("value.withinDays.days", query.withinDays(), locale)));
    }
    selects.add(select("withinDays", horizons, query.withinDays(), locale));
    return selects;
  }

  private Select select(String name, List<Option> options, String selected, Locale locale) {
    String code = kebab(name);
    return new Select(
        name, "filter-" + code, message("value.filter." + code, locale), options, selected);
  }

  private static Map<String, String> selected(ValueQuery q) {
    Map<String, String> selected = new LinkedHashMap<>();
    selected.put("rule", q.rule());
    selected.put("measure", q.measure());
    selected.put("configuration", q.configuration());
    selected.put("cohort", q.cohort());
    selected.put("ageBand", q.ageBand());
    selected.put("gender", q.gender());
    selected.put("education", q.education());
    selected.put("visitReason", q.visitReason());
    selected.put("department", q.department());
    return selected;
  }

  private static Map<String, Dimension> selects() {
    Map<String, Dimension> selects = new LinkedHashMap<>();
    selects.put("rule", Dimension.RULE);
    selects.put("measure", Dimension.MEASURE);
    selects.put("configuration", Dimension.CONFIGURATION);
    selects.put("cohort", Dimension.COHORT);
    selects.put("ageBand", Dimension.AGE_BAND);
    selects.put("gender", Dimension.GENDER);
    selects.put("education", Dimension.EDUCATION);
    selects.put("visitReason", Dimension.VISIT_REASON);
    selects.put("department", Dimension.DEPARTMENT);
    return selects;
  }

  private Map<String, String> chartLabels(Locale locale) {
    Map<String, String> labels = new LinkedHashMap<>();
    CHART_LABELS.forEach(key -> labels.put(key, message("value.chart." + key, locale)));
    return labels;
  }

  /**
   * A group or option as people read it: trait levels, cohorts and configurations that the messages
   * name are translated ({@code value.level.<code>}); rule ids, measures, age bands and anything
   * else show as they are.
   */
  private String level(String value, Locale locale) {
    return messages.getMessage("value.level." + kebab(value), null, value, locale);
  }

  private String message(String key, Locale locale) {
    return messages.getMessage(key, null, locale);
  }

  private String message(String key, Object argument, Locale locale) {
    return messages.getMessage(key, new Object[] {argument}, locale);
  }

  /** {@code visitReason} → {@code visit-reason}; {@code not stated} → {@code not-stated}. */
  static String kebab(String s) {
    return s.replaceAll("([a-z])([A-Z])", "$1-$2").replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
  }
}
