package org.cocare.routes.ingest;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cocare.inbox.*}: the file-drop folder. Files ending in .json or .xml are ingested and
 * moved to {@code done/}, or to {@code error/} with a {@code .error.txt} beside them. Write files
 * under another name (e.g. {@code .tmp}) and rename them, so a half-written file is never read.
 */
@ConfigurationProperties("cocare.inbox")
public record InboxProperties(boolean enabled, Path dir) {
  public InboxProperties {
    dir = dir == null ? Path.of("inbox") : dir;
  }
}
