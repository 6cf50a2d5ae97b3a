package org.cocare.routes.evaluate;

/**
 * The ids already seen, kept as 64-bit hashes in an open-addressing table: 8 to 16 bytes per id
 * instead of the ~150 of a {@code HashSet<String>} entry, so a run over millions of patients
 * remembers them in a few tens of megabytes. Two ids with the same hash count as one (see {@link
 * PatientStream} for what that means).
 */
final class IdHashSet {
  private static final long EMPTY = 0;
  private long[] slots = new long[1 << 10];
  private int size;

  /** Adds the id; false if it (or an id with the same hash) was there already. */
  boolean add(String id) {
    long hash = hash(id);
    if (2 * (size + 1) > slots.length) {
      grow();
    }
    if (insert(slots, hash)) {
      size++;
      return true;
    }
    return false;
  }

  int size() {
    return size;
  }

  private static boolean insert(long[] table, long hash) {
    int mask = table.length - 1;
    for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
      if (table[i] == EMPTY) {
        table[i] = hash;
        return true;
      }
      if (table[i] == hash) {
        return false;
      }
    }
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    for (long hash : slots) {
      if (hash != EMPTY) {
        insert(bigger, hash);
      }
    }
    slots = bigger;
  }

  /** FNV-1a over the UTF-16 units, then MurmurHash3's finaliser; never {@link #EMPTY}. */
  static long hash(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == EMPTY ? 1 : h;
  }
}
