package org.cocare.routes.rulesets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cocare.engine.rulesets.AuditEntry;
import org.cocare.engine.rulesets.ImpactPreview;
import org.cocare.engine.rulesets.RuleSetException;
import org.cocare.engine.rulesets.RuleSetRegistry;
import org.cocare.engine.rulesets.RuleSetVersion;
import org.cocare.engine.rulesets.TestReport;
import org.cocare.routes.config.RuleSetProperties;
import org.cocare.rules.ruleset.DecisionTable;
import org.cocare.rules.ruleset.RuleSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rule sets for automation: list, read, draft from a version, edit a file, validate, test (run its
 * scenarios), preview the impact, approve, activate, roll back, audit, diff, export and import. Who
 * may do what is in {@code SecurityConfiguration}; four eyes are enforced by the registry.
 */
@RestController
@Tag(name = "Rule sets", description = "Versioned, validated, tested, four-eyes approved rule sets")
public class RuleSetController {
  /** Patients an impact preview reads from the store unless asked for fewer or more. */
  static final int DEFAULT_PREVIEW_PATIENTS = 500;

  private final RuleSetRegistry registry;
  private final ImpactPreview preview;
  private final RuleSetProperties properties;

  public RuleSetController(
      RuleSetRegistry registry, ImpactPreview preview, RuleSetProperties properties) {
    this.registry = registry;
    this.preview = preview;
    this.properties = properties;
  }

  /** A version as the API shows it: its state, who made and approved it, and its files. */
  public record VersionView(
      String name,
      int version,
      String label,
      String status,
      String contentHash,
      Integer basedOn,
      String createdBy,
      String createdAt,
      String approvedBy,
      String approvedAt,
      String activatedAt,
      List<String> files) {
    static VersionView of(RuleSetVersion v, List<String> files) {
      return new VersionView(
          v.name(),
          v.version(),
          v.label(),
          v.status().code(),
          v.contentHash(),
          v.basedOn(),
          v.createdBy(),
          String.valueOf(v.createdAt()),
          v.approvedBy(),
          v.approvedAt() == null ? null : v.approvedAt().toString(),
          v.activatedAt() == null ? null : v.activatedAt().toString(),
          files);
    }
  }

  public record RuleSetSummary(String name, Integer activeVersion, int versions) {}

  public record Validation(String label, boolean valid, List<String> problems) {}

  @Operation(
      summary = "List the rule sets with their active version",
      description = "Roles: clinician, approver, admin.")
  @GetMapping("/api/rulesets")
  public List<RuleSetSummary> list() {
    return registry.names().stream()
        .map(
            name -> {
              List<RuleSetVersion> versions = registry.versions(name);
              Integer active =
                  versions.stream()
                      .filter(v -> v.status() == RuleSetVersion.Status.ACTIVE)
                      .map(RuleSetVersion::version)
                      .findFirst()
                      .orElse(null);
              return new RuleSetSummary(name, active, versions.size());
            })
        .toList();
  }

  @Operation(
      summary = "List a rule set's versions, oldest first",
      description = "Roles: clinician, approver, admin.")
  @GetMapping("/api/rulesets/{name}/versions")
  public List<VersionView> versions(@PathVariable String name) {
    return registry.versions(name).stream().map(v -> VersionView.of(v, null)).toList();
  }

  @Operation(
      summary = "Get a version: status, who created and approved it, its files",
      description = "Roles: clinician, approver, admin.")
  @GetMapping("/api/rulesets/{name}/versions/{version}")
  public VersionView version(@PathVariable String name, @PathVariable int version) {
    return view(name, version);
  }

  @Operation(
      summary = "Get one file of a version as text (an .xlsx table as Base64)",
      description = "Roles: clinician, approver, admin.")
  @GetMapping(
      value = "/api/rulesets/{name}/versions/{version}/files/{file}",
      produces = MediaType.TEXT_PLAIN_VALUE)
  public String file(
      @PathVariable String name, @PathVariable int version, @PathVariable String file) {
    String content = registry.files(name, version).file(file);
    if (content == null) {
      throw new RuleSetException(
          RuleSetException.Reason.NOT_FOUND, "no file " + file + " in " + name + "@" + version);
    }
    return content;
  }

