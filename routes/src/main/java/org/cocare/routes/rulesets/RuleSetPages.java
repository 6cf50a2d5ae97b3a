package org.cocare.routes.rulesets;

import java.security.Principal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.rulesets.ImpactPreview;
import org.cocare.engine.rulesets.RuleSetException;
import org.cocare.engine.rulesets.RuleSetRegistry;
import org.cocare.engine.rulesets.RuleSetVersion;
import org.cocare.routes.config.RuleSetProperties;
import org.cocare.rules.ruleset.DecisionTable;
import org.cocare.rules.ruleset.RuleListing;
import org.cocare.rules.ruleset.RuleSet;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rule-set pages for clinicians: browse rule sets, versions and rules with their sources; edit
 * a decision-table row in a form and any text file in an editor with line numbers; validate (the
 * problems next to their lines), test, preview the impact, approve, activate, roll back; read the
 * audit trail and diffs. Every action goes through the same {@link RuleSetRegistry} as the API, so
 * the same four-eyes and safety checks apply; a refusal is shown on the page it came from.
 */
@Controller
public class RuleSetPages {
  private static final String BASE = "/ui/rulesets/";

  private final RuleSetRegistry registry;
  private final ImpactPreview preview;
  private final RuleSetProperties properties;
  private final Evaluator evaluator;

  public RuleSetPages(
      RuleSetRegistry registry,
      ImpactPreview preview,
      RuleSetProperties properties,
      Evaluator evaluator) {
    this.registry = registry;
    this.preview = preview;
    this.properties = properties;
    this.evaluator = evaluator;
  }

  /**
   * A compile problem placed where a clinician fixes it: {@code line} is the line of a file (DRL,
   * {@code rules.csv}, a scenario file) or the decision-table row, null for problems of the whole
   * rule set; {@code column} is null where the problem is of a whole line.
   */
  public record Problem(String file, Integer line, String column, String message) {
    private static final Pattern DRL =
        Pattern.compile("^([\\w.-]+):(\\d+)(?::(\\d+))? (.*)$", Pattern.DOTALL);
    private static final Pattern TABLE =
        Pattern.compile(
            "^([\\w.-]+) row (\\d+), (column [A-Z]+(?: \\([^)]*\\))?): (.*)$", Pattern.DOTALL);

    static Problem of(String text) {
      Matcher drl = DRL.matcher(text);
      if (drl.matches()) {
        return new Problem(
            drl.group(1),
            Integer.valueOf(drl.group(2)),
            drl.group(3) == null ? null : "column " + drl.group(3),
            drl.group(4));
      }
      Matcher table = TABLE.matcher(text);
      if (table.matches()) {
        return new Problem(
            table.group(1), Integer.valueOf(table.group(2)), table.group(3), table.group(4));
      }
      return new Problem(null, null, null, text);
    }
  }

  /** One line of a file with the problems on it, for the annotated view. */
  public record Line(int number, String text, List<Problem> problems) {}

  /** The version's files by what a clinician edits in them. */
  public record FileGroups(
      List<String> rules,
      List<String> tables,
      List<String> metadata,
      List<String> catalogue,
      List<String> parameters,
      List<String> scenarios,
      List<String> other) {
    static FileGroups of(List<String> files) {
      List<String> rules = new ArrayList<>();
      List<String> tables = new ArrayList<>();
      List<String> metadata = new ArrayList<>();
      List<String> catalogue = new ArrayList<>();
      List<String> parameters = new ArrayList<>();
      List<String> scenarios = new ArrayList<>();
      List<String> other = new ArrayList<>();
      for (String file : files) {
        if (RuleSet.isDecisionTable(file)) {
          tables.add(file);
        } else if (file.endsWith(".drl")) {
          rules.add(file);
        } else if (file.equals(RuleSet.RULES_FILE)) {
          metadata.add(file);
        } else if (file.startsWith("catalogue")) {
          catalogue.add(file);
        } else if (file.endsWith(".properties")) {
          parameters.add(file);
        } else if (file.startsWith("scenarios")) {
          scenarios.add(file);
        } else {
          other.add(file);
        }
      }
      return new FileGroups(rules, tables, metadata, catalogue, parameters, scenarios, other);
    }
  }

