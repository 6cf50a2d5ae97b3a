package org.cocare.rules.ruleset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses rule text that reaches past the Cocare fact model and helpers, before Drools compiles it:
 * a consequence is Java, so a rule that compiles can do anything Java can.
 *
 * <p>The check is a small lexer over each {@code .drl} file, not a sandbox. It reads the text the
 * way Java and Drools do (comments, quoted texts, identifiers) and is deny-by-default where that is
 * practical. What it refuses:
 *
 * <ul>
 *   <li><b>Imports</b> other than classes of {@code org.cocare.rules.model}, {@code
 *       org.cocare.rules.recommendation}, {@code org.cocare.rules.content} and the value types in
 *       {@link #VALUE_TYPES}; {@code import static}, {@code import function} and {@code import
 *       accumulate} only when their class is one of those.
 *   <li><b>Types</b>: a capitalised name must be imported, declared in the rule set or one of the
 *       {@code java.lang} value types in {@link #LANG_TYPES}. So {@code System}, {@code Runtime},
 *       {@code ProcessBuilder}, {@code Thread} and every other class of {@code java.lang} are out.
 *       ALL_CAPS names are constants (enum values), not types: no class Java resolves without an
 *       import has such a name.
 *   <li><b>Qualified names</b> written inline ({@code java.io.File}, {@code org.kie...}) unless the
 *       class could be imported.
 *   <li><b>Static calls</b> ({@code Name.method(}) on anything but the imported and declared
 *       classes, {@code Math} and {@code String}. {@code Integer}, {@code Long} and {@code Boolean}
 *       stay usable as types but not as call targets: their {@code getInteger} and kin read system
 *       properties.
 *   <li><b>Names</b> in {@link #DENIED}, wherever they appear (also as a member, {@code
 *       $x.getClass()}): reflection, class loading, processes, threads, I/O, network, scripting,
 *       {@code eval}, {@code exit}, {@code synchronized}, {@code class} (a class literal is a way into
 *       reflection).
 *   <li><b>{@code drools} and {@code kcontext}</b> except {@code .getRule()} and {@code
 *       .getMatch()}: the rest of the helper reaches the session, the knowledge base and the agenda.
 *   <li><b>{@code function} declarations</b>: a function body is arbitrary Java, and the default
 *       rule set needs none (the fact model's methods are the helpers).
 *   <li><b>{@code dialect}</b> other than {@code "java"}: MVEL reaches members by property name, a
 *       second language to check.
 *   <li><b>Packages</b> other than {@code org.cocare.rules.<name>} (not one of the module's own
 *       packages): a consequence compiled into a package sees that package's classes without
 *       import.
 *   <li><b>Unicode escapes</b> ({@code \u0053}) anywhere, in quotes and comments too: Java decodes
 *       them before it reads the code, so {@code "\u0022"} closes a string in a consequence and
 *       {@code \u000a} ends a comment. <b>Text blocks</b>, quoted texts that run past their line, and
 *       any character outside quotes and comments that is not printable ASCII (invisible characters
 *       Java ignores in identifiers, look-alike letters).
 * </ul>
 *
 * <p>Quoted texts and comments are otherwise not checked: a reason that says "System" or an {@code
 * @source("...")} naming a guideline is fine.
 */
final class RuleSafety {

  /** One refusal: where it is and what to change, e.g. {@code cms130.drl:12:5 "System" is ...}. */
  record Violation(String file, int line, int column, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ":" + column + " " + message;
    }
  }

  private static final String ONLY_MODEL = "rules may only use the Cocare fact model and helpers";

  /** The classes outside the Cocare packages that rules may import or name. */
  static final Set<String> VALUE_TYPES =
      Set.of(
          "java.util.List",
          "java.util.Set",
          "java.util.Map",
          "java.util.ArrayList",
          "java.util.TreeSet",
          "java.util.LinkedHashSet",
          "java.time.LocalDate",
          "java.time.Period",
          "java.math.BigDecimal");

  /** {@code java.lang} types usable without import: as types only, see {@link #STATIC_LANG}. */
  static final Set<String> LANG_TYPES =
      Set.of(
          "String",
          "Number",
          "Integer",
          "Long",
          "Double",
          "Float",
          "Short",
          "Byte",
          "Boolean",
          "Character",
          "Object",
          "Math");

  private static final Set<String> STATIC_LANG = Set.of("Math", "String");

  private static final Pattern COCARE_CLASS =
      Pattern.compile("org\\.cocare\\.rules\\.(model|recommendation|content)(\\.[A-Z]\\w*)+");
  private static final Pattern COCARE_PACKAGE =
      Pattern.compile("org\\.cocare\\.rules\\.(model|recommendation|content)");
  private static final Pattern RULE_PACKAGE =
      Pattern.compile(
          "org\\.cocare\\.rules\\.(?!(model|recommendation|content|ruleset)\\b)[a-z]\\w*(\\.[a-z]\\w*)*");

  /**
   * Names refused wherever they appear. Most are unreachable anyway; here they get a clear message.
   */
  static final Set<String> DENIED =
      Set.of(
          "System",
          "Runtime",
          "ProcessBuilder",
          "Process",
          "ProcessHandle",
          "Thread",
          "ThreadGroup",
          "ThreadLocal",
          "Class",
          "ClassLoader",
          "class",
          "forName",
          "getClass",
          "getClassLoader",
          "getContextClassLoader",
          "getDeclaredMethod",
          "getDeclaredMethods",
          "getMethod",
          "getMethods",
          "getDeclaredField",
          "getDeclaredFields",
          "getField",
          "getFields",
          "getDeclaredConstructor",
          "getDeclaredConstructors",
          "getConstructor",
          "getConstructors",
          "newInstance",
          "invoke",
          "invokeExact",
          "setAccessible",
          "Files",
          "Paths",
          "Path",
          "File",
          "Socket",
          "ServerSocket",
          "URL",
          "URI",
          "HttpClient",
          "InetAddress",
          "ScriptEngine",
          "ScriptEngineManager",
          "MethodHandles",
          "MethodHandle",
          "Proxy",
          "Unsafe",
          "exit",
          "halt",
          "exec",
          "eval",
          "getRuntime",
          "getKieRuntime",
          "getKnowledgeRuntime",
          "getWorkingMemory",
          "Executors",
          "ExecutorService",
          "CompletableFuture",
          "ForkJoinPool",
          "Timer",
          "synchronized",
          "wait",
          "notify",
          "notifyAll",
          "finalize");

  private static final Set<String> PACKAGE_ROOTS =
      Set.of(
          "java", "javax", "jakarta", "jdk", "sun", "com", "org", "net", "io", "kotlin", "groovy",
          "scala");

  private static final Set<String> CONTEXT_HELPERS = Set.of("drools", "kcontext");
  private static final Set<String> CONTEXT_MEMBERS = Set.of("getRule", "getMatch");

  private RuleSafety() {}

  /** Every violation in the rule set's DRL files, in file order; empty when the text is safe. */
  static List<Violation> check(RuleSet ruleSet) {
    return check(ruleSet.drlFiles());
  }

  /**
   * Every violation in the DRL by file name, in file order. Types declared in one file may be used
   * in the others, so the DRL generated from decision tables is checked together with the files.
   */
  static List<Violation> check(Map<String, String> drlByFile) {
    List<Violation> violations = new ArrayList<>();
    Map<String, List<Token>> lexed = new LinkedHashMap<>();
    drlByFile.forEach((file, drl) -> lexed.put(file, new Lexer(file, drl, violations).lex()));
    Set<String> declared = new HashSet<>();
    lexed.forEach((file, tokens) -> declared.addAll(declaredTypes(file, tokens, violations)));
    lexed.forEach((file, tokens) -> new FileCheck(file, tokens, declared, violations).run());
    violations.sort(
        Comparator.comparing(Violation::file)
            .thenComparingInt(Violation::line)
            .thenComparingInt(Violation::column));
    return List.copyOf(violations);
  }

  // ---------------------------------------------------------------------------------------------
  // Lexing

  enum TokenKind {
    IDENT,
    TEXT,
    NUMBER,
    SYMBOL
  }

  record Token(TokenKind kind, String text, int line, int column) {
    boolean is(String s) {
      return kind != TokenKind.TEXT && text.equals(s);
    }
  }

  /**
   * Splits DRL into identifiers, quoted texts, numbers and symbols, dropping whitespace and
   * comments the way Java and the DRL parser do. Where it would read differently from them (unicode
   * escapes, text blocks, quoted texts over several lines) it reports a violation instead.
   */
  private static final class Lexer {
    private final String file;
    private final String text;
    private final List<Violation> violations;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;

    Lexer(String file, String text, List<Violation> violations) {
      this.file = file;
      this.text = text;
      this.violations = violations;
    }

    List<Token> lex() {
      reportUnicodeEscapesAndLineSeparators();
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '\r' || c == '\n') {
          newline();
        } else if (c == ' ' || c == '\t' || c == '\f') {
          pos++;
        } else if (c == '/' && peek(1) == '/') {
          while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
          }
        } else if (c == '/' && peek(1) == '*') {
          blockComment();
        } else if (c == '"' && peek(1) == '"' && peek(2) == '"') {
          textBlock();
        } else if (c == '"' || c == '\'') {
          quoted(c);
        } else if (isIdentStart(c)) {
          int start = pos;
          int column = column();
          while (pos < text.length() && isIdentPart(text.charAt(pos))) {
            pos++;
          }
          tokens.add(new Token(TokenKind.IDENT, text.substring(start, pos), line, column));
        } else if (c >= '0' && c <= '9') {
          int start = pos;
          int column = column();
          while (pos < text.length()
              && (isIdentPart(text.charAt(pos))
                  || (text.charAt(pos) == '.' && Character.isDigit(peek(1))))) {
            pos++;
          }
          tokens.add(new Token(TokenKind.NUMBER, text.substring(start, pos), line, column));
        } else if (c == '\\' && unicodeEscapeLength(pos) > 0) {
          pos += unicodeEscapeLength(pos); // reported already
        } else if (c == ':' && peek(1) == ':') {
          tokens.add(new Token(TokenKind.SYMBOL, "::", line, column()));
          pos += 2;
        } else if (c > ' ' && c < 0x7f && c != '\\') {
          tokens.add(new Token(TokenKind.SYMBOL, String.valueOf(c), line, column()));
          pos++;
        } else {
          violation(
              line,
              column(),
              String.format(
                  "the character U+%04X is not allowed outside quotes and comments in rules: write"
                      + " rule code in plain ASCII",
                  (int) c));
          pos++;
        }
      }
      return tokens;
    }

    /**
     * Java turns {@code \}{@code uXXXX} into its character before anything else, in quoted texts
     * and comments too, and the DRL parser does not: the two would read different code.
     */
    private void reportUnicodeEscapesAndLineSeparators() {
      int l = 1;
      int ls = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
          l++;
          ls = i + 1;
        } else if (c == '\u2028' || c == '\u2029' || c == '\u0085') {
          violation(
              l,
              i - ls + 1,
              String.format(
                  "the line separator U+%04X is not allowed in rules: end lines with a plain line"
                      + " break",
                  (int) c));
        } else if (c == '\\' && unicodeEscapeLength(i) > 0) {
          violation(
              l,
              i - ls + 1,
              "the unicode escape \""
                  + text.substring(i, i + unicodeEscapeLength(i))
                  + "\" is not allowed in rules: write the character itself");
        }
      }
    }

    /**
     * Length of the unicode escape starting at {@code i}, 0 if none: a backslash preceded by an
     * even number of backslashes, one or more {@code u}, four hex digits (JLS 3.3). A malformed one
     * (too few digits) counts too, from the backslash to the last {@code u}.
     */
    private int unicodeEscapeLength(int i) {
      if (text.charAt(i) != '\\' || i + 1 >= text.length() || text.charAt(i + 1) != 'u') {
        return 0;
      }
      int backslashes = 0;
      for (int j = i - 1; j >= 0 && text.charAt(j) == '\\'; j--) {
        backslashes++;
      }
      if (backslashes % 2 != 0) {
        return 0;
      }
      int end = i + 1;
      while (end < text.length() && text.charAt(end) == 'u') {
        end++;
      }
      int digits = 0;
      while (digits < 4
          && end + digits < text.length()
          && Character.digit(text.charAt(end + digits), 16) >= 0) {
        digits++;
      }
      return end + digits - i;
    }

    private void blockComment() {
      int startLine = line;
      int startColumn = column();
      pos += 2;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '*' && peek(1) == '/') {
          pos += 2;
          return;
        }
        if (c == '\r' || c == '\n') {
          newline();
        } else {
          pos++;
        }
      }
      violation(startLine, startColumn, "this comment is not closed: end it with */");
    }

    private void textBlock() {
      int startLine = line;
      int startColumn = column();
      violation(
          startLine,
          startColumn,
          "text blocks (\"\"\") are not allowed in rules: use a quoted text on one line");
      pos += 3;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '\\') {
          pos += 2;
        } else if (c == '"' && peek(1) == '"' && peek(2) == '"') {
          pos += 3;
          return;
        } else if (c == '\r' || c == '\n') {
          newline();
        } else {
          pos++;
        }
      }
    }

    private void quoted(char quote) {
      int startLine = line;
      int startColumn = column();
      int start = ++pos;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '\\' && peek(1) != '\n' && peek(1) != '\r' && peek(1) != '\0') {
          pos += 2;
        } else if (c == quote) {
          tokens.add(new Token(TokenKind.TEXT, text.substring(start, pos), startLine, startColumn));
          pos++;
          return;
        } else if (c == '\r' || c == '\n') {
          break;
        } else {
          pos++;
        }
      }
      // Java and the DRL parser do not agree on texts that run past their line: refuse them.
      violation(
          startLine,
          startColumn,
          "this quoted text is not closed on its line: end it with " + quote);
    }

    private void newline() {
      if (text.charAt(pos) == '\r' && peek(1) == '\n') {
        pos++;
      }
      pos++;
      line++;
      lineStart = pos;
    }

    private char peek(int ahead) {
      return pos + ahead < text.length() ? text.charAt(pos + ahead) : '\0';
    }

    private int column() {
      return pos - lineStart + 1;
    }

    private void violation(int l, int column, String message) {
      violations.add(new Violation(file, l, column, message));
    }

    private static boolean isIdentStart(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    private static boolean isIdentPart(char c) {
      return isIdentStart(c) || (c >= '0' && c <= '9');
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Checking

  /** The simple names of {@code declare}d types; a name Java already knows is refused. */
  private static Set<String> declaredTypes(
      String file, List<Token> tokens, List<Violation> violations) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i + 1 < tokens.size(); i++) {
      if (!tokens.get(i).is("declare") || isMember(tokens, i)) {
        continue;
      }
      int n = i + 1;
      if (Set.of("trait", "enum", "window").contains(tokens.get(n).text())
          && n + 1 < tokens.size()) {
        n++;
      }
      Token name = tokens.get(n);
      boolean qualified = n + 1 < tokens.size() && tokens.get(n + 1).is(".");
      if (name.kind() != TokenKind.IDENT || qualified) {
        continue; // a qualified name is checked like any other
      }
      if (isJavaLangClass(name.text())) {
        // Declaring a name Java resolves (ProcessHandle) would only add metadata to that class.
        violations.add(
            new Violation(
                file,
                name.line(),
                name.column(),
                "\""
                    + name.text()
                    + "\" is a Java class and cannot be declared in rules: choose another name"));
      } else {
        names.add(name.text());
      }
    }
    return names;
  }

  private static boolean isJavaLangClass(String name) {
    try {
      Class.forName("java.lang." + name, false, RuleSafety.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static boolean isMember(List<Token> tokens, int i) {
    return i > 0 && (tokens.get(i - 1).is(".") || tokens.get(i - 1).is("::"));
  }

  /** The checks over one file's tokens, after every file's declared types are known. */
  private static final class FileCheck {
    private final String file;
    private final List<Token> tokens;
    private final Set<String> declared;
    private final List<Violation> violations;
    private final Set<String> imported = new HashSet<>();
    private final List<String> wildcardPackages = new ArrayList<>();

    FileCheck(String file, List<Token> tokens, Set<String> declared, List<Violation> violations) {
      this.file = file;
      this.tokens = tokens;
      this.declared = declared;
      this.violations = violations;
    }

    void run() {
      int i = 0;
      while (i < tokens.size()) {
        i = step(i);
      }
    }

    /** Checks what starts at token {@code i}; returns the index of the next token to check. */
    private int step(int i) {
      Token token = tokens.get(i);
      if (token.kind() != TokenKind.IDENT) {
        return i + 1;
      }
      String name = token.text();
      Token previous = i > 0 ? tokens.get(i - 1) : null;
      if (previous != null && previous.is("@")) {
        return i + 1; // annotation name: @source, @role
      }
      if (isName(i)) {
        return i + 1;
      }
      if (isMember(tokens, i)) {
        if (DENIED.contains(name)) {
          refuse(token, quote(name) + " is not allowed in rules: " + ONLY_MODEL);
        }
        return i + 1;
      }
      switch (name) {
        case "package":
          return packageStatement(i);
        case "import":
          return importStatement(i);
        case "function":
          refuse(
              token,
              "function declarations are not allowed in rules: a function body is arbitrary Java;"
                  + " use the fact model's methods instead");
          return i + 1;
        case "dialect":
          if (i + 1 < tokens.size()
              && tokens.get(i + 1).kind() == TokenKind.TEXT
              && !tokens.get(i + 1).text().equals("java")) {
            refuse(
                tokens.get(i + 1),
                "dialect \""
                    + tokens.get(i + 1).text()
                    + "\" is not allowed in rules: write rules in the java dialect");
          }
          return i + 1;
        default:
          break;
      }
      int end = chainEnd(i);
      if (DENIED.contains(name)) {
        refuse(token, quote(name) + " is not allowed in rules: " + ONLY_MODEL);
        return end;
      }
      if (CONTEXT_HELPERS.contains(name)) {
        return contextHelper(i);
      }
      if (name.startsWith("$")) {
        return i + 1; // a bound variable; its members are checked one by one
      }
      if (Character.isLowerCase(name.charAt(0))) {
        return qualifiedName(i, end);
      }
      if (isConstant(name)) {
        return i + 1;
      }
      if (!isKnownType(name)) {
        refuse(
            token,
            quote(name)
                + " is not allowed in rules: "
                + ONLY_MODEL
                + "; import the class from org.cocare.rules.model, .recommendation or .content, or"
                + " declare it");
        return end;
      }
      if (isCall(i + 1) && !isStaticTarget(name)) {
        String call = name + "." + tokens.get(i + 2).text();
        refuse(
            token,
            quote(call)
                + " is not allowed in rules: static calls may only be made on imported classes,"
                + " declared types, Math and String");
        return end;
      }
      return i + 1;
    }

    /** A rule or query name, or a named consequence, which may be written without quotes. */
    private boolean isName(int i) {
      if (i == 0) {
        return false;
      }
      Token previous = tokens.get(i - 1);
      if (previous.is("rule") || previous.is("query")) {
        return true;
      }
      if (previous.is("extends") && i >= 3 && tokens.get(i - 3).is("rule")) {
        return true;
      }
      return previous.is("[")
          && i >= 2
          && (tokens.get(i - 2).is("do")
              || tokens.get(i - 2).is("break")
              || tokens.get(i - 2).is("then"));
    }

    private int packageStatement(int i) {
      int end = chainEnd(i + 1);
      String name = joined(i + 1, end);
      if (!RULE_PACKAGE.matcher(name).matches()) {
        refuse(
            tokens.get(Math.min(i + 1, tokens.size() - 1)),
            "package "
                + quote(name)
                + " is not allowed in rules: use org.cocare.rules.<name>, other than the"
                + " module's own model, recommendation, content and ruleset");
      }
      return end;
    }

    private int importStatement(int i) {
      int n = i + 1;
      String modifier = null;
      if (n < tokens.size()
          && Set.of("static", "function", "accumulate").contains(tokens.get(n).text())
          && n + 1 < tokens.size()
          && tokens.get(n + 1).kind() == TokenKind.IDENT) {
        modifier = tokens.get(n).text();
        n++;
      }
      int end = chainEnd(n);
      boolean wildcard =
          end + 1 < tokens.size() && tokens.get(end).is(".") && tokens.get(end + 1).is("*");
      String target = joined(n, end);
      boolean allowed;
      if (modifier == null) {
        allowed =
            wildcard
                ? COCARE_PACKAGE.matcher(target).matches() || COCARE_CLASS.matcher(target).matches()
                : VALUE_TYPES.contains(target) || COCARE_CLASS.matcher(target).matches();
        if (allowed && wildcard && COCARE_PACKAGE.matcher(target).matches()) {
          wildcardPackages.add(target);
        } else if (allowed && !wildcard) {
          imported.add(target.substring(target.lastIndexOf('.') + 1));
        }
      } else {
        String owner =
            wildcard ? target : target.substring(0, Math.max(0, target.lastIndexOf('.')));
        allowed =
            !modifier.equals("accumulate")
                && (VALUE_TYPES.contains(owner) || COCARE_CLASS.matcher(owner).matches());
      }
      if (!allowed) {
        refuse(
            tokens.get(Math.min(n, tokens.size() - 1)),
            "import "
                + (modifier == null ? "" : modifier + " ")
                + quote(target + (wildcard ? ".*" : ""))
                + " is not allowed in rules: rules may import only classes of"
                + " org.cocare.rules.model, .recommendation and .content, and the value types"
                + " List, Set, Map, ArrayList, TreeSet, LinkedHashSet (java.util), LocalDate,"
                + " Period (java.time) and BigDecimal (java.math)");
      }
      return wildcard ? end + 2 : end;
    }

    /** {@code drools} and {@code kcontext} may only name the rule and the match. */
    private int contextHelper(int i) {
      Token token = tokens.get(i);
      boolean allowed =
          i + 2 < tokens.size()
              && tokens.get(i + 1).is(".")
              && CONTEXT_MEMBERS.contains(tokens.get(i + 2).text());
      if (allowed) {
        return i + 3;
      }
      String used =
          i + 2 < tokens.size() && tokens.get(i + 1).is(".")
              ? token.text() + "." + tokens.get(i + 2).text()
              : token.text();
      refuse(
          token,
          quote(used)
              + " is not allowed in rules: a consequence may use "
              + token.text()
              + " only for "
              + token.text()
              + ".getRule() and "
              + token.text()
              + ".getMatch()");
      return chainEnd(i);
    }

    /**
     * A lower-case name with dots: a variable's members ({@code period.overlaps}), or a class named
     * by package ({@code java.util.ArrayList}), which must be one rules may import.
     */
    private int qualifiedName(int i, int end) {
      String head = tokens.get(i).text();
      int typeAt = -1;
      for (int n = i + 1; n < end; n++) {
        String segment = tokens.get(n).text();
        if (tokens.get(n).kind() == TokenKind.IDENT && Character.isUpperCase(segment.charAt(0))) {
          typeAt = n;
          break;
        }
      }
      if (typeAt < 0 && !PACKAGE_ROOTS.contains(head)) {
        return i + 1;
      }
      if (typeAt < 0 && end == i + 1) {
        return i + 1; // a bare "org" or "io" is a variable, not a package
      }
      String className = joined(i, typeAt < 0 ? end : typeAt + 1);
      if (typeAt < 0
          || !(VALUE_TYPES.contains(className) || COCARE_CLASS.matcher(className).matches())) {
        refuse(
            tokens.get(i),
            quote(className)
                + " is not allowed in rules: "
                + ONLY_MODEL
                + "; only the classes rules may import may be named in full");
        return end;
      }
      return typeAt + 1;
    }

    private boolean isKnownType(String name) {
      return imported.contains(name)
          || declared.contains(name)
          || LANG_TYPES.contains(name)
          || inWildcardPackage(name);
    }

    private boolean isStaticTarget(String name) {
      return imported.contains(name)
          || declared.contains(name)
          || STATIC_LANG.contains(name)
          || inWildcardPackage(name);
    }

    private boolean inWildcardPackage(String name) {
      for (String pkg : wildcardPackages) {
        try {
          Class.forName(pkg + "." + name, false, RuleSafety.class.getClassLoader());
          return true;
        } catch (ClassNotFoundException e) {
          // not in this package; try the next
        }
      }
      return false;
    }

    /** Whether tokens from {@code i} read {@code . name (}. */
    private boolean isCall(int i) {
      return i + 2 < tokens.size()
          && tokens.get(i).is(".")
          && tokens.get(i + 1).kind() == TokenKind.IDENT
          && tokens.get(i + 2).is("(");
    }

    /** The index after {@code name(.name)*} starting at {@code i}. */
    private int chainEnd(int i) {
      if (i >= tokens.size() || tokens.get(i).kind() != TokenKind.IDENT) {
        return i;
      }
      int n = i + 1;
      while (n + 1 < tokens.size()
          && tokens.get(n).is(".")
          && tokens.get(n + 1).kind() == TokenKind.IDENT) {
        n += 2;
      }
      return n;
    }

    private String joined(int from, int to) {
      StringBuilder name = new StringBuilder();
      for (int n = from; n < to; n++) {
        name.append(tokens.get(n).text());
      }
      return name.toString();
    }

    private void refuse(Token at, String message) {
      violations.add(new Violation(file, at.line(), at.column(), message));
    }
  }

  /** ALL_CAPS: an enum value or constant, never a class Java resolves without an import. */
  private static boolean isConstant(String name) {
    return name.chars().noneMatch(Character::isLowerCase);
  }

  private static String quote(String name) {
    return "\"" + name + "\"";
  }
}
