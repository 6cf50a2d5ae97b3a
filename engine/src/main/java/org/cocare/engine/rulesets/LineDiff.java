package org.cocare.engine.rulesets;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff for the audit trail and version comparison: every line of the old text not in the new
 * one prefixed {@code -}, every new line {@code +}, with one line of context ({@code " "}) around
 * each change and {@code @@ line N} where a hunk starts. Longest common subsequence over lines;
 * rule-set files are small, so the quadratic table is fine.
 */
final class LineDiff {
  private static final int CONTEXT = 1;

  private LineDiff() {}

  /** The diff of one file; empty when the texts are equal. */
  static String of(String file, String before, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    int[][] common = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        common[i][j] =
            a.get(i).equals(b.get(j))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<String> ops = new ArrayList<>();
    List<Integer> newLine = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        ops.add(" " + a.get(i));
        newLine.add(j + 1);
        i++;
        j++;
      } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
        ops.add("+" + b.get(j));
        newLine.add(j + 1);
        j++;
      } else {
        ops.add("-" + a.get(i));
        newLine.add(j + 1);
        i++;
      }
    }
    StringBuilder out = new StringBuilder();
    int lastShown = -1;
    for (int k = 0; k < ops.size(); k++) {
      if (ops.get(k).charAt(0) == ' ' && !nearChange(ops, k)) {
        continue;
      }
      if (out.isEmpty()) {
        out.append("--- ").append(file).append('\n').append("+++ ").append(file).append('\n');
      }
      if (k != lastShown + 1) {
        out.append("@@ line ").append(newLine.get(k)).append('\n');
      }
      out.append(ops.get(k)).append('\n');
      lastShown = k;
    }
    return out.toString();
  }

  private static boolean nearChange(List<String> ops, int k) {
    for (int d = Math.max(0, k - CONTEXT); d <= Math.min(ops.size() - 1, k + CONTEXT); d++) {
      if (ops.get(d).charAt(0) != ' ') {
        return true;
      }
    }
    return false;
  }

  private static List<String> lines(String text) {
    return text == null || text.isEmpty() ? List.of() : List.of(text.split("\r?\n", -1));
  }
}