  @GetMapping("/ui/rulesets")
  public String list(Model model) {
    Map<String, List<RuleSetVersion>> ruleSets = new LinkedHashMap<>();
    registry.names().forEach(name -> ruleSets.put(name, registry.versions(name)));
    model.addAttribute("ruleSets", ruleSets);
    return "rulesets/list";
  }

  @GetMapping("/ui/rulesets/{name}")
  public String ruleSet(@PathVariable String name, Model model) {
    List<RuleSetVersion> versions = registry.versions(name);
    model.addAttribute("name", name);
    model.addAttribute("versions", newestFirst(versions));
    model.addAttribute("audit", newestFirst(registry.audit(name)));
    return "rulesets/ruleset";
  }

  @GetMapping("/ui/rulesets/{name}/diff")
  public String diff(
      @PathVariable String name, @RequestParam int from, @RequestParam int to, Model model) {
    model.addAttribute("name", name);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    model.addAttribute("diff", registry.diff(name, from, to));
    return "rulesets/diff";
  }

  @GetMapping("/ui/rulesets/{name}/versions/{version}")
  public String version(@PathVariable String name, @PathVariable int version, Model model) {
    RuleSet files = registry.files(name, version);
    model.addAttribute("version", registry.version(name, version));
    model.addAttribute("groups", FileGroups.of(List.copyOf(files.files().keySet())));
    Map<String, List<RuleListing.Entry>> rules = new LinkedHashMap<>();
    RuleListing.of(files)
        .forEach(e -> rules.computeIfAbsent(e.file(), f -> new ArrayList<>()).add(e));
    model.addAttribute("rules", rules);
    model.addAttribute("today", evaluator.today());
    return "rulesets/version";
  }

  @GetMapping("/ui/rulesets/{name}/versions/{version}/export")
  public ResponseEntity<byte[]> export(@PathVariable String name, @PathVariable int version) {
    return RuleSetController.zip(registry, name, version);
  }

  @PostMapping("/ui/rulesets/{name}/versions")
  public String createDraft(
      @PathVariable String name, @RequestParam int from, Principal user, RedirectAttributes flash) {
    return attempt(
        flash, BASE + name, () -> versionPage(registry.createDraft(name, from, user.getName())));
  }

  @GetMapping("/ui/rulesets/{name}/versions/{version}/files/{file}")
  public String file(
      @PathVariable String name,
      @PathVariable int version,
      @PathVariable String file,
      Model model) {
    RuleSet files = registry.files(name, version);
    String content = files.file(file);
    if (content == null) {
      throw new RuleSetException(
          RuleSetException.Reason.NOT_FOUND, "no file " + file + " in " + name + "@" + version);
    }
    model.addAttribute("version", registry.version(name, version));
    model.addAttribute("file", file);
    model.addAttribute("binary", file.endsWith(RuleSet.XLSX));
    model.addAttribute("content", content);
    @SuppressWarnings("unchecked")
    List<Problem> problems = (List<Problem>) model.getAttribute("problems");
    model.addAttribute("lines", annotated(content, file, problems));
    return "rulesets/file";
  }

  /** Saves the file, then validates the version so its problems show next to their lines. */
  @PostMapping("/ui/rulesets/{name}/versions/{version}/files/{file}")
  public String saveFile(
      @PathVariable String name,
      @PathVariable int version,
      @PathVariable String file,
      @RequestParam String content,
      Principal user,
      RedirectAttributes flash) {
    String here = BASE + name + "/versions/" + version + "/files/" + file;
    return attempt(
        flash,
        here,
        () -> {
          registry.editFile(name, version, file, content.replace("\r\n", "\n"), user.getName());
          List<Problem> problems = problems(registry.validate(name, version, user.getName()));
          flash.addFlashAttribute("notice", "saved");
          flash.addFlashAttribute("problems", problems);
          flash.addFlashAttribute("valid", problems.isEmpty());
          return "redirect:" + here;
        });
  }

