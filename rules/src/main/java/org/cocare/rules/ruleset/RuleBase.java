package org.cocare.rules.ruleset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cocare.rules.content.Catalogue;
import org.cocare.rules.model.EvaluationContext;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.model.Parameters;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.model.PlainLanguage;
import org.cocare.rules.recommendation.EducationContent;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;
import org.cocare.rules.scenario.ScenarioFormatException;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.util.Drools;
import org.drools.core.impl.InternalRuleBase;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.drools.wiring.api.classloader.ProjectClassLoader;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.builder.model.KieSessionModel;
import org.kie.api.command.Command;
import org.kie.api.command.KieCommands;
import org.kie.api.definition.KiePackage;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.ExecutionResults;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

/**
 * A rule set compiled into a Drools KieBase, and the one way its rules are fired: a stateless
 * session over the facts, the evaluation context and the parameters. The engine caches and
 * activates rule bases; the rules' own tests fire them exactly as the engine does.
 */
public final class RuleBase {
  private static final String RECOMMENDATIONS = "recommendations";
  private static final String GAPS_CLOSED = "gapsClosed";
  private static final String DERIVED = "derived";
  private static final String RESOURCES = "src/main/resources/";
  private static final Pattern PACKAGE =
      Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

  private static final String PLAIN_LANGUAGE = "plainLanguage";
  private static final String KBASE = "cocare";

  /** Starts {@link #toBytes()}' form ("CKB" and its version). */
  private static final int FORM = 0x434b4201;

  /** The parameter naming the language of patients whose preferred one is not offered. */
  public static final String DEFAULT_LANGUAGE = "education.default-language";

  // Facts are inserted once and never modified in a stateless session: property reactivity would
  // buy nothing and only warn about constraints that read the context's dates. A rule base read
  // back from the cache is configured the same way as a compiled one.
  private static final String PROPERTY_SPECIFIC = "drools.propertySpecific";
  private static final String PROPERTY_SPECIFIC_VALUE = "ALLOWED";

  private final KieBase kieBase;
  private final Catalogue catalogue;
  // Sessions reused between firings (reset, not rebuilt): building a session's node memories cost
  // more than firing the rules of an eCQM-size patient.
  private final KieSessionsPool sessions;

  private RuleBase(KieBase kieBase, Catalogue catalogue) {
    this.kieBase = kieBase;
    this.sessions = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
    this.catalogue = catalogue;
  }

  /** What one firing produced, unmerged: every Recommendation and GapClosed in the session. */
  public record Firing(
      List<Recommendation> recommendations,
      List<GapClosed> gapsClosed,
      List<Derivation> derivations) {
    public Firing(List<Recommendation> recommendations, List<GapClosed> gapsClosed) {
      this(recommendations, gapsClosed, List.of());
    }
  }

  /**
   * A fact a rule inserted, with the rule's name and its {@code @source} metadata (the measure and
   * version, or the guideline). Only collected when explaining.
   */
  public record Derivation(Object fact, String rule, String source) {}

