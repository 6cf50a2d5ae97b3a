package org.cocare.engine.rules;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.cocare.rules.ruleset.RuleBase;
import org.cocare.rules.ruleset.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled rule bases kept on disk by content hash, so that a restart with the same rule set reads
 * its rule base instead of compiling the DRL again. One file per entry, named for the content hash
 * and the {@linkplain RuleBase#compiledForm() compiled form} (Drools and Java versions, the fact
 * model's classes), so another build never reads an entry it did not write. An entry is written to
 * a temporary file and moved into place: a reader sees a whole entry or none. Each entry starts
 * with the SHA-256 of the rest, checked before anything is read from it: a byte changed on disk
 * could otherwise still read as a rule base, only not the one compiled (a changed text in a rule,
 * say). An entry that cannot be read (truncated, corrupt, from another form) is deleted and the
 * rule set compiled as if there were none: the cache can make a start faster, never make it fail.
 * Thread-safe.
 *
 * <p>Entries are Java-serialized Drools packages, read back with the application's class loader:
 * whoever can write this folder can run code in the service, as whoever can write its jar (the
 * digest finds damage, not tampering: whoever changes an entry can write its digest too). It
 * belongs beside the database, with the same permissions; where the file system has POSIX
 * permissions, a folder the cache creates is its owner's only.
 *
 * <p>The folder does not grow without end: after each write, entries of another compiled form (no
 * build of this code reads them again), temporary files a crash left behind, and all but the
 * {@value #KEPT} most recently used entries (a read counts as a use) are deleted, never the entry
 * of the rule set {@linkplain #keep kept} as the active one. Every draft a clinician checks is
 * compiled, so without this every edit would stay on disk.
 */
public final class RuleBaseCache {
  private static final Logger LOG = LoggerFactory.getLogger(RuleBaseCache.class);

  /** Ends the name of any entry, of any build. */
  private static final String ENTRY = ".kbase";

  // "-d": entries that start with their digest. An entry without is another form to a build that
  // writes them, so two versions sharing the folder do not read each other's entries as damaged.
  private static final String SUFFIX = "-d" + ENTRY;
  private static final String TEMPORARY = ".tmp";
  private static final String DIGEST = "SHA-256";

  /** The length of the digest an entry starts with. */
  static final int DIGEST_BYTES = 32;

  /** Entries of the current compiled form kept after a write: the most recently used. */
  static final int KEPT = 16;

  /** A temporary file older than this is left over from a write that never finished. */
  private static final Duration ABANDONED = Duration.ofHours(1);

  private final Path dir;
  private final int kept;
  private volatile Path active;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong compiled = new AtomicLong();
  private final AtomicLong unreadable = new AtomicLong();

  /** What the cache did since it was made. */
  public record Stats(long hits, long compiled, long unreadable) {}

  public RuleBaseCache(Path dir) {
    this(dir, KEPT);
  }

  /** As {@link #RuleBaseCache(Path)}, keeping {@code kept} entries (tests keep fewer). */
  RuleBaseCache(Path dir, int kept) {
    if (dir == null) {
      throw new IllegalArgumentException("the rule base cache needs a folder");
    }
    if (kept < 1) {
      throw new IllegalArgumentException("the rule base cache keeps at least one entry");
    }
    this.dir = dir;
    this.kept = kept;
  }

  public Path dir() {
    return dir;
  }

  public Stats stats() {
    return new Stats(hits.get(), compiled.get(), unreadable.get());
  }

  /**
   * Marks this rule set's entry as the one the next start will read (the active rule set): pruning
   * never deletes it, however many drafts are compiled after it.
   */
  public void keep(RuleSet ruleSet) {
    active = entry(ruleSet);
    touch(active);
  }

  /** The entry's file for this rule set's content, whether it exists or not. */
  public Path entry(RuleSet ruleSet) {
    return dir.resolve(ruleSet.contentHash() + "-" + RuleBase.compiledForm() + SUFFIX);
  }

  /**
   * The rule base from this rule set's entry; without a readable one, compiled (which may fail as
   * {@link RuleBase#compile} does) and stored for the next start.
   */
  RuleBase readOrCompile(RuleSet ruleSet) {
    Optional<RuleBase> stored = read(ruleSet);
    if (stored.isPresent()) {
      hits.incrementAndGet();
      return stored.get();
    }
    RuleBase ruleBase = RuleBase.compile(ruleSet);
    compiled.incrementAndGet();
    write(ruleSet, ruleBase);
    return ruleBase;
  }

  private Optional<RuleBase> read(RuleSet ruleSet) {
    Path entry = entry(ruleSet);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(entry);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.warn("rule base cache: cannot read {}, compiling instead: {}", entry, e.toString());
      unreadable.incrementAndGet();
      return Optional.empty();
    }
    try {
      RuleBase read = RuleBase.fromBytes(ruleSet, checked(bytes));
      touch(entry);
      return Optional.of(read);
    } catch (RuntimeException | LinkageError e) {
      // Drools reports a damaged stream in many ways (its own exceptions, class-format errors):
      // each means this entry is of no use, none means the rule set is.
      LOG.warn(
          "rule base cache: {} is unreadable, deleting it and compiling instead: {}",
          entry.getFileName(),
          e.toString());
      unreadable.incrementAndGet();
      try {
        Files.deleteIfExists(entry);
      } catch (IOException deleteFailed) {
        LOG.warn("rule base cache: cannot delete {}: {}", entry, deleteFailed.toString());
      }
      return Optional.empty();
    }
  }

  /** Stores the entry atomically; a cache that cannot be written only costs the next start time. */
  private void write(RuleSet ruleSet, RuleBase ruleBase) {
    Path entry = entry(ruleSet);
    Path temporary = null;
    try {
      createPrivately(dir);
      temporary = Files.createTempFile(dir, entry.getFileName().toString(), TEMPORARY);
      byte[] payload = ruleBase.toBytes();
      try (OutputStream out = Files.newOutputStream(temporary)) {
        out.write(digest(payload, 0));
        out.write(payload);
      }
      try {
        Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, entry, StandardCopyOption.REPLACE_EXISTING);
      }
      temporary = null;
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      LOG.warn("rule base cache: cannot write {}: {}", entry, e.toString());
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // Left behind; a later write of the same entry does not depend on it.
        }
      }
      return;
    }
    try {
      prune();
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("rule base cache: cannot prune {}: {}", dir, e.toString());
    }
  }

  /** What follows an entry's digest, if the digest is that of it. */
  private static byte[] checked(byte[] entry) {
    if (entry.length < DIGEST_BYTES
        || !MessageDigest.isEqual(
            Arrays.copyOf(entry, DIGEST_BYTES), digest(entry, DIGEST_BYTES))) {
      throw new IllegalArgumentException("the entry does not match its digest");
    }
    return Arrays.copyOfRange(entry, DIGEST_BYTES, entry.length);
  }

  private static byte[] digest(byte[] bytes, int from) {
    try {
      MessageDigest digest = MessageDigest.getInstance(DIGEST);
      digest.update(bytes, from, bytes.length - from);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  /** Marks an entry used, so pruning keeps it before entries nobody read. */
  private static void touch(Path entry) {
    try {
      Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
    } catch (NoSuchFileException notWritten) {
      // Nothing to mark (a cache that could not be written).
    } catch (IOException e) {
      LOG.debug("rule base cache: cannot mark {} used: {}", entry.getFileName(), e.toString());
    }
  }

  /** Deletes what no start will read: other forms, abandoned temporary files, the least used. */
  private void prune() throws IOException {
    String current = "-" + RuleBase.compiledForm() + SUFFIX;
    Instant abandoned = Instant.now().minus(ABANDONED);
    Map<Path, FileTime> entries = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (!name.endsWith(ENTRY) && !name.endsWith(TEMPORARY)) {
          continue;
        }
        FileTime modified = lastModified(file);
        if (modified == null || file.equals(active)) {
          continue; // gone meanwhile (another writer), or the active rule set's: kept
        }
        if (name.endsWith(current)) {
          entries.put(file, modified);
        } else if (name.endsWith(ENTRY) || modified.toInstant().isBefore(abandoned)) {
          delete(file);
        }
      }
    }
    int room = active != null && Files.exists(active) ? kept - 1 : kept;
    if (entries.size() > room) {
      List<Path> byUse = new ArrayList<>(entries.keySet());
      byUse.sort(Comparator.comparing(entries::get, Comparator.reverseOrder()));
      byUse.subList(Math.max(0, room), byUse.size()).forEach(RuleBaseCache::delete);
    }
  }

  private static FileTime lastModified(Path file) throws IOException {
    try {
      return Files.getLastModifiedTime(file);
    } catch (NoSuchFileException gone) {
      return null;
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("rule base cache: cannot delete {}: {}", file.getFileName(), e.toString());
    }
  }

  private static void createPrivately(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }
}
