package org.cocare.rules.ruleset;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drools' errors in DRL files, in words a clinician can act on, each as {@code file:line:column
 * message}.
 *
 * <p>Drools' parser messages carry their own position and jargon ({@code [ERR 102] Line 30:0
 * mismatched input 'then' in rule "x"}); the position is already in front of the message, so it
 * goes, and the jargon becomes what to check. One file that does not parse makes its package
 * unreadable, so Drools then reports every use of a type that file declares, in every other file of
 * the package: dozens of errors with one cause. When a file does not parse, only the parse errors
 * are listed, followed by a count of the echoes.
 */
final class DrlProblems {
  private static final Pattern POSITION = Pattern.compile("\\[ERR \\d+\\]\\s*Line \\d+:\\d+\\s*");
  private static final Pattern IN_RULE = Pattern.compile(" in rule \"([^\"]*)\"");
  private static final Pattern MISMATCHED = Pattern.compile("mismatched input '([^']*)'");
  private static final Pattern NO_VIABLE =
      Pattern.compile("no viable alternative at input '([^']*)'");
  private static final Pattern EXTRANEOUS = Pattern.compile("extraneous input '([^']*)'");
  private static final Pattern UNKNOWN_TYPE =
      Pattern.compile("Unable to resolve ObjectType '([^']*)'");
  private static final String NULL_PACKAGE = "Parser returned a null Package";

  private record Problem(String file, int line, int column, String text, boolean parse) {}

  private final List<Problem> problems = new ArrayList<>();

  /** One Drools error in {@code file} ({@code line} 0 when Drools names none). */
  void add(String file, int line, int column, String droolsText) {
    String text = droolsText == null ? "" : droolsText.strip();
    boolean parse = POSITION.matcher(text).find() || text.contains(NULL_PACKAGE);
    problems.add(new Problem(file, line, column, text, parse));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** The problems as messages, parse errors only when a file did not parse. */
  List<String> messages() {
    boolean unparsed = problems.stream().anyMatch(Problem::parse);
    Set<String> messages = new LinkedHashSet<>();
    int echoes = 0;
    for (Problem p : problems) {
      if (unparsed && !p.parse()) {
        echoes++;
        continue;
      }
      if (p.text().contains(NULL_PACKAGE)) {
        continue;
      }
      messages.add(
          p.file()
              + (p.line() > 0 ? ":" + p.line() + ":" + p.column() : "")
              + " "
              + plain(p.text()));
    }
    List<String> out = new ArrayList<>(messages);
    if (echoes > 0) {
      out.add(
          "and "
              + echoes
              + " follow-on errors, which Drools reports while a file of the package cannot be"
              + " read: fix the lines above first");
    }
    return out;
  }

  /** Drools' text, its position removed and its parser jargon turned into what to check. */
  static String plain(String droolsText) {
    String text = POSITION.matcher(droolsText).replaceAll("");
    Matcher rule = IN_RULE.matcher(text);
    String where = rule.find() ? " (rule \"" + rule.group(1) + "\")" : "";
    Matcher m;
    if ((m = MISMATCHED.matcher(text)).find()) {
      return "unexpected \""
          + m.group(1)
          + "\""
          + where
          + ": check this line and the one before for a missing or extra bracket, comma, quote or"
          + " keyword";
    }
    if ((m = NO_VIABLE.matcher(text)).find()) {
      return "\""
          + m.group(1)
          + "\" does not fit here"
          + where
          + ": check it for a typo, a missing operator or stray punctuation";
    }
    if ((m = EXTRANEOUS.matcher(text)).find()) {
      return "\""
          + m.group(1)
          + "\" is one too many here"
          + where
          + ": remove it or check the line before";
    }
    if ((m = UNKNOWN_TYPE.matcher(text)).find()) {
      return "\""
          + m.group(1)
          + "\" is not a fact type the rules know: check its spelling and the file's imports";
    }
    return text;
  }
}
