package org.cocare.rules.model;

import java.util.Set;

/**
 * Answers which value sets (by canonical URL) contain a coding. Implemented by the engine's
 * terminology; used when facts are built so that rules only test {@code inValueSet(url)}.
 */
@FunctionalInterface
public interface ValueSetIndex {
  /** The canonical URLs of every value set that contains {@code system|code}; empty if none. */
  Set<String> valueSetsContaining(String system, String code);

  /** An index that knows no value set, for tests and callers that need none. */
  ValueSetIndex EMPTY = (system, code) -> Set.of();
}
