package org.cocare.engine.rulesets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.cocare.engine.conformance.EcqmCaseRunner;
import org.cocare.engine.rules.CompiledRuleSet;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.engine.rulesets.RuleSetException.Reason;
import org.cocare.engine.rulesets.RuleSetVersion.Status;
import org.cocare.rules.ruleset.DecisionTable;
import org.cocare.rules.ruleset.RuleSet;
import org.cocare.rules.ruleset.RuleSetCompilationException;
import org.cocare.rules.scenario.Scenario;
import org.cocare.rules.scenario.ScenarioRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rule sets as versioned, reviewable, reversible bundles: draft from a version, edit its files,
 * validate, test (run the version's scenarios), approve (by a second person when four eyes are on,
 * and only when every scenario passes), activate (compiled on the registry's own thread, then
 * swapped atomically into the {@link RuleEngine}: an evaluation already running finishes on the old
 * version, later ones use the new; a version that does not compile never becomes active), roll back
 * to any version that was active, and the audit trail of all of it. Files of any version but a
 * draft are never changed.
 */
public final class RuleSetRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(RuleSetRegistry.class);
  private static final String SYSTEM = "system";
  private static final Pattern FILE_NAME =
      Pattern.compile(
          "[a-z0-9][a-z0-9_-]*(\\.drl|\\.drl\\.csv|\\.drl\\.xlsx|\\.properties|\\.csv|\\.json)");
  private static final String MANIFEST = "ruleset.properties";

  private final RuleSetStore store;
  private final RuleEngine engine;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final ExecutorService compiler;
  private final boolean fourEyes;
  private final EcqmCaseRunner stewardCases;

  /** A registry whose tests are the versions' own scenarios only. */
  public RuleSetRegistry(
      RuleSetStore store,
      RuleEngine engine,
      Clock clock,
      TransactionTemplate transactions,
      ExecutorService compiler,
      boolean fourEyes) {
    this(store, engine, clock, transactions, compiler, fourEyes, null);
  }

  /**
   * @param compiler where activations compile and swap, one at a time (a single-thread executor)
   * @param fourEyes whether activation needs an approval by someone who neither created nor edited
   *     the version
   * @param stewardCases the eCQM test cases every version is also tested against (and must agree
   *     with on every measure it implements to be approved), or null where they are not available
   */
  public RuleSetRegistry(
      RuleSetStore store,
      RuleEngine engine,
      Clock clock,
      TransactionTemplate transactions,
      ExecutorService compiler,
      boolean fourEyes,
      EcqmCaseRunner stewardCases) {
    this.store = store;
    this.engine = engine;
    this.clock = clock;
    this.transactions = transactions;
    this.compiler = compiler;
    this.fourEyes = fourEyes;
    this.stewardCases = stewardCases;
  }

  /**
   * The rule set to start with: on first start the shipped defaults become version 1, active. A
   * later release whose shipped defaults differ from every stored version adds them as a draft, so
   * a quality team can review and approve them; the active version stays what it was.
   */
  public static RuleSet bootstrap(RuleSetStore store, RuleSet defaults, Clock clock) {
    String name = defaults.name();
    Instant now = clock.instant();
    List<RuleSetVersion> versions = store.versions(name);
    if (versions.isEmpty()) {
      RuleSetVersion first =
          new RuleSetVersion(
              name, 1, Status.ACTIVE, defaults.contentHash(), null, SYSTEM, now, null, null, now);
      store.insert(first, defaults);
      store.audit(name, 1, AuditEntry.IMPORTED, SYSTEM, now, "the defaults shipped with Cocare");
      LOG.info("rule set {} imported as version 1 and activated", name);
    } else if (versions.stream().noneMatch(v -> v.contentHash().equals(defaults.contentHash()))) {
      RuleSetVersion draft =
          insertDraft(
              store,
              name,
              defaults.files(),
              null,
              SYSTEM,
              now,
              AuditEntry.IMPORTED,
              "the defaults shipped with this release differ from every version: kept as a draft");
      LOG.info("rule set {}: new shipped defaults kept as draft version {}", name, draft.version());
    }
    RuleSetVersion active =
        store
            .active(name)
            .orElseThrow(
                () -> new IllegalStateException("rule set " + name + " has no active version"));
    return store.ruleSet(name, active.version());
  }

  public List<String> names() {
    return store.names();
  }

  public List<RuleSetVersion> versions(String name) {
    List<RuleSetVersion> versions = store.versions(name);
    if (versions.isEmpty()) {
      throw new RuleSetException(Reason.NOT_FOUND, "no rule set " + name);
    }
    return versions;
  }

  public RuleSetVersion version(String name, int version) {
    return store
        .version(name, version)
        .orElseThrow(
            () -> new RuleSetException(Reason.NOT_FOUND, "no version " + version + " of " + name));
  }

  public RuleSet files(String name, int version) {
    version(name, version);
    return store.ruleSet(name, version);
  }

  /** The names of a version's files. */
  public List<String> fileNames(String name, int version) {
    version(name, version);
    return store.fileNames(name, version);
  }

  /** A new draft holding the files of {@code fromVersion}. */
  public RuleSetVersion createDraft(String name, int fromVersion, String user) {
    RuleSet from = files(name, fromVersion);
    return transactions.execute(
        tx ->
            insertDraft(
                store,
                name,
                from.files(),
                fromVersion,
                user,
                clock.instant(),
                AuditEntry.CREATED,
                "from version " + fromVersion));
  }

  /** Replaces or adds one file of a draft; the audit keeps the diff. */
  public RuleSetVersion editFile(
      String name, int version, String file, String content, String user) {
    RuleSetVersion draft = requireStatus(name, version, Status.DRAFT, "edited");
    if (file == null || !FILE_NAME.matcher(file).matches() || file.equals(MANIFEST)) {
      throw new RuleSetException(
          Reason.INVALID,
          "file name "
              + file
              + " is not allowed: lower-case letters, digits, '-' and '_', ending .drl, .drl.csv,"
              + " .drl.xlsx, .properties, .csv or .json");
    }
    RuleSet before = store.ruleSet(name, version);
    SortedMap<String, String> files = new TreeMap<>(before.files());
    String old = files.put(file, content);
    RuleSet after = new RuleSet(name, String.valueOf(version), files);
    String diff = LineDiff.of(file, old == null ? "" : old, content);
    transactions.executeWithoutResult(
        tx -> {
          store.putFile(name, version, file, content, after.contentHash());
          store.audit(
              name,
              version,
              AuditEntry.EDITED,
              user,
              clock.instant(),
              diff.isEmpty() ? file + " unchanged" : diff);
        });
    return version(name, draft.version());
  }

  /**
   * Changes one cell of a decision table in a draft (the row by its line number in the file, the
   * column by its label or letter), as an edit of that file: audited with its diff.
   */
  public RuleSetVersion editCell(
      String name, int version, String file, int row, String column, String value, String user) {
    requireStatus(name, version, Status.DRAFT, "edited");
    DecisionTable table = table(name, version, file);
    String changed;
    try {
      changed = table.withCell(row, column, value);
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      throw new RuleSetException(Reason.INVALID, e.getMessage());
    }
    return editFile(name, version, file, changed, user);
  }

  /** A decision table of a version, with its columns and rows. */
  public DecisionTable table(String name, int version, String file) {
    RuleSet ruleSet = files(name, version);
    if (ruleSet.file(file) == null || !RuleSet.isDecisionTable(file)) {
      throw new RuleSetException(
          Reason.NOT_FOUND, "no decision table " + file + " in " + name + "@" + version);
    }
    try {
      return DecisionTable.of(ruleSet, file);
    } catch (IllegalArgumentException e) {
      throw new RuleSetException(Reason.INVALID, e.getMessage());
    }
  }

  /**
   * Compiles the version (DRL, decision tables, catalogue, safety check, value sets) and returns
   * every problem with file, line and column; empty when it is valid.
   */
  public List<String> validate(String name, int version, String user) {
    RuleSet ruleSet = files(name, version);
    List<String> problems = problems(ruleSet);
    store.audit(
        name,
        version,
        AuditEntry.VALIDATED,
        user,
        clock.instant(),
        problems.isEmpty() ? "valid" : String.join("\n", problems));
    return problems;
  }

  /**
   * Runs the version's scenarios (see {@link Scenario}) against it, compiled by the engine so that
   * value-set membership is the engine's terminology, and reports each one's result; audited as
   * tested, with the counts and the failing scenarios' names.
   *
   * @throws RuleSetException INVALID, with its problems, when the version does not compile
   */
  public TestReport test(String name, int version, String user) {
    RuleSet ruleSet = files(name, version);
    TestReport report = runScenarios(ruleSet, "not tested");
    store.audit(name, version, AuditEntry.TESTED, user, clock.instant(), report.summary());
    return report;
  }

  /**
   * A second person approves a valid draft whose scenarios all pass (and which agrees with the
   * steward cases, where they are configured). With four eyes on, whoever created or edited the
   * draft may not approve it.
   */
  public RuleSetVersion approve(String name, int version, String user) {
    RuleSetVersion draft = requireStatus(name, version, Status.DRAFT, "approved");
    if (fourEyes) {
      boolean author =
          draft.createdBy().equals(user)
              || store.audit(name).stream()
                  .anyMatch(
                      e ->
                          Integer.valueOf(version).equals(e.version())
                              && AuditEntry.EDITED.equals(e.action())
                              && e.actor().equals(user));
      if (author) {
        throw new RuleSetException(
            Reason.FORBIDDEN,
            user + " created or edited " + draft.label() + ": a second person must approve it");
      }
    }
    RuleSet ruleSet = store.ruleSet(name, version);
    List<String> problems = problems(ruleSet);
    if (!problems.isEmpty()) {
      throw new RuleSetException(
          Reason.INVALID, draft.label() + " is not valid and cannot be approved", problems);
    }
    TestReport report = runScenarios(ruleSet, "not approved");
    if (!report.allPass()) {
      throw new RuleSetException(
          Reason.INVALID,
          draft.label() + " fails its tests (" + report.summary() + ") and cannot be approved",
          report.failures());
    }
    transactions.executeWithoutResult(
        tx -> {
          store.approve(name, version, user, clock.instant());
          store.audit(name, version, AuditEntry.APPROVED, user, clock.instant(), null);
        });
    return version(name, version);
  }

  /**
   * Activates an approved version (or, with four eyes off, a draft whose tests pass): compiles it
   * on the registry's thread, then makes it the one active version and swaps it into the engine.
   * The future fails with {@link RuleSetException} when it does not compile or, for a draft, when a
   * test fails; the active version then stays.
   */
  public CompletableFuture<RuleSetVersion> activate(String name, int version, String user) {
    RuleSetVersion target = version(name, version);
    boolean allowed =
        target.status() == Status.APPROVED || (!fourEyes && target.status() == Status.DRAFT);
    if (!allowed) {
      throw new RuleSetException(
          Reason.CONFLICT,
          target.label()
              + " is "
              + target.status().code()
              + (fourEyes ? ": only an approved version can be activated" : ""));
    }
    return switchTo(target, user, AuditEntry.ACTIVATED);
  }

  /** Makes an earlier version that was active the active one again, in one step. */
  public CompletableFuture<RuleSetVersion> rollback(String name, int version, String user) {
    RuleSetVersion target = version(name, version);
    if (target.status() != Status.RETIRED || !target.wasActive()) {
      throw new RuleSetException(
          Reason.CONFLICT,
          target.label() + " was never active before: roll back only to an earlier active version");
    }
    return switchTo(target, user, AuditEntry.ROLLED_BACK);
  }

  public List<AuditEntry> audit(String name) {
    versions(name);
    return store.audit(name);
  }

  /** The diff between two versions, file by file. */
  public String diff(String name, int from, int to) {
    RuleSet a = files(name, from);
    RuleSet b = files(name, to);
    StringBuilder out = new StringBuilder();
    TreeSet<String> all = new TreeSet<>(a.files().keySet());
    all.addAll(b.files().keySet());
    for (String file : all) {
      out.append(
          LineDiff.of(file, a.files().getOrDefault(file, ""), b.files().getOrDefault(file, "")));
    }
    return out.toString();
  }

  /** One version as a zip: {@code ruleset.properties} (name, version, files) and every file. */
  public byte[] export(String name, int version) {
    RuleSet ruleSet = files(name, version);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      zip.putNextEntry(new ZipEntry(MANIFEST));
      zip.write(
          ("name="
                  + name
                  + "\nversion="
                  + version
                  + "\nfiles="
                  + String.join(",", ruleSet.files().keySet())
                  + "\n")
              .getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      for (var file : ruleSet.files().entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Imports a zip written by {@link #export} (or by hand: a manifest naming the files) as a new
   * draft of the rule set it names. Nothing is activated.
   */
  public RuleSetVersion importZip(byte[] zipBytes, String user) {
    SortedMap<String, String> entries = new TreeMap<>();
    try (ZipInputStream zip =
        new ZipInputStream(new ByteArrayInputStream(zipBytes), StandardCharsets.UTF_8)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (!entry.isDirectory()) {
          entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new RuleSetException(Reason.INVALID, "not a readable zip: " + e.getMessage());
    }
    String manifest = entries.remove(MANIFEST);
    if (manifest == null) {
      throw new RuleSetException(Reason.INVALID, "the zip has no " + MANIFEST);
    }
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(manifest));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = properties.getProperty("name");
    SortedMap<String, String> files = new TreeMap<>();
    List<String> missing = new ArrayList<>();
    for (String file : properties.getProperty("files", "").split(",")) {
      String trimmed = file.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!FILE_NAME.matcher(trimmed).matches()) {
        throw new RuleSetException(Reason.INVALID, "file name " + trimmed + " is not allowed");
      }
      String content = entries.get(trimmed);
      if (content == null) {
        missing.add(trimmed);
      } else {
        files.put(trimmed, content);
      }
    }
    if (!missing.isEmpty()) {
      throw new RuleSetException(Reason.INVALID, "the zip lacks files its manifest lists", missing);
    }
    RuleSet imported;
    try {
      imported = new RuleSet(name, "import", files);
    } catch (IllegalArgumentException e) {
      throw new RuleSetException(Reason.INVALID, e.getMessage());
    }
    return transactions.execute(
        tx ->
            insertDraft(
                store,
                name,
                imported.files(),
                null,
                user,
                clock.instant(),
                AuditEntry.IMPORTED,
                "from a zip of version " + properties.getProperty("version")));
  }

  private CompletableFuture<RuleSetVersion> switchTo(
      RuleSetVersion target, String user, String action) {
    String name = target.name();
    int version = target.version();
    return CompletableFuture.supplyAsync(
        () -> {
          RuleSet ruleSet = store.ruleSet(name, version);
          CompiledRuleSet compiled;
          try {
            compiled = engine.compile(ruleSet);
          } catch (RuleSetCompilationException e) {
            store.audit(
                name,
                version,
                AuditEntry.ACTIVATION_FAILED,
                user,
                clock.instant(),
                String.join("\n", e.problems()));
            throw new RuleSetException(
                Reason.INVALID, target.label() + " does not compile: not activated", e.problems());
          }
          if (target.status() == Status.DRAFT) {
            // Four eyes are off, so no approval ran its tests: they run here instead.
            TestReport report = runScenarios(ruleSet, "not activated");
            if (!report.allPass()) {
              store.audit(
                  name,
                  version,
                  AuditEntry.ACTIVATION_FAILED,
                  user,
                  clock.instant(),
                  report.summary());
              throw new RuleSetException(
                  Reason.INVALID,
                  target.label() + " fails its tests (" + report.summary() + "): not activated",
                  report.failures());
            }
          }
          transactions.executeWithoutResult(
              tx -> {
                store
                    .active(name)
                    .ifPresent(
                        old -> {
                          store.setStatus(name, old.version(), Status.RETIRED);
                          store.audit(
                              name,
                              old.version(),
                              AuditEntry.RETIRED,
                              user,
                              clock.instant(),
                              "replaced by version " + version);
                        });
                store.activate(name, version, clock.instant());
                store.audit(name, version, action, user, clock.instant(), null);
              });
          engine.activate(compiled);
          LOG.info("rule set {} version {} {} by {}", name, version, action, user);
          return version(name, version);
        },
        compiler);
  }

  /** Stores {@code files} as the next version of {@code name}, a draft, with its audit entry. */
  private static RuleSetVersion insertDraft(
      RuleSetStore store,
      String name,
      SortedMap<String, String> files,
      Integer basedOn,
      String user,
      Instant at,
      String action,
      String detail) {
    int version = store.nextVersion(name);
    RuleSet draft = new RuleSet(name, String.valueOf(version), files);
    RuleSetVersion created =
        new RuleSetVersion(
            name, version, Status.DRAFT, draft.contentHash(), basedOn, user, at, null, null, null);
    store.insert(created, draft);
    store.audit(name, version, action, user, at, detail);
    return created;
  }

  /** Compiles through the engine (cached: instant after validating) and runs the scenarios. */
  private TestReport runScenarios(RuleSet ruleSet, String refused) {
    CompiledRuleSet compiled;
    try {
      compiled = engine.compile(ruleSet);
    } catch (RuleSetCompilationException e) {
      throw new RuleSetException(
          Reason.INVALID, ruleSet.label() + " does not compile: " + refused, e.problems());
    } catch (IllegalArgumentException e) {
      throw new RuleSetException(
          Reason.INVALID,
          ruleSet.label() + " does not compile: " + refused,
          List.of(e.getMessage()));
    }
    ScenarioRunner runner =
        new ScenarioRunner(compiled.ruleBase(), compiled.parameters(), compiled.terminology());
    return TestReport.of(
        ruleSet.label(),
        runner.run(ruleSet.scenarios()),
        stewardCases == null ? null : stewardCases.run(compiled));
  }

  private List<String> problems(RuleSet ruleSet) {
    try {
      engine.compile(ruleSet);
      return List.of();
    } catch (RuleSetCompilationException e) {
      return e.problems();
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
  }

  private RuleSetVersion requireStatus(String name, int version, Status status, String what) {
    RuleSetVersion found = version(name, version);
    if (found.status() != status) {
      throw new RuleSetException(
          Reason.CONFLICT,
          found.label()
              + " is "
              + found.status().code()
              + ": only a "
              + status.code()
              + " can be "
              + what);
    }
    return found;
  }
}
