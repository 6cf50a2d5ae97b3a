package org.cocare.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleSafetyTest {

  /**
   * A one-rule draft: {@code top} goes on line 5 (imports, functions, declarations), {@code when}
   * on line 10, {@code then} on line 12, each indented by four spaces except {@code top}.
   */
  private static String draft(String top, String when, String then) {
    return """
        package org.cocare.rules.draft

        import org.cocare.rules.model.EncounterFact
        import org.cocare.rules.model.Finding
        %s
        import org.cocare.rules.model.PatientFact

        rule "draft" @source("Runtime, System and eval are only words here")
        when
            %s
        then
            %s
        end
        """
        .formatted(top, when, then);
  }

  private static String consequence(String then) {
    return draft("", "$p : PatientFact()", then);
  }

  private static RuleSet ruleSet(String drl) {
    TreeMap<String, String> files = new TreeMap<>();
    files.put("draft.drl", drl);
    return new RuleSet("draft", "1", files);
  }

  private static List<RuleSafety.Violation> violations(String drl) {
    return RuleSafety.check(ruleSet(drl));
  }

  @Test
  void defaultRuleSet_isSafe() {
    assertThat(RuleSafety.check(RuleSet.loadDefault())).isEmpty();
  }

  static Stream<Arguments> unsafeDrafts() {
    return Stream.of(
        Arguments.of("System.exit", consequence("System.exit(0);"), 12, 5, "\"System\""),
        Arguments.of(
            "java.io.File inline",
            consequence("new java.io.File(\"/etc/passwd\").delete();"),
            12,
            9,
            "\"java.io.File\""),
        Arguments.of(
            "java.io.File imported",
            draft("import java.io.File", "$p : PatientFact()", ""),
            5,
            8,
            "import \"java.io.File\""),
        Arguments.of(
            "Class.forName",
            consequence("Object r = Class.forName(\"java.lang.Runtime\");"),
            12,
            16,
            "\"Class\""),
        Arguments.of(
            "getClass().getMethod",
            consequence("$p.getClass().getMethod(\"toString\").invoke($p);"),
            12,
            8,
            "\"getClass\""),
        Arguments.of(
            "Runtime exec",
            consequence("Runtime.getRuntime().exec(\"rm -rf /\");"),
            12,
            5,
            "\"Runtime\""),
        Arguments.of(
            "new Thread", consequence("new Thread(() -> {}).start();"), 12, 9, "\"Thread\""),
        Arguments.of(
            "import java.net.Socket",
            draft("import java.net.Socket", "$p : PatientFact()", ""),
            5,
            8,
            "import \"java.net.Socket\""),
        Arguments.of(
            "function block",
            draft("function void wipe() { }", "$p : PatientFact()", "wipe();"),
            5,
            1,
            "function declarations"),
        Arguments.of(
            "drools.getKieRuntime",
            consequence("drools.getKieRuntime().halt();"),
            12,
            5,
            "\"drools.getKieRuntime\""),
        Arguments.of(
            "kcontext.getKieRuntime",
            consequence("kcontext.getKieRuntime().getKieBase();"),
            12,
            5,
            "\"kcontext.getKieRuntime\""),
        Arguments.of(
            "Files.readString",
            consequence("String s = Files.readString(null);"),
            12,
            16,
            "\"Files\""),
        Arguments.of(
            "static call outside the allow-list",
            consequence("int i = Integer.getInteger(\"user.home\");"),
            12,
            13,
            "\"Integer.getInteger\""),
        Arguments.of(
            "java.lang class not on the allow-list",
            consequence("StackWalker.getInstance();"),
            12,
            5,
            "\"StackWalker\""),
        Arguments.of(
            "org.kie inline",
            consequence("org.kie.api.KieServices.Factory.get();"),
            12,
            5,
            "\"org.kie.api.KieServices\""),
        Arguments.of(
            "import static System.exit",
            draft("import static java.lang.System.exit", "$p : PatientFact()", "exit(0);"),
            5,
            15,
            "import static \"java.lang.System.exit\""),
        Arguments.of(
            "import of the rule set machinery",
            draft("import org.cocare.rules.ruleset.RuleSet", "$p : PatientFact()", ""),
            5,
            8,
            "import \"org.cocare.rules.ruleset.RuleSet\""),
        Arguments.of(
            "class literal", consequence("Object loader = $p.class;"), 12, 24, "\"class\""),
        Arguments.of("eval in a condition", draft("", "eval( true )", ""), 10, 5, "\"eval\""),
        Arguments.of(
            "unicode escape in code", consequence("\\u0053ystem.exit(0);"), 12, 5, "\"\\u0053\""),
        Arguments.of(
            "unicode escape in a string, which Java decodes before reading the string",
            consequence("insert(new Finding(\"a\\u0022 + \\u0022b\", \"e\"));"),
            12,
            26,
            "\"\\u0022\""),
        Arguments.of(
            "unicode line break in a comment, which would turn the rest of the line into code",
            consequence("// \\u000a System.exit(0);"),
            12,
            8,
            "\"\\u000a\""),
        Arguments.of(
            "invisible character Java ignores in names",
            consequence("Sys\u200Dtem.exit(0);"),
            12,
            8,
            "U+200D"),
        Arguments.of(
            "text block",
            consequence("String s = \"\"\"\n    \"\n    \"\"\"; System.exit(0);"),
            12,
            16,
            "text blocks"),
        Arguments.of(
            "quoted text running past its line",
            consequence("String s = \"abc\n    \"; System.exit(0);"),
            12,
            16,
            "not closed on its line"),
        Arguments.of(
            "mvel dialect",
            draft("dialect \"mvel\"", "$p : PatientFact()", ""),
            5,
            9,
            "dialect \"mvel\""),
        Arguments.of(
            "declaring a Java class name",
            draft("declare StackWalker end", "$p : PatientFact()", ""),
            5,
            9,
            "\"StackWalker\" is a Java class"),
        Arguments.of(
            "synchronized block", consequence("synchronized ($p) { }"), 12, 5, "\"synchronized\""),
        Arguments.of(
            "package of the fact model",
            consequence("").replace("org.cocare.rules.draft", "org.cocare.rules.model"),
            1,
            9,
            "package \"org.cocare.rules.model\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsafeDrafts")
  void unsafeDraft_isRefusedAtTheOffendingToken(
      String name, String drl, int line, int column, String named) {
    List<RuleSafety.Violation> violations = violations(drl);

    assertThat(violations)
        .as(name)
        .anySatisfy(
            v -> {
              assertThat(v.file()).isEqualTo("draft.drl");
              assertThat(v.line()).isEqualTo(line);
              assertThat(v.column()).isEqualTo(column);
              assertThat(v.message()).contains(named);
              assertThat(v.toString())
                  .isEqualTo("draft.drl:" + line + ":" + column + " " + v.message());
            });
  }

  static Stream<Arguments> harmlessDrafts() {
    return Stream.of(
        Arguments.of(
            "System and Runtime inside a reason text",
            consequence("insert(new Finding(\"System Runtime exec eval\", $p.reference()));")),
        Arguments.of(
            "a comment mentioning Runtime",
            consequence(
                "// Runtime.getRuntime().exec(...) is what this check keeps out\n"
                    + "    /* System.exit(0) */ insert(new Finding(\"x\", $p.reference()));")),
        Arguments.of(
            "a bound variable named $system",
            draft(
                "", "$system : PatientFact()", "insert(new Finding(\"x\", $system.reference()));")),
        Arguments.of(
            "the field classCode, and prevalence (which contains eval)",
            draft(
                "import org.cocare.rules.model.ConditionFact",
                "EncounterFact( classCode == \"AMB\" ) exists ConditionFact( prevalence != null )",
                "")),
        Arguments.of(
            "declared names that contain exit, exists, system, eval",
            draft(
                "declare Evaluation\n    exitCode : int\n    existsWithin : boolean\n"
                    + "    systemName : String\nend",
                "$e : Evaluation( existsWithin, exitCode == 0, systemName != null )",
                "insert(new Finding($e.getSystemName(), \"e\"));")),
        Arguments.of(
            "the rule's name and the allowed value types written in full",
            draft(
                "import java.util.List",
                "$p : PatientFact()",
                "List names = new java.util.ArrayList(new java.util.TreeSet(List.of("
                    + "drools.getRule().getName())));\n"
                    + "    insert(new Finding(String.valueOf(Math.max(1, names.size())), \"e\"));")),
        Arguments.of(
            "an escaped backslash before u in a text",
            consequence("insert(new Finding(\"C:\\\\users\", $p.reference()));")),
        Arguments.of(
            "a wildcard import of the fact model",
            draft(
                "import org.cocare.rules.model.*",
                "$c : ConditionFact( )",
                "insert(new Finding(\"x\", $c.reference()));")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("harmlessDrafts")
  void harmlessLookAlike_isAcceptedAndCompiles(String name, String drl) {
    assertThat(violations(drl)).as(name).isEmpty();
    assertThat(RuleBase.compile(ruleSet(drl)).kieBase().getKiePackage("org.cocare.rules.draft"))
        .as("a safe draft is real DRL: " + name)
        .isNotNull();
  }

  @Test
  void compile_refusesAnUnsafeRuleSet_beforeDroolsSeesIt(@TempDir Path dir) {
    Path written = dir.resolve("written-by-a-rule.txt");
    String drl =
        draft(
            "",
            "$p : PatientFact( noSuchField == 1 )",
            "java.nio.file.Files.writeString(java.nio.file.Path.of(\""
                + written.toString().replace("\\", "/")
                + "\"), \"x\");");

    assertThatThrownBy(() -> RuleBase.compile(ruleSet(drl)))
        .isInstanceOf(RuleSetCompilationException.class)
        .hasMessageContaining("rule set draft@1 does not compile")
        .satisfies(
            e ->
                assertThat(((RuleSetCompilationException) e).problems())
                    .as("only the safety check spoke: Drools would also reject noSuchField")
                    .containsExactly(
                        "draft.drl:12:5 \"java.nio.file.Files\" is not allowed in rules: rules may"
                            + " only use the Cocare fact model and helpers; only the classes rules"
                            + " may import may be named in full",
                        "draft.drl:12:37 \"java.nio.file.Path\" is not allowed in rules: rules may"
                            + " only use the Cocare fact model and helpers; only the classes rules"
                            + " may import may be named in full"));
    assertThat(written).doesNotExist();
  }

  @Test
  void compile_refusesTheDefaultRuleSetWithOneUnsafeFileAdded_namingOnlyThatFile() {
    RuleSet base = RuleSet.loadDefault();
    TreeMap<String, String> files = new TreeMap<>(base.files());
    files.put("evil.drl", consequence("System.exit(0);"));

    assertThatThrownBy(() -> RuleBase.compile(new RuleSet(base.name(), "2", files)))
        .isInstanceOf(RuleSetCompilationException.class)
        .satisfies(
            e ->
                assertThat(((RuleSetCompilationException) e).problems())
                    .singleElement()
                    .asString()
                    .startsWith("evil.drl:12:5 \"System\" is not allowed in rules"));
  }

  @Test
  void everyViolation_isReported_inFileAndLineOrder() {
    String drl =
        draft("import java.io.File", "$p : PatientFact()", "System.exit(0); Thread.yield();");

    assertThat(violations(drl))
        .extracting(v -> v.line() + ":" + v.column())
        .containsExactly("5:8", "12:5", "12:21");
  }
}
