package org.cocare.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One stage's part of {@code bench/RESULTS.md}: a heading, the command that produced it, its
 * figures and free notes. Each stage writes its own file under {@code bench/target/results}; {@code
 * run.sh} joins them.
 */
public final class Section {
  private final String title;
  private final String command;
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public Section(String title, String command) {
    this.title = title;
    this.command = command;
  }

  public Section add(Figure figure) {
    figures.add(figure);
    return this;
  }

  public Section note(String markdown) {
    notes.add(markdown);
    return this;
  }

  public List<Figure> figures() {
    return List.copyOf(figures);
  }

  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("## ").append(title).append("\n\n");
    md.append("```\n").append(command).append("\n```\n\n");
    if (!figures.isEmpty()) {
      md.append(Figure.header()).append('\n');
      figures.forEach(f -> md.append(f.row()).append('\n'));
      md.append('\n');
    }
    notes.forEach(n -> md.append(n).append("\n\n"));
    return md.toString();
  }

  /** Writes {@code results/<file>.md}, replacing an earlier run's. */
  public void write(Path results, String file) {
    try {
      Files.createDirectories(results);
      Files.writeString(results.resolve(file + ".md"), markdown(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
