package org.cocare.routes.evaluate;

import ca.uhn.fhir.context.FhirContext;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cocare.fhir.facts.MessageContent;
import org.cocare.fhir.facts.PatientCompartment;
import org.cocare.fhir.facts.ResourceChange;
import org.cocare.fhir.intake.FhirReader;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DeviceRequest;
import org.hl7.fhir.r4.model.DeviceUseStatement;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Patients out of inputs in which their resources come in any order, such as a FHIR Bulk Data
 * export (a folder of one NDJSON file per resource type): regrouped on disk in two passes, so that
 * memory holds one patient's record at a time, whatever the size of the population.
 *
 * <p>Pass 1 ({@link #accept}) finds each piece's patient as {@link PatientStream} does (through
 * {@link MessageContent#changes}) and appends the piece to one of {@code buckets} temporary files
 * chosen by a hash of the patient id: an NDJSON line as it was read, a piece that holds several
 * patients (a Bundle) as one collection Bundle per patient, with the piece's Medications and
 * Devices. A Medication or Device on its own belongs to no patient: it is kept in memory as its
 * line, by {@code Type/id}, and joins the record of each patient whose orders refer to it (see
 * {@link #references}), as FactMapper resolves them.
 *
 * <p>Pass 2 ({@link #evaluate}) reads one bucket at a time, indexing where each patient's pieces
 * are (16 bytes a piece, not the pieces), then reads and parses one patient's pieces at a time and
 * hands the record to the sink: a resource seen twice (same type and id) counts once, in its first
 * place, the later copy winning, as in {@link PatientStream}. Patients come out bucket by bucket,
 * not in the order of the input.
 *
 * <p>The temporary files hold patient data: they are made in a folder only the owner can read
 * (where the file system has POSIX permissions), and {@link #close} deletes them, as does a
 * shutdown hook if the process is stopped first.
 */
final class Regroup implements AutoCloseable {

  /**
   * A Bulk Data file name: {@code Observation.ndjson}, {@code Observation.2.ndjson}, {@code
   * Observation-2.ndjson}, or {@code 2.Observation.ndjson} (as some Bulk Data clients save them).
   */
  private static final Pattern BULK_NAME =
      Pattern.compile("(?:\\d+\\.)?([A-Z][A-Za-z]+)(?:[.-]\\d+)?\\.ndjson");

  private static final String JSON = "application/fhir+json";

  private final MessageContent content;
  private final FhirReader reader;
  private final FhirContext context;
  private final Path folder;
  private final Thread cleanup;
  private final Path[] paths;
  private final DataOutputStream[] writers;
  private final Map<String, byte[]> referable = new HashMap<>();
  private long pieceBytes;

  /** Makes the owner-only temporary folder under {@code parent} and the bucket files in it. */
  Regroup(MessageContent content, FhirReader reader, Path parent, int buckets) throws IOException {
    this.content = content;
    this.reader = reader;
    this.context = reader.context();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] ownerOnlyFolder =
        posix
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
            }
            : new FileAttribute<?>[0];
    FileAttribute<?>[] ownerOnlyFile =
        posix
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(
                  Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))
            }
            : new FileAttribute<?>[0];
    this.folder = Files.createTempDirectory(parent, "cocare-regroup-", ownerOnlyFolder);
    this.cleanup = new Thread(this::deleteFolder, "cocare-regroup-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    this.paths = new Path[buckets];
    this.writers = new DataOutputStream[buckets];
    try {
      for (int b = 0; b < buckets; b++) {
        paths[b] = Files.createFile(folder.resolve("bucket-" + b), ownerOnlyFile);
        writers[b] =
            new DataOutputStream(
                new BufferedOutputStream(
                    Files.newOutputStream(paths[b], StandardOpenOption.WRITE), 1 << 13));
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** How many buckets for inputs of this many bytes: 64, and more for inputs above 16 GiB. */
  static int buckets(long totalBytes) {
    return (int) Math.min(512, Math.max(64, totalBytes >> 28));
  }

  /**
   * True if {@code files} (those of a folder given as PATH) are laid out as a Bulk Data export: at
   * least one NDJSON file, and each NDJSON file named for an R4 resource type (see {@link
   * #BULK_NAME}). Other files (an export's {@code manifest.json}, a README) do not decide it.
   */
  static boolean isBulkExport(List<Path> files, FhirContext context) {
    Set<String> types = context.getResourceTypes();
    boolean any = false;
    for (Path file : files) {
      String fileName = file.getFileName().toString();
      if (!fileName.endsWith(".ndjson")) {
        continue;
      }
      Matcher name = BULK_NAME.matcher(fileName);
      if (!name.matches() || !types.contains(name.group(1))) {
        return false;
      }
      any = true;
    }
    return any;
  }

  Path folder() {
    return folder;
  }

  /**
   * Pass 1: one piece of input, with the NDJSON line it was read from (null for a whole file).
   *
   * @throws UncheckedIOException if a temporary file cannot be written (a full disk)
   */
  void accept(Resource piece, String line) {
    PieceGroups groups = PieceGroups.of(content, piece);
    Map<String, Map<String, Resource>> grouped = groups.byPatient();
    Map<String, Resource> pieceReferable = groups.referable();
    try {
      if (grouped.isEmpty()) {
        if (!pieceReferable.isEmpty()) {
          boolean alone = line != null && groups.changes() == 1;
          for (Map.Entry<String, Resource> resource : pieceReferable.entrySet()) {
            referable.put(
                resource.getKey(),
                (alone ? line : context.newJsonParser().encodeResourceToString(resource.getValue()))
                    .getBytes(StandardCharsets.UTF_8));
          }
        }
        return;
      }
      if (line != null && grouped.size() == 1) {
        write(grouped.keySet().iterator().next(), line);
        return;
      }
      for (Map.Entry<String, Map<String, Resource>> patient : grouped.entrySet()) {
        Bundle own = new Bundle().setType(Bundle.BundleType.COLLECTION);
        patient.getValue().values().forEach(r -> own.addEntry().setResource(r));
        pieceReferable.values().forEach(r -> own.addEntry().setResource(r));
        write(patient.getKey(), context.newJsonParser().encodeResourceToString(own));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the temporary files in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The bytes of the pieces written so far, for a progress bar over pass 2. */
  long pieceBytes() {
    return pieceBytes;
  }

  private void write(String patientId, String piece) throws IOException {
    byte[] id = patientId.getBytes(StandardCharsets.UTF_8);
    byte[] body = piece.getBytes(StandardCharsets.UTF_8);
    DataOutputStream out = writers[bucket(patientId)];
    out.writeInt(id.length);
    out.write(id);
    out.writeInt(body.length);
    out.write(body);
    pieceBytes += body.length;
  }

  private int bucket(String patientId) {
    return (int) Long.remainderUnsigned(IdHashSet.hash(patientId), writers.length);
  }

  /**
   * Pass 2: each patient's record to {@code sink}, bucket by bucket; {@code progress} is told the
   * piece bytes done after each patient. Each bucket file is deleted once read.
   */
  void evaluate(PatientStream.Sink sink, LongConsumer progress) {
    try {
      for (DataOutputStream writer : writers) {
        writer.close();
      }
      long done = 0;
      for (Path path : paths) {
        Map<String, Offsets> patients = index(path);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
          for (Map.Entry<String, Offsets> patient : patients.entrySet()) {
            Offsets pieces = patient.getValue();
            sink.patient(patient.getKey(), record(patient.getKey(), pieces, channel));
            done += pieces.bytes;
            progress.accept(done);
          }
        }
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the temporary files in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Where each patient's pieces are in a bucket file, patients in order of first appearance. */
  private static Map<String, Offsets> index(Path path) throws IOException {
    Map<String, Offsets> patients = new LinkedHashMap<>();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
      long position = 0;
      while (true) {
        int idLength;
        try {
          idLength = in.readInt();
        } catch (EOFException end) {
          break;
        }
        byte[] id = new byte[idLength];
        in.readFully(id);
        int length = in.readInt();
        in.skipNBytes(length);
        position += 4 + idLength + 4;
        patients
            .computeIfAbsent(new String(id, StandardCharsets.UTF_8), p -> new Offsets())
            .add(position, length);
        position += length;
      }
    }
    return patients;
  }

  private List<Resource> record(String patientId, Offsets pieces, FileChannel channel)
      throws IOException {
    Map<String, Resource> record = new LinkedHashMap<>();
    Map<String, Resource> joined = new LinkedHashMap<>();
    for (int i = 0; i < pieces.size; i++) {
      long position = pieces.slots[2 * i];
      ByteBuffer body = ByteBuffer.allocate((int) pieces.slots[2 * i + 1]);
      while (body.hasRemaining()) {
        if (channel.read(body, position + body.position()) < 0) {
          throw new EOFException("bucket file ends early");
        }
      }
      PieceGroups groups = PieceGroups.of(content, reader.parse(body.array(), JSON));
      record.putAll(groups.byPatient().getOrDefault(patientId, Map.of()));
      joined.putAll(groups.referable());
    }
    if (!referable.isEmpty()) {
      for (Resource resource : record.values()) {
        for (String key : references(resource)) {
          byte[] line = referable.get(key);
          if (line != null && !joined.containsKey(key)) {
            for (ResourceChange change : content.changes(reader.parse(line, JSON))) {
              joined.put(change.reference(), change.resource());
            }
          }
        }
      }
    }
    List<Resource> all = new ArrayList<>(record.size() + joined.size());
    all.addAll(record.values());
    all.addAll(joined.values());
    return List.copyOf(all);
  }

  /**
   * The {@code Medication/id} or {@code Device/id} keys that a resource's orders and statements
   * refer to: FactMapper resolves MedicationRequest.medicationReference and
   * DeviceRequest.codeReference; the other medication and device statements are followed too, so
   * that a rule that comes to use them finds their Medication. A {@code urn:uuid:} reference names
   * either type.
   */
  static Collection<String> references(Resource resource) {
    Reference reference = null;
    String type = "Medication";
    if (resource instanceof MedicationRequest r && r.hasMedicationReference()) {
      reference = r.getMedicationReference();
    } else if (resource instanceof MedicationStatement r && r.hasMedicationReference()) {
      reference = r.getMedicationReference();
    } else if (resource instanceof MedicationAdministration r && r.hasMedicationReference()) {
      reference = r.getMedicationReference();
    } else if (resource instanceof MedicationDispense r && r.hasMedicationReference()) {
      reference = r.getMedicationReference();
    } else if (resource instanceof DeviceRequest r && r.hasCodeReference()) {
      reference = r.getCodeReference();
      type = "Device";
    } else if (resource instanceof DeviceUseStatement r && r.hasDevice()) {
      reference = r.getDevice();
      type = "Device";
    }
    String value = reference == null ? null : reference.getReference();
    if (value == null || value.startsWith("#")) {
      return List.of();
    }
    String id = PatientCompartment.idPart(value);
    if (value.startsWith("urn:uuid:")) {
      return List.of("Medication/" + id, "Device/" + id);
    }
    // Medication/123, https://host/fhir/Medication/123, or either with /_history/2 after it.
    int history = value.indexOf("/_history/");
    String[] parts = (history < 0 ? value : value.substring(0, history)).split("/");
    return parts.length < 2
        ? List.of(type + "/" + id)
        : List.of(parts[parts.length - 2] + "/" + id);
  }

  /** Closes and deletes the temporary files; safe to call twice. */
  @Override
  public void close() {
    for (DataOutputStream writer : writers) {
      if (writer != null) {
        try {
          writer.close();
        } catch (IOException ignored) {
          // the folder is deleted next; a write that failed was reported where it failed
        }
      }
    }
    deleteFolder();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: it deletes the folder too
    }
  }

  private void deleteFolder() {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the temporary folder " + folder, e);
    }
  }

  /** The (position, length) of a patient's pieces in a bucket file, and their total length. */
  private static final class Offsets {
    long[] slots = new long[4];
    int size;
    long bytes;

    void add(long position, int length) {
      if (2 * size + 2 > slots.length) {
        slots = Arrays.copyOf(slots, slots.length * 2);
      }
      slots[2 * size] = position;
      slots[2 * size + 1] = length;
      size++;
      bytes += length;
    }
  }
}
