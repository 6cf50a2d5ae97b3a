package org.cocare.routes.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a standard stream of this process is a terminal. Java 17 only answers for stdin and
 * stdout together ({@code System.console() != null}), which says nothing about stderr when stdout
 * goes to a file, as it does in {@code evaluate ... > results.ndjson}; on Linux the file descriptor
 * itself says, through {@code /proc/self/fd}. Elsewhere the console is the best there is.
 */
final class Terminal {
  static final int STDOUT = 1;
  static final int STDERR = 2;

  private Terminal() {}

  static boolean isTerminal(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    try {
      if (Files.isSymbolicLink(link)) {
        String target = Files.readSymbolicLink(link).toString();
        return target.startsWith("/dev/pts/")
            || target.startsWith("/dev/tty")
            || target.equals("/dev/console");
      }
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      // No procfs answer: fall back to the console below.
    }
    return System.console() != null;
  }
}