  /** A new draft from {@code from} (default: the active version). */
  @Operation(
      summary = "Create a draft from a version (default: the active one)",
      description = "Roles: clinician.")
  @PostMapping("/api/rulesets/{name}/versions")
  public ResponseEntity<VersionView> createDraft(
      @PathVariable String name, @RequestParam(required = false) Integer from, Principal user) {
    int base =
        from != null
            ? from
            : registry.versions(name).stream()
                .filter(v -> v.status() == RuleSetVersion.Status.ACTIVE)
                .findFirst()
                .orElseThrow()
                .version();
    return created(registry.createDraft(name, base, user.getName()));
  }

  @Operation(
      summary = "Replace or add one file of a draft (audited with its diff)",
      description = "Roles: clinician.")
  @PutMapping(
      value = "/api/rulesets/{name}/versions/{version}/files/{file}",
      consumes = MediaType.TEXT_PLAIN_VALUE)
  public VersionView editFile(
      @PathVariable String name,
      @PathVariable int version,
      @PathVariable String file,
      @RequestBody String content,
      Principal user) {
    registry.editFile(name, version, file, content, user.getName());
    return view(name, version);
  }

  /** A decision table as columns (kind, label) and rows (line number, cells), for a form. */
  public record TableView(
      String file, List<DecisionTable.Column> columns, List<DecisionTable.Row> rows) {}

  @Operation(
      summary = "Get a decision table as columns and rows",
      description = "Roles: clinician, approver, admin.")
  @GetMapping("/api/rulesets/{name}/versions/{version}/tables/{file}")
  public TableView table(
      @PathVariable String name, @PathVariable int version, @PathVariable String file) {
    DecisionTable table = registry.table(name, version, file);
    return new TableView(file, table.columns(), table.rows());
  }

  /**
   * Changes one cell of a draft's decision table: the row by its line, the column by label or
   * letter.
   */
  @Operation(
      summary =
          "Change one decision-table cell of a draft: the row by its line, the column by label or letter",
      description = "Roles: clinician.")
  @PutMapping(
      value = "/api/rulesets/{name}/versions/{version}/tables/{file}/rows/{row}/cells/{column}",
      consumes = MediaType.TEXT_PLAIN_VALUE)
  public VersionView editCell(
      @PathVariable String name,
      @PathVariable int version,
      @PathVariable String file,
      @PathVariable int row,
      @PathVariable String column,
      @RequestBody String value,
      Principal user) {
    registry.editCell(name, version, file, row, column, value.strip(), user.getName());
    return view(name, version);
  }

  @Operation(
      summary = "Compile the version and list every problem with file, line and column",
      description = "Roles: clinician, approver, admin.")
  @PostMapping("/api/rulesets/{name}/versions/{version}/validate")
  public Validation validate(@PathVariable String name, @PathVariable int version, Principal user) {
    List<String> problems = registry.validate(name, version, user.getName());
    return new Validation(name + "@" + version, problems.isEmpty(), problems);
  }

  /** Runs the version's scenarios: pass or fail per scenario, with what differed. */
  @Operation(
      summary =
          "Run the version's scenarios (and the eCQM steward cases where configured): pass or fail each",
      description = "Roles: clinician, approver, admin.")
  @PostMapping("/api/rulesets/{name}/versions/{version}/test")
  public TestReport test(@PathVariable String name, @PathVariable int version, Principal user) {
    return registry.test(name, version, user.getName());
  }

  /** Draft against active over up to {@code limit} stored patients, as of {@code asOf}. */
  @Operation(
      summary =
          "Compare the version with the active one over stored patients: who gains or loses each recommendation",
      description = "Roles: clinician, approver, admin.")
  @PostMapping("/api/rulesets/{name}/versions/{version}/preview")
  public ImpactPreview.Impact preview(
      @PathVariable String name,
      @PathVariable int version,
      @RequestParam(required = false) LocalDate asOf,
      @RequestParam(required = false) Integer limit) {
    RuleSet candidate = registry.files(name, version);
    return preview.stored(candidate, asOf, limit == null ? DEFAULT_PREVIEW_PATIENTS : limit);
  }