  @GetMapping("/ui/rulesets/{name}/versions/{version}/tables/{file}")
  public String table(
      @PathVariable String name,
      @PathVariable int version,
      @PathVariable String file,
      Model model) {
    model.addAttribute("version", registry.version(name, version));
    model.addAttribute("file", file);
    model.addAttribute("table", registry.table(name, version, file));
    return "rulesets/table";
  }

  @GetMapping("/ui/rulesets/{name}/versions/{version}/tables/{file}/rows/{row}")
  public String row(
      @PathVariable String name,
      @PathVariable int version,
      @PathVariable String file,
      @PathVariable int row,
      Model model) {
    DecisionTable table = registry.table(name, version, file);
    model.addAttribute("version", registry.version(name, version));
    model.addAttribute("file", file);
    model.addAttribute("columns", table.columns());
    model.addAttribute("row", rowOf(table, row));
    return "rulesets/row";
  }

  /** Changes the cells of one row that differ from what is stored, each an audited edit. */
  @PostMapping("/ui/rulesets/{name}/versions/{version}/tables/{file}/rows/{row}")
  public String saveRow(
      @PathVariable String name,
      @PathVariable int version,
      @PathVariable String file,
      @PathVariable int row,
      @RequestParam("cell") List<String> cells,
      Principal user,
      RedirectAttributes flash) {
    String tablePage = BASE + name + "/versions/" + version + "/tables/" + file;
    return attempt(
        flash,
        tablePage + "/rows/" + row,
        () -> {
          DecisionTable table = registry.table(name, version, file);
          DecisionTable.Row stored = rowOf(table, row);
          if (cells.size() != table.columns().size()) {
            throw new RuleSetException(
                RuleSetException.Reason.INVALID,
                "the form sent "
                    + cells.size()
                    + " cells for a row of "
                    + table.columns().size()
                    + " columns: reload the page and try again");
          }
          int changed = 0;
          for (DecisionTable.Column column : table.columns()) {
            String value = cells.get(column.index()).strip();
            if (!value.equals(stored.cells().get(column.index()))) {
              registry.editCell(name, version, file, row, column.letter(), value, user.getName());
              changed++;
            }
          }
          flash.addFlashAttribute("notice", changed == 0 ? "unchanged" : "saved");
          return "redirect:" + tablePage;
        });
  }

  @PostMapping("/ui/rulesets/{name}/versions/{version}/validate")
  public String validate(
      @PathVariable String name,
      @PathVariable int version,
      Principal user,
      RedirectAttributes flash) {
    return onVersionPage(
        name,
        version,
        flash,
        () -> {
          RuleSet files = registry.files(name, version);
          List<Problem> problems = problems(registry.validate(name, version, user.getName()));
          flash.addFlashAttribute("validation", problems);
          Map<String, List<Line>> excerpts = new LinkedHashMap<>();
          problems.stream()
              .filter(p -> p.file() != null && p.file().endsWith(".drl"))
              .map(Problem::file)
              .distinct()
              .forEach(
                  file -> excerpts.put(file, excerpt(annotated(files.file(file), file, problems))));
          flash.addFlashAttribute("excerpts", excerpts);
        });
  }

  @PostMapping("/ui/rulesets/{name}/versions/{version}/test")
  public String test(
      @PathVariable String name,
      @PathVariable int version,
      Principal user,
      RedirectAttributes flash) {
    return onVersionPage(
        name,
        version,
        flash,
        () -> {
          flash.addFlashAttribute("tests", registry.test(name, version, user.getName()));
        });
  }

  @PostMapping("/ui/rulesets/{name}/versions/{version}/preview")
  public String preview(
      @PathVariable String name,
      @PathVariable int version,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
      RedirectAttributes flash) {
    return onVersionPage(
        name,
        version,
        flash,
        () -> {
          flash.addFlashAttribute(
              "impact",
              preview.stored(
                  registry.files(name, version), asOf, RuleSetController.DEFAULT_PREVIEW_PATIENTS));
        });
  }

  @PostMapping("/ui/rulesets/{name}/versions/{version}/approve")
  public String approve(
      @PathVariable String name,
      @PathVariable int version,
      Principal user,
      RedirectAttributes flash) {
    return onVersionPage(
        name,
        version,
        flash,
        () -> {
          registry.approve(name, version, user.getName());
          flash.addFlashAttribute("notice", "approved");
        });
  }

