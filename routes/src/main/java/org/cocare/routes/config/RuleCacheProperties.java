package org.cocare.routes.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cocare.rules.*}: the folder where compiled rule bases are kept by content hash ({@code
 * cache-dir}, beside the database by default), so a restart reads the active rule set's rule base
 * instead of compiling it. Empty: compiled rule bases are kept in memory only.
 */
@ConfigurationProperties("cocare.rules")
public record RuleCacheProperties(Path cacheDir) {
  public RuleCacheProperties {
    // An empty value binds as the empty path, which would be the working directory itself.
    cacheDir = cacheDir == null || cacheDir.toString().isBlank() ? null : cacheDir;
  }
}