  @Operation(
      summary = "Approve a valid draft whose tests pass; with four eyes on, not by its author",
      description = "Roles: approver.")
  @PostMapping("/api/rulesets/{name}/versions/{version}/approve")
  public VersionView approve(@PathVariable String name, @PathVariable int version, Principal user) {
    registry.approve(name, version, user.getName());
    return view(name, version);
  }

  /**
   * Compiles and activates off this request's thread; answers with the active version when that
   * takes less than {@code cocare.rulesets.activation-wait}, else 202 Accepted (poll the version).
   */
  @Operation(
      summary =
          "Activate an approved version: compiled off the request path, swapped atomically; 202 when it takes longer than activation-wait",
      description = "Roles: approver, admin.")
  @PostMapping("/api/rulesets/{name}/versions/{version}/activate")
  public ResponseEntity<VersionView> activate(
      @PathVariable String name, @PathVariable int version, Principal user) {
    return awaited(name, registry.activate(name, version, user.getName()), version);
  }

  @Operation(
      summary = "Make an earlier active version active again, in one step",
      description = "Roles: approver, admin.")
  @PostMapping("/api/rulesets/{name}/rollback")
  public ResponseEntity<VersionView> rollback(
      @PathVariable String name, @RequestParam int to, Principal user) {
    return awaited(name, registry.rollback(name, to, user.getName()), to);
  }

  @Operation(
      summary =
          "The audit trail: who created, edited, validated, tested, approved, activated and rolled back what, when",
      description = "Roles: clinician, approver, admin.")
  @GetMapping("/api/rulesets/{name}/audit")
  public List<AuditEntry> audit(@PathVariable String name) {
    return registry.audit(name);
  }

  @Operation(
      summary = "The line diff between two versions, file by file",
      description = "Roles: clinician, approver, admin.")
  @GetMapping(value = "/api/rulesets/{name}/diff", produces = MediaType.TEXT_PLAIN_VALUE)
  public String diff(@PathVariable String name, @RequestParam int from, @RequestParam int to) {
    return registry.diff(name, from, to);
  }

  @Operation(
      summary = "Export a version as a zip (manifest and files), to review in git",
      description = "Roles: clinician, approver, admin.")
  @GetMapping(value = "/api/rulesets/{name}/versions/{version}/export")
  public ResponseEntity<byte[]> export(@PathVariable String name, @PathVariable int version) {
    return zip(registry, name, version);
  }

  /** A version as a zip download, for the API and the pages alike. */
  static ResponseEntity<byte[]> zip(RuleSetRegistry registry, String name, int version) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"" + name + "-" + version + ".zip\"")
        .body(registry.export(name, version));
  }

  @Operation(
      summary = "Import a zip written by export as a new draft; nothing is activated",
      description = "Roles: clinician.")
  @PostMapping(value = "/api/rulesets/import", consumes = "application/zip")
  public ResponseEntity<VersionView> importZip(@RequestBody byte[] zip, Principal user) {
    return created(registry.importZip(zip, user.getName()));
  }

  private ResponseEntity<VersionView> awaited(
      String name, CompletableFuture<RuleSetVersion> switching, int version) {
    return Switching.await(switching, properties.activationWait())
        .map(done -> ResponseEntity.ok(view(name, done.version())))
        .orElseGet(
            () ->
                ResponseEntity.accepted()
                    .location(URI.create("/api/rulesets/" + name + "/versions/" + version))
                    .body(view(name, version)));
  }

  private ResponseEntity<VersionView> created(RuleSetVersion draft) {
    return ResponseEntity.created(
            URI.create("/api/rulesets/" + draft.name() + "/versions/" + draft.version()))
        .body(view(draft.name(), draft.version()));
  }

  private VersionView view(String name, int version) {
    return VersionView.of(registry.version(name, version), registry.fileNames(name, version));
  }
}
