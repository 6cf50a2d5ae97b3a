package org.cocare.engine.terminology;

import java.util.Optional;
import java.util.Set;
import org.cocare.rules.model.Code;

/** Somewhere the codes of a value set can be found: a folder, a terminology server, the starter. */
public interface ValueSetSource {
  /** A name for messages, e.g. the folder or the server's base URL. */
  String name();

  /** The value set's codes (systems as given), or empty when this source does not hold it. */
  Optional<Set<Code>> expansion(String valueSetUrl);
}
