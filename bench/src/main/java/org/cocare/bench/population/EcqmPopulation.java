package org.cocare.bench.population;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.cocare.engine.conformance.EcqmCase;
import org.cocare.engine.conformance.EcqmCases;

/**
 * The eCQM steward test patients ({@code ../shared/clinical/ecqm-cases}) replicated to any size:
 * patient {@code i} is case {@code i mod cases} with every resource id replaced by a fresh one (and
 * every reference to it), the same for the same seed and index. Small patients (four resources at
 * the median) whose expected results are known.
 */
public final class EcqmPopulation {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<List<ObjectNode>> templates;
  private final long seed;

  private EcqmPopulation(List<List<ObjectNode>> templates, long seed) {
    this.templates = templates;
    this.seed = seed;
  }

  /** Reads every case's resources (not its MeasureReport nor its bundle), the Patient first. */
  public static EcqmPopulation read(Path cases, long seed) {
    List<List<ObjectNode>> templates = new ArrayList<>();
    for (EcqmCase each : EcqmCases.read(cases).cases()) {
      List<ObjectNode> resources = new ArrayList<>();
      for (Path file : each.resourceFiles()) {
        ObjectNode resource = read(file);
        if ("Patient".equals(resource.path("resourceType").asText())) {
          resources.add(0, resource);
        } else {
          resources.add(resource);
        }
      }
      templates.add(resources);
    }
    return new EcqmPopulation(List.copyOf(templates), seed);
  }

  /** How many distinct case patients the population cycles through. */
  public int templates() {
    return templates.size();
  }

  /** Patient {@code index}'s resources as JSON, the Patient first, with fresh ids. */
  public List<String> patient(long index) {
    List<ObjectNode> template = templates.get((int) (index % templates.size()));
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
    Map<String, String> ids = new HashMap<>();
    List<ObjectNode> copies = new ArrayList<>();
    for (ObjectNode resource : template) {
      ObjectNode copy = resource.deepCopy();
      String type = copy.path("resourceType").asText();
      String fresh = new UUID(random.nextLong(), random.nextLong()).toString();
      ids.put(type + "/" + copy.path("id").asText(), type + "/" + fresh);
      copy.put("id", fresh);
      copies.add(copy);
    }
    List<String> json = new ArrayList<>();
    for (ObjectNode copy : copies) {
      rewriteReferences(copy, ids);
      json.add(copy.toString());
    }
    return json;
  }

  /** Patient {@code index} as a transaction Bundle that PUTs each resource, as engines send. */
  public String bundle(long index) {
    ObjectNode bundle = JSON.createObjectNode();
    bundle.put("resourceType", "Bundle");
    bundle.put("type", "transaction");
    ArrayNode entries = bundle.putArray("entry");
    for (String json : patient(index)) {
      ObjectNode resource = read(json);
      String url = resource.path("resourceType").asText() + "/" + resource.path("id").asText();
      ObjectNode entry = entries.addObject();
      entry.put("fullUrl", "urn:uuid:" + resource.path("id").asText());
      entry.set("resource", resource);
      ObjectNode request = entry.putObject("request");
      request.put("method", "PUT");
      request.put("url", url);
    }
    return bundle.toString();
  }

  /** Writes patients {@code 0..n-1} as NDJSON, one resource a line, each patient's together. */
  public void writeNdjson(Path file, long n) {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long i = 0; i < n; i++) {
        for (String resource : patient(i)) {
          out.write(resource);
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * {@code EcqmPopulation CASES_DIR N OUT.ndjson [SEED]}: writes the population unless {@code OUT}
   * already holds it (a file is written under another name, then moved, so a present one is whole).
   */
  public static void main(String[] args) throws IOException {
    Path cases = Path.of(args[0]);
    long n = Long.parseLong(args[1]);
    Path out = Path.of(args[2]);
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
    if (Files.exists(out)) {
      return;
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    read(cases, seed).writeNdjson(partial, n);
    Files.move(partial, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static void rewriteReferences(JsonNode node, Map<String, String> ids) {
    if (node instanceof ObjectNode object) {
      JsonNode reference = object.get("reference");
      if (reference != null && reference.isTextual() && ids.containsKey(reference.asText())) {
        object.put("reference", ids.get(reference.asText()));
      }
      object.properties().forEach(field -> rewriteReferences(field.getValue(), ids));
    } else if (node instanceof ArrayNode array) {
      array.forEach(element -> rewriteReferences(element, ids));
    }
  }

  private static ObjectNode read(Path file) {
    try {
      return (ObjectNode) JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static ObjectNode read(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