  /**
   * Compiles the rule set's DRL and decision tables and reads its content catalogue and scenarios;
   * fails with every DRL error's file, line and column, every decision-table error's file, row and
   * column, what is wrong in the catalogue or in the rule titles ({@value RuleSet#RULES_FILE}: a
   * row for a rule the rule set does not have, a rule listed twice, a blank title), or each
   * scenario file that cannot be read with its line and column.
   *
   * <p>A decision table ({@code .drl.csv}, {@code .drl.xlsx}) is turned into DRL by Drools' {@code
   * SpreadsheetCompiler} and from there on is DRL like the rest: checked for safety and compiled
   * with the other files, so its rules may use the types they declare. Only the messages differ:
   * they name the table's row and column, not a line of generated DRL (see {@link TableProblems}).
   *
   * <p>DRL that reaches past the fact model and helpers ({@link RuleSafety}) is refused the same
   * way, before Drools sees it: compiling a consequence is the first step to running it, and every
   * path to a usable rule base (validating a draft, activating a version) comes through here. A
   * table cell is rule text too: {@code System.exit(0)} in an action cell is refused by its row and
   * column.
   */
  public static RuleBase compile(RuleSet ruleSet) {
    Map<String, String> sources = new TreeMap<>(ruleSet.drlFiles());
    Map<String, DecisionTable> tables = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (String name : ruleSet.decisionTables().keySet()) {
      try {
        DecisionTable table = DecisionTable.of(ruleSet, name);
        sources.put(name, table.drl());
        tables.put(name, table);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    Map<String, TableProblems> tableProblems = new TreeMap<>();
    tables.forEach((name, table) -> tableProblems.put(name, new TableProblems(table)));
    for (RuleSafety.Violation violation : RuleSafety.check(sources)) {
      TableProblems inTable = tableProblems.get(violation.file());
      if (inTable == null) {
        problems.add(violation.toString());
      } else {
        inTable.add(violation);
      }
    }
    tableProblems.values().forEach(t -> problems.addAll(t.messages()));
    if (!problems.isEmpty()) {
      throw new RuleSetCompilationException(ruleSet.label(), problems);
    }
    Catalogue catalogue = null;
    try {
      catalogue = ruleSet.catalogue();
      if (!catalogue.items().isEmpty()) {
        catalogue.requireOffered(ruleSet.parameters().text(DEFAULT_LANGUAGE));
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    problems.addAll(
        RuleMetadata.of(ruleSet)
            .problems(RuleListing.of(ruleSet).stream().map(RuleListing.Entry::name).toList()));
    // Scenarios are read here, not only when they are run, so that validating a draft reports a
    // scenario file that cannot be read with its line, as it does a DRL error.
    try {
      ruleSet.scenarios();
    } catch (ScenarioFormatException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      throw new RuleSetCompilationException(ruleSet.label(), problems);
    }
    KieServices kie = KieServices.Factory.get();
    KieFileSystem files = kie.newKieFileSystem();
    ReleaseId releaseId =
        kie.newReleaseId(
            "org.cocare.rulesets",
            ruleSet.name() + "-" + ruleSet.contentHash().substring(0, 16),
            "1");
    files.generateAndWritePomXML(releaseId);
    KieModuleModel module = kie.newKieModuleModel();
    module.setConfigurationProperty(PROPERTY_SPECIFIC, PROPERTY_SPECIFIC_VALUE);
    module
        .newKieBaseModel(KBASE)
        .setDefault(true)
        .newKieSessionModel("evaluate")
        .setDefault(true)
        .setType(KieSessionModel.KieSessionType.STATELESS);
    files.writeKModuleXML(module.toXML());
    // Generated DRL goes in as DRL (the table's name plus .drl), so Drools does not convert the
    // table a second time and its messages come back with a path that leads to the table.
    Map<String, String> tableByPath = new HashMap<>();
    sources.forEach(
        (name, drl) -> {
          String path = folder(drl) + name + (tables.containsKey(name) ? ".drl" : "");
          if (tables.containsKey(name)) {
            tableByPath.put(path, name);
          }
          files.write(RESOURCES + path, drl);
        });
    KieBuilder builder = kie.newKieBuilder(files, KnownMisses.MODULE).buildAll();
    DrlProblems drlProblems = new DrlProblems();
    for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
      String table = m.getPath() == null ? null : tableByPath.get(m.getPath());
      if (table != null) {
        tableProblems.get(table).add(m.getLine(), m.getText());
      } else {
        drlProblems.add(
            m.getPath() == null ? "" : m.getPath().substring(m.getPath().lastIndexOf('/') + 1),
            m.getLine(),
            m.getColumn(),
            m.getText());
      }
    }
    List<String> errors = new ArrayList<>(drlProblems.messages());
    if (tableProblems.values().stream().anyMatch(TableProblems::unparsed) && !errors.isEmpty()) {
      // Once a package does not parse, Drools no longer resolves the types the other files declare
      // and reports each use of them: dozens of errors with one cause, in the table.
      int echoes = errors.size();
      errors.clear();
      tableProblems.values().forEach(t -> errors.addAll(t.messages()));
      errors.add(
          "and "
              + echoes
              + " follow-on errors in other files, which Drools reports while a decision table"
              + " cannot be read: fix the table first");
    } else {
      tableProblems.values().forEach(t -> errors.addAll(t.messages()));
    }
    if (!errors.isEmpty()) {
      throw new RuleSetCompilationException(ruleSet.label(), errors);
    }
    return new RuleBase(kie.newKieContainer(releaseId, KnownMisses.MODULE).getKieBase(), catalogue);
  }

  /**
   * The compiled rule base as bytes, for {@link #fromBytes}: the classes Drools generated for the
   * types the rules declare, then the knowledge packages (rules, compiled consequences, type
   * declarations) in Drools' own serialized form. Readable only by a runtime with the same {@link
   * #compiledForm()}.
   */
  public byte[] toBytes() {
    if (!(((InternalRuleBase) kieBase).getRootClassLoader() instanceof ProjectClassLoader loader)) {
      throw new IllegalStateException("only a rule base compiled by RuleBase.compile has bytes");
    }
    List<InternalKnowledgePackage> packages = new ArrayList<>();
    for (KiePackage p : kieBase.getKiePackages()) {
      packages.add((InternalKnowledgePackage) p);
    }
    try {
      ByteArrayOutputStream serialized = new ByteArrayOutputStream();
      try (DroolsObjectOutputStream out = new DroolsObjectOutputStream(serialized)) {
        out.writeObject(packages);
      }
      Map<String, byte[]> generated = new TreeMap<>(loader.getStore());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(serialized.size() + 65536);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(FORM);
        out.writeUTF(compiledForm());
        out.writeInt(generated.size());
        for (Map.Entry<String, byte[]> type : generated.entrySet()) {
          out.writeUTF(type.getKey());
          out.writeInt(type.getValue().length);
          out.write(type.getValue());
        }
        out.writeInt(serialized.size());
        serialized.writeTo(out);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize the rule base", e);
    }
  }

  /**
   * The rule base {@link #toBytes()} wrote for this rule set, without compiling it again: Drools
   * rebuilds its network from the packages, which takes a fraction of compiling the DRL. The rule
   * set's checks (safety, catalogue, metadata, scenarios) are not repeated: they passed when these
   * bytes were made from the same content by the same code ({@link #compiledForm()}).
   *
   * @throws IllegalArgumentException when the bytes are not such a rule base or were written by
   *     another {@link #compiledForm()}: the caller compiles instead
   */
  public static RuleBase fromBytes(RuleSet ruleSet, byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != FORM) {
        throw new IllegalArgumentException("not a compiled rule base");
      }
      String form = in.readUTF();
      if (!form.equals(compiledForm())) {
        throw new IllegalArgumentException(
            "compiled by another runtime (" + form + "), this is " + compiledForm());
      }
      Map<String, byte[]> generated = new HashMap<>();
      for (int n = in.readInt(); n > 0; n--) {
        String name = in.readUTF();
        generated.put(name, in.readNBytes(in.readInt()));
      }
      byte[] serialized = in.readNBytes(in.readInt());
      ProjectClassLoader loader =
          ProjectClassLoader.createProjectClassLoader(KnownMisses.MODULE, generated);
      Object packages;
      try (DroolsObjectInputStream packageIn =
          new DroolsObjectInputStream(new ByteArrayInputStream(serialized), loader)) {
        packages = packageIn.readObject();
      }
      InternalKnowledgeBase base =
          KnowledgeBaseFactory.newKnowledgeBase(
              KBASE, KieServices.Factory.get().newKieBaseConfiguration(configuration(), loader));
      List<InternalKnowledgePackage> read = new ArrayList<>();
      for (Object p : (Collection<?>) packages) {
        read.add((InternalKnowledgePackage) p);
      }
      base.addPackages(read);
      return new RuleBase(base, ruleSet.catalogue());
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new IllegalArgumentException("not a readable compiled rule base: " + e, e);
    }
  }

  /**
   * What a compiled rule base's bytes depend on besides the rule set's content: the Drools and Java
   * versions and this module's classes (the fact model the rules are compiled against), as a short
   * hash. Bytes written under another one are not read.
   */
  public static String compiledForm() {
    return CompiledForm.ID;
  }

  private static final class CompiledForm {
    static final String ID = id();

    private static String id() {
      MessageDigest digest;
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
      }
      digest.update(
          ("form " + FORM + ", drools " + Drools.getFullVersion() + ", java " + Runtime.version())
              .getBytes(StandardCharsets.UTF_8));
      try {
        moduleClasses(digest);
      } catch (IOException | URISyntaxException | RuntimeException e) {
        // Without a fingerprint of the fact model no bytes can be trusted: a form of its own that
        // no other runtime shares.
        digest.update(Long.toString(System.nanoTime()).getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    /** Every class of this module by name and content (CRC in a jar, bytes in a folder). */
    private static void moduleClasses(MessageDigest digest) throws IOException, URISyntaxException {
      URL location = RuleBase.class.getProtectionDomain().getCodeSource().getLocation();
      if ("file".equals(location.getProtocol())) {
        Path path = Path.of(location.toURI());
        if (Files.isDirectory(path)) {
          try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
              digest.update(path.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
              digest.update(Files.readAllBytes(file));
            }
          }
        } else {
          try (JarFile jar = new JarFile(path.toFile())) {
            classEntries(jar, digest);
          }
        }
      } else if (location.openConnection() instanceof JarURLConnection connection) {
        // A jar inside the application's jar: the connection's JarFile is the class loader's
        // cached one, so it stays open.
        classEntries(connection.getJarFile(), digest);
      } else {
        throw new IllegalStateException("cannot read the classes at " + location);
      }
    }

    private static void classEntries(JarFile jar, MessageDigest digest) {
      jar.stream()
          .filter(e -> e.getName().endsWith(".class"))
          .sorted(Comparator.comparing(JarEntry::getName))
          .forEach(
              e -> {
                digest.update(e.getName().getBytes(StandardCharsets.UTF_8));
                digest.update(
                    HexFormat.of().toHexDigits(e.getCrc()).getBytes(StandardCharsets.UTF_8));
              });
    }
  }

  public KieBase kieBase() {
    return kieBase;
  }

  public Catalogue catalogue() {
    return catalogue;
  }

  /** Fires the rules over one patient's facts in a fresh stateless session. */
  public Firing fire(Collection<?> facts, EvaluationContext context, Parameters parameters) {
    return fire(facts, context, parameters, false);
  }

  /**
   * Fires as {@link #fire(Collection, EvaluationContext, Parameters)}; with {@code explain}, also
   * records which rule inserted each derived fact that is still held at the end (a logically
   * inserted fact whose reason went away is not).
   *
   * <p>The catalogue's items are facts of every firing. Each education recommendation comes back
   * with its {@link EducationContent}: in the patient's preferred language when the catalogue
   * offers it (else the rule set's {@value #DEFAULT_LANGUAGE}), plain when a rule derived {@link
   * PlainLanguage}.
   */
  public Firing fire(
      Collection<?> facts, EvaluationContext context, Parameters parameters, boolean explain) {
    KieCommands commands = KieServices.Factory.get().getCommands();
    List<Command<?>> batch = new ArrayList<>();
    batch.add(commands.newInsertElements(facts));
    batch.add(commands.newInsert(context));
    batch.add(commands.newInsert(parameters));
    batch.add(commands.newInsertElements(catalogue.items()));
    batch.add(commands.newFireAllRules());
    batch.add(commands.newGetObjects(new ClassObjectFilter(PlainLanguage.class), PLAIN_LANGUAGE));
    batch.add(commands.newGetObjects(new ClassObjectFilter(Recommendation.class), RECOMMENDATIONS));
    batch.add(commands.newGetObjects(new ClassObjectFilter(GapClosed.class), GAPS_CLOSED));
    // A listener added to a pooled session would stay with it: explaining takes a session of its
    // own.
    StatelessKieSession session =
        explain ? kieBase.newStatelessKieSession() : sessions.newStatelessKieSession();
    // Which rule inserted each object, by identity. Presence is read from the session's objects at
    // the end (a logically inserted fact whose reason went away is gone by then).
    Map<Object, Derivation> inserted = new IdentityHashMap<>();
    if (explain) {
      batch.add(commands.newGetObjects(new ClassObjectFilter(Object.class), DERIVED));
      session.addEventListener(
          new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
              if (event.getRule() != null) {
                Object source = event.getRule().getMetaData().get("source");
                inserted.put(
                    event.getObject(),
                    new Derivation(
                        event.getObject(),
                        event.getRule().getName(),
                        source == null ? null : source.toString()));
              }
            }
          });
    }
    ExecutionResults results = session.execute(commands.newBatchExecution(batch));
    List<Derivation> derivations = new ArrayList<>();
    if (explain) {
      for (Object fact : objects(results, DERIVED, Object.class)) {
        Derivation derivation = inserted.get(fact);
        if (derivation != null) {
          derivations.add(derivation);
        }
      }
    }
    List<Recommendation> recommendations =
        withContent(
            objects(results, RECOMMENDATIONS, Recommendation.class),
            facts,
            parameters,
            !objects(results, PLAIN_LANGUAGE, PlainLanguage.class).isEmpty());
    return new Firing(
        recommendations, objects(results, GAPS_CLOSED, GapClosed.class), List.copyOf(derivations));
  }

