package org.cocare.engine.terminology;

import ca.uhn.fhir.context.FhirContext;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.cocare.rules.model.Code;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * A FHIR terminology server, asked with {@code GET [base]/ValueSet/$expand?url=…}. Answers (also
 * "not held") are cached with Caffeine for {@code ttl}, so a rule-set change or a restart within it
 * does not ask again. A server that cannot be reached is an error, not "not held": a value set must
 * never look empty because the network was down.
 */
public final class RemoteValueSets implements ValueSetSource {
  private final URI base;
  private final FhirContext context;
  private final HttpClient http;
  private final Duration timeout;
  private final Cache<String, Optional<Set<Code>>> cache;

  public RemoteValueSets(FhirContext context, URI base, Duration ttl, Duration timeout) {
    this.context = context;
    this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
  }

  @Override
  public String name() {
    return base.toString();
  }

  @Override
  public Optional<Set<Code>> expansion(String valueSetUrl) {
    return cache.get(valueSetUrl, this::fetch);
  }

  private Optional<Set<Code>> fetch(String valueSetUrl) {
    URI uri =
        base.resolve(
            "ValueSet/$expand?url=" + URLEncoder.encode(valueSetUrl, StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Accept", "application/fhir+json")
            .timeout(timeout)
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(
          "terminology server " + base + " cannot be reached for " + valueSetUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while expanding " + valueSetUrl, e);
    }
    if (response.statusCode() == 404
        || response.statusCode() == 400
        || response.statusCode() == 422) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "terminology server "
              + base
              + " answered HTTP "
              + response.statusCode()
              + " for "
              + valueSetUrl);
    }
    ValueSet expanded = context.newJsonParser().parseResource(ValueSet.class, response.body());
    return Optional.of(Set.copyOf(ValueSetDirectory.codes(expanded)));
  }
}