  @PostMapping("/ui/rulesets/{name}/versions/{version}/activate")
  public String activate(
      @PathVariable String name,
      @PathVariable int version,
      Principal user,
      RedirectAttributes flash) {
    return onVersionPage(
        name,
        version,
        flash,
        () -> {
          boolean done =
              Switching.await(
                      registry.activate(name, version, user.getName()), properties.activationWait())
                  .isPresent();
          flash.addFlashAttribute("notice", done ? "activated" : "activating");
        });
  }

  @PostMapping("/ui/rulesets/{name}/rollback")
  public String rollback(
      @PathVariable String name, @RequestParam int to, Principal user, RedirectAttributes flash) {
    return attempt(
        flash,
        BASE + name,
        () -> {
          boolean done =
              Switching.await(
                      registry.rollback(name, to, user.getName()), properties.activationWait())
                  .isPresent();
          flash.addFlashAttribute("notice", done ? "rolled-back" : "activating");
          return "redirect:" + BASE + name;
        });
  }

  /**
   * A page that does not exist (no such rule set, version, file or row) says so in its language.
   */
  @ExceptionHandler(RuleSetException.class)
  public ModelAndView missing(RuleSetException e) {
    ModelAndView page = new ModelAndView("rulesets/missing");
    page.addObject("message", e.getMessage());
    page.setStatus(
        e.reason() == RuleSetException.Reason.NOT_FOUND
            ? HttpStatus.NOT_FOUND
            : HttpStatus.CONFLICT);
    return page;
  }

  /**
   * Runs an action; a refusal (four eyes, a version that does not compile, a draft no longer a
   * draft) goes back to {@code onRefusal} with its message and details.
   */
  private static String attempt(
      RedirectAttributes flash, String onRefusal, Supplier<String> action) {
    try {
      return action.get();
    } catch (RuleSetException e) {
      flash.addFlashAttribute("error", e.getMessage());
      flash.addFlashAttribute("errorDetails", problems(e.problems()));
      return "redirect:" + onRefusal;
    }
  }

  /** Runs an action of the version page and goes back to it, with the result or the refusal. */
  private static String onVersionPage(
      String name, int version, RedirectAttributes flash, Runnable action) {
    String page = versionPage(name, version);
    return attempt(
        flash,
        page,
        () -> {
          action.run();
          return "redirect:" + page;
        });
  }

  private static List<Problem> problems(List<String> texts) {
    return texts.stream().map(Problem::of).toList();
  }

  private static List<Line> annotated(String content, String file, List<Problem> problems) {
    String[] lines = content.split("\r?\n", -1);
    List<Line> out = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      int number = i + 1;
      List<Problem> here =
          problems == null
              ? List.of()
              : problems.stream()
                  .filter(p -> file.equals(p.file()) && Integer.valueOf(number).equals(p.line()))
                  .toList();
      out.add(new Line(number, lines[i], here));
    }
    return out;
  }

  /** The lines with problems and two lines around each, for the validation result. */
  private static List<Line> excerpt(List<Line> lines) {
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      int from = Math.max(0, i - 2);
      int to = Math.min(lines.size() - 1, i + 2);
      boolean near = false;
      for (int j = from; j <= to; j++) {
        near |= !lines.get(j).problems().isEmpty();
      }
      if (near) {
        out.add(lines.get(i));
      }
    }
    return out;
  }

  private static <T> List<T> newestFirst(List<T> oldestFirst) {
    List<T> copy = new ArrayList<>(oldestFirst);
    Collections.reverse(copy);
    return copy;
  }

  private static DecisionTable.Row rowOf(DecisionTable table, int row) {
    try {
      return table.row(row);
    } catch (IllegalArgumentException e) {
      throw new RuleSetException(RuleSetException.Reason.NOT_FOUND, e.getMessage());
    }
  }

  private static String versionPage(String name, int version) {
    return BASE + name + "/versions/" + version;
  }

  private static String versionPage(RuleSetVersion version) {
    return "redirect:" + versionPage(version.name(), version.version());
  }
}
