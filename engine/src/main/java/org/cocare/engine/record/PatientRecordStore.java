package org.cocare.engine.record;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.cocare.engine.jdbc.Timestamps;
import org.cocare.fhir.facts.ResourceChange;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Stores each patient's resources; {@link #apply} says whose record a message changed. */
public final class PatientRecordStore {
  private static final int SLICE = 500;

  private final JdbcClient jdbc;
  private final FhirContext context;

  public PatientRecordStore(DataSource dataSource, FhirContext context) {
    this.jdbc = JdbcClient.create(dataSource);
    this.context = context;
  }

  private record Stored(String patientId, String versionId, Instant lastUpdated, String content) {}

  /**
   * Applies the changes in order and returns the ids of the patients whose record changed.
   * Resources that belong to no patient are not part of any record and are skipped.
   */
  public Set<String> apply(List<ResourceChange> changes, String messageId, Instant now) {
    Set<String> affected = new LinkedHashSet<>();
    IParser parser = context.newJsonParser();
    // What is stored now, read once for the whole message and kept current as it is applied (a
    // message may carry the same resource twice).
    Map<String, Optional<Stored>> stored = findAll(changes);
    for (ResourceChange change : changes) {
      String key = key(change.resourceType(), change.resourceId());
      Optional<Stored> existing = stored.get(key);
      if (change.action() == ResourceChange.Action.DELETE) {
        existing.ifPresent(
            gone -> {
              jdbc.sql("delete from patient_resources where resource_type = ? and resource_id = ?")
                  .params(change.resourceType(), change.resourceId())
                  .update();
              affected.add(gone.patientId());
            });
        stored.put(key, Optional.empty());
        continue;
      }
      if (change.patientId() == null) {
        continue;
      }
      Resource resource = change.resource();
      String content = parser.encodeResourceToString(resource);
      String versionId = resource.getMeta().getVersionId();
      Instant lastUpdated =
          resource.getMeta().hasLastUpdated()
              ? resource.getMeta().getLastUpdated().toInstant()
              : null;
      Stored incoming = new Stored(change.patientId(), versionId, lastUpdated, content);
      if (existing.isEmpty()) {
        jdbc.sql(
                "insert into patient_resources (resource_type, resource_id, patient_id, version_id,"
                    + " last_updated, content, message_id, stored_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
            .params(
                change.resourceType(),
                change.resourceId(),
                change.patientId(),
                versionId,
                Timestamps.of(lastUpdated),
                content,
                messageId,
                Timestamps.of(now))
            .update();
        affected.add(change.patientId());
        stored.put(key, Optional.of(incoming));
      } else if (supersedes(incoming, existing.get())) {
        jdbc.sql(
                "update patient_resources set patient_id = ?, version_id = ?, last_updated = ?,"
                    + " content = ?, message_id = ?, stored_at = ? where resource_type = ? and"
                    + " resource_id = ?")
            .params(
                change.patientId(),
                versionId,
                Timestamps.of(lastUpdated),
                content,
                messageId,
                Timestamps.of(now),
                change.resourceType(),
                change.resourceId())
            .update();
        affected.add(existing.get().patientId());
        affected.add(change.patientId());
        stored.put(key, Optional.of(incoming));
      }
    }
    return affected;
  }

  /** Up to {@code limit} patient ids with a stored record, in id order. */
  public List<String> patientIds(int limit) {
    return jdbc.sql(
            "select distinct patient_id from patient_resources order by patient_id fetch first ?"
                + " rows only")
        .param(limit)
        .query(String.class)
        .list();
  }

  /** The patient's whole record, in a stable order. */
  public List<Resource> load(String patientId) {
    IParser parser = context.newJsonParser();
    return jdbc.sql(
            "select content from patient_resources where patient_id = ? order by resource_type,"
                + " resource_id")
        .param(patientId)
        .query((rs, n) -> (Resource) parser.parseResource(rs.getString(1)))
        .list();
  }

  /**
   * Whether an incoming version replaces the stored one: by version id when both have a numeric
   * one, else by lastUpdated when both have one, else when the content differs (last received
   * wins). The same version id, or identical content, is never a change.
   */
  static boolean supersedes(Stored incoming, Stored stored) {
    if (incoming.versionId() != null && stored.versionId() != null) {
      if (incoming.versionId().equals(stored.versionId())) {
        return false;
      }
      Long in = number(incoming.versionId());
      Long old = number(stored.versionId());
      if (in != null && old != null) {
        return in > old;
      }
    }
    if (incoming.lastUpdated() != null
        && stored.lastUpdated() != null
        && !incoming.lastUpdated().equals(stored.lastUpdated())) {
      return incoming.lastUpdated().isAfter(stored.lastUpdated());
    }
    return !Objects.equals(incoming.content(), stored.content());
  }

  private static Long number(String versionId) {
    try {
      return Long.parseLong(versionId);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The stored state of every resource the changes name, by {@link #key}: empty for those not
   * stored. One query per resource type in the message instead of one per resource.
   */
  private Map<String, Optional<Stored>> findAll(List<ResourceChange> changes) {
    Map<String, Optional<Stored>> found = new HashMap<>();
    Map<String, Set<String>> idsByType = new LinkedHashMap<>();
    for (ResourceChange change : changes) {
      idsByType
          .computeIfAbsent(change.resourceType(), t -> new LinkedHashSet<>())
          .add(change.resourceId());
      found.put(key(change.resourceType(), change.resourceId()), Optional.empty());
    }
    idsByType.forEach(
        (type, all) -> {
          List<String> ids = List.copyOf(all);
          // In slices, so a bulk message stays under the drivers' limit on bind parameters.
          for (int from = 0; from < ids.size(); from += SLICE) {
            List<String> slice = ids.subList(from, Math.min(ids.size(), from + SLICE));
            jdbc.sql(
                    "select resource_id, patient_id, version_id, last_updated, content from"
                        + " patient_resources where resource_type = :type and resource_id in"
                        + " (:ids)")
                .param("type", type)
                .param("ids", slice)
                .query(
                    rs -> {
                      found.put(
                          key(type, rs.getString("resource_id")),
                          Optional.of(
                              new Stored(
                                  rs.getString("patient_id"),
                                  rs.getString("version_id"),
                                  Timestamps.read(rs, "last_updated"),
                                  rs.getString("content"))));
                    });
          }
        });
    return found;
  }

  private static String key(String type, String id) {
    return type + "/" + id;
  }
}
