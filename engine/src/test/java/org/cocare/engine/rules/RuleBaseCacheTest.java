package org.cocare.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.cocare.engine.terminology.Terminology;
import org.cocare.rules.model.EvaluationContext;
import org.cocare.rules.ruleset.RuleBase;
import org.cocare.rules.ruleset.RuleSet;
import org.cocare.rules.scenario.FactBuilder;
import org.cocare.rules.scenario.Scenario;
import org.cocare.rules.scenario.ScenarioResult;
import org.cocare.rules.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleBaseCacheTest {
  static final RuleSet DEFAULT = RuleSet.loadDefault();

  @TempDir Path dir;

  RuleEngine engine(RuleBaseCache cache) {
    return new RuleEngine(DEFAULT, Terminology::fromRuleSet, cache);
  }

  @Test
  void secondEngine_readsTheStoredRuleBase_insteadOfCompiling() {
    RuleBaseCache first = new RuleBaseCache(dir);
    engine(first);
    RuleBaseCache second = new RuleBaseCache(dir);

    RuleEngine restarted = engine(second);

    assertThat(first.stats()).isEqualTo(new RuleBaseCache.Stats(0, 1, 0));
    assertThat(first.entry(DEFAULT)).isRegularFile();
    assertThat(second.stats()).isEqualTo(new RuleBaseCache.Stats(1, 0, 0));
    assertThat(restarted.active().ruleSet()).isEqualTo(DEFAULT);
  }

  @Test
  void storedRuleBase_passesEveryScenario_andExplainsAsTheCompiledOne() {
    engine(new RuleBaseCache(dir));
    CompiledRuleSet read = engine(new RuleBaseCache(dir)).active();
    CompiledRuleSet compiled = new RuleEngine(DEFAULT).active();
    List<Scenario> scenarios = DEFAULT.scenarios();

    List<ScenarioResult> results =
        new ScenarioRunner(read.ruleBase(), read.parameters(), read.terminology()).run(scenarios);

    assertThat(scenarios).isNotEmpty();
    assertThat(results).allSatisfy(r -> assertThat(r.differences()).isEmpty());
    assertThat(derivations(read, scenarios)).isEqualTo(derivations(compiled, scenarios));
  }

  /** Which rules (and their sources) derived which kinds of fact, for each scenario's record. */
  static List<List<String>> derivations(CompiledRuleSet ruleSet, List<Scenario> scenarios) {
    return scenarios.stream()
        .map(
            s ->
                ruleSet
                    .ruleBase()
                    .fire(
                        new FactBuilder(ruleSet.terminology()).facts(s.input()),
                        EvaluationContext.asOf(s.input().asOfDate()),
                        ruleSet.parameters(),
                        true)
                    .derivations()
                    .stream()
                    .map(
                        d ->
                            d.rule() + " " + d.source() + " " + d.fact().getClass().getSimpleName())
                    .sorted()
                    .toList())
        .toList();
  }

  @Test
  void garbledEntry_isCompiledAgain_andReplaced() throws IOException {
    RuleBaseCache cache = new RuleBaseCache(dir);
    Files.createDirectories(dir);
    Files.write(cache.entry(DEFAULT), "not a rule base".getBytes());

    engine(cache);

    assertThat(cache.stats()).isEqualTo(new RuleBaseCache.Stats(0, 1, 1));
    RuleBaseCache next = new RuleBaseCache(dir);
    engine(next);
    assertThat(next.stats()).isEqualTo(new RuleBaseCache.Stats(1, 0, 0));
  }

  @Test
  void truncatedEntry_isCompiledAgain() throws IOException {
    engine(new RuleBaseCache(dir));
    RuleBaseCache cache = new RuleBaseCache(dir);
    byte[] whole = Files.readAllBytes(cache.entry(DEFAULT));
    Files.write(cache.entry(DEFAULT), Arrays.copyOf(whole, whole.length / 2));

    RuleEngine engine = engine(cache);

    assertThat(cache.stats()).isEqualTo(new RuleBaseCache.Stats(0, 1, 1));
    assertThat(engine.active().ruleBase().kieBase().getKiePackages()).isNotEmpty();
  }

  @Test
  void aByteChangedOnDisk_isCaughtByTheDigest_thoughTheRuleBaseWouldStillRead() throws IOException {
    engine(new RuleBaseCache(dir));
    RuleBaseCache cache = new RuleBaseCache(dir);
    byte[] entry = Files.readAllBytes(cache.entry(DEFAULT));
    String source = "CMS130 2025 v0.4.000 (MEASURES.md 3, initial population)";
    byte[] text = "3, initial population".getBytes(StandardCharsets.UTF_8);
    // Every copy of the text in the entry (the metadata is held in more than one place).
    int first = indexOf(entry, text);
    for (int at = first; at >= 0; at = indexOf(entry, text)) {
      entry[at + "3, initial po".length()] = 'm';
    }
    Files.write(cache.entry(DEFAULT), entry);
    RuleBase damaged =
        RuleBase.fromBytes(
            DEFAULT, Arrays.copyOfRange(entry, RuleBaseCache.DIGEST_BYTES, entry.length));

    RuleEngine engine = engine(cache);

    assertThat(first).isGreaterThan(RuleBaseCache.DIGEST_BYTES);
    assertThat(ruleSource(damaged, "CMS130-population")).isEqualTo(source.replace("pop", "pom"));
    assertThat(cache.stats()).isEqualTo(new RuleBaseCache.Stats(0, 1, 1));
    assertThat(ruleSource(engine.active().ruleBase(), "CMS130-population")).isEqualTo(source);
  }

  static Object ruleSource(RuleBase ruleBase, String rule) {
    return ruleBase.kieBase().getKiePackages().stream()
        .flatMap(p -> p.getRules().stream())
        .filter(r -> r.getName().equals(rule))
        .findFirst()
        .orElseThrow()
        .getMetaData()
        .get("source");
  }

  @Test
  void entryOfAnotherCompiledForm_isRefused() throws IOException {
    engine(new RuleBaseCache(dir));
    byte[] entry = Files.readAllBytes(new RuleBaseCache(dir).entry(DEFAULT));
    byte[] bytes = Arrays.copyOfRange(entry, RuleBaseCache.DIGEST_BYTES, entry.length);
    String form = RuleBase.compiledForm();
    int at = indexOf(bytes, form.getBytes());
    bytes[at] = (byte) (bytes[at] == '0' ? '1' : '0');
    byte[] otherForm = bytes;

    assertThat(at).isPositive();
    assertThatThrownBy(() -> RuleBase.fromBytes(DEFAULT, otherForm))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another runtime");
  }

  @Test
  void aWrite_keepsTheMostRecentlyUsedEntries_andDeletesWhatNoStartWillRead() throws IOException {
    RuleBaseCache cache = new RuleBaseCache(dir, 2);
    Files.createDirectories(dir);
    String form = RuleBase.compiledForm();
    Path recent = entryFile("recent-" + form + "-d.kbase", Duration.ofMinutes(5));
    Path older = entryFile("older-" + form + "-d.kbase", Duration.ofHours(2));
    Path oldest = entryFile("oldest-" + form + "-d.kbase", Duration.ofDays(3));
    Path otherForm = entryFile("recent-0000000000-other-d.kbase", Duration.ofMinutes(1));
    // This form, written before entries carried a digest.
    Path undigested = entryFile("recent-" + form + ".kbase", Duration.ofMinutes(1));
    Path abandoned = entryFile("x.kbase123.tmp", Duration.ofHours(2));
    Path beingWritten = entryFile("y.kbase456.tmp", Duration.ofSeconds(1));
    Path unrelated = entryFile("README.txt", Duration.ofDays(30));

    engine(cache);

    assertThat(cache.entry(DEFAULT)).as("just written").isRegularFile();
    assertThat(recent).as("the next most recently used").isRegularFile();
    assertThat(older).doesNotExist();
    assertThat(oldest).doesNotExist();
    assertThat(otherForm).as("no build of this code reads it").doesNotExist();
    assertThat(undigested).as("no build of this code reads it").doesNotExist();
    assertThat(abandoned).doesNotExist();
    assertThat(beingWritten).as("another writer's, still young").isRegularFile();
    assertThat(unrelated).as("not the cache's").isRegularFile();
  }

  @Test
  void theActiveRuleSetsEntry_survivesDraftsCompiledAfterIt() {
    RuleBaseCache cache = new RuleBaseCache(dir, 1);
    RuleEngine engine = engine(cache);
    TreeMap<String, String> files = new TreeMap<>(DEFAULT.files());
    String drl = files.keySet().stream().filter(f -> f.endsWith(".drl")).findFirst().orElseThrow();
    files.put(drl, files.get(drl) + "\n// a clinician's draft\n");
    RuleSet draft = new RuleSet(DEFAULT.name(), DEFAULT.version() + "-draft", files);

    engine.compile(draft);

    assertThat(cache.stats().compiled()).as("the draft was compiled and written").isEqualTo(2);
    assertThat(cache.entry(DEFAULT)).as("the active rule set's, for the next start").exists();
  }

  @Test
  void aRead_marksTheEntryUsed() throws IOException {
    engine(new RuleBaseCache(dir));
    Path entry = new RuleBaseCache(dir).entry(DEFAULT);
    FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofDays(10)));
    Files.setLastModifiedTime(entry, longAgo);

    engine(new RuleBaseCache(dir));

    assertThat(Files.getLastModifiedTime(entry)).isGreaterThan(longAgo);
  }

  @Test
  void aFolderTheCacheCreates_isItsOwnersOnly() throws IOException {
    Path folder = dir.resolve("nested/rule-cache");
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));

    engine(new RuleBaseCache(folder));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
        .isEqualTo("rwx------");
  }

  private Path entryFile(String name, Duration age) throws IOException {
    Path file = Files.writeString(dir.resolve(name), "x");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    return file;
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }
}
