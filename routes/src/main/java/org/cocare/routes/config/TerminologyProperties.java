package org.cocare.routes.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cocare.terminology.*}: where value sets come from, in this order — folders of FHIR
 * ValueSet resources ({@code valueset-dirs}, comma-separated), a FHIR terminology server ({@code
 * server}, its base URL, asked with {@code ValueSet/$expand} and cached for {@code cache-ttl}),
 * then the rule set's starter terminology.
 */
@ConfigurationProperties("cocare.terminology")
public record TerminologyProperties(
    List<Path> valuesetDirs, URI server, Duration cacheTtl, Duration timeout) {
  public TerminologyProperties {
    valuesetDirs = valuesetDirs == null ? List.of() : List.copyOf(valuesetDirs);
    cacheTtl = cacheTtl == null ? Duration.ofHours(24) : cacheTtl;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }
}