  private List<Recommendation> withContent(
      List<Recommendation> recommendations,
      Collection<?> facts,
      Parameters parameters,
      boolean plain) {
    if (recommendations.stream().noneMatch(r -> r.kind() == Kind.EDUCATION)) {
      return recommendations;
    }
    String preferred =
        facts.stream()
            .filter(PatientFact.class::isInstance)
            .map(PatientFact.class::cast)
            .findFirst()
            .map(PatientFact::language)
            .orElse(null);
    String language = languageFor(preferred, parameters);
    return recommendations.stream()
        .map(
            r ->
                r.kind() == Kind.EDUCATION
                    ? r.withContent(catalogue.content(r.catalogueItem(), language, plain))
                    : r)
        .toList();
  }

  /**
   * The language this rule set writes in for a patient who prefers {@code preferred} (a BCP-47 tag,
   * null for none): the catalogue's choice, else its {@value #DEFAULT_LANGUAGE}. A catalogue
   * without items offers no language at all (compiling checks the default only when there are
   * items), so then it is English.
   */
  public String languageFor(String preferred, Parameters parameters) {
    return catalogue.items().isEmpty()
        ? "en"
        : catalogue.languageFor(preferred, parameters.text(DEFAULT_LANGUAGE));
  }

  private static <T> List<T> objects(ExecutionResults results, String name, Class<T> type) {
    Object value = results.getValue(name);
    if (!(value instanceof Collection<?> collection)) {
      return List.of();
    }
    return collection.stream().map(type::cast).toList();
  }

  /** Where a DRL file goes in the module: the folder of its package, as Drools expects. */
  private static String folder(String drl) {
    Matcher matcher = PACKAGE.matcher(drl);
    return matcher.find() ? matcher.group(1).replace('.', '/') + "/" : "";
  }

  private static Properties configuration() {
    Properties properties = new Properties();
    properties.setProperty(PROPERTY_SPECIFIC, PROPERTY_SPECIFIC_VALUE);
    return properties;
  }
}
