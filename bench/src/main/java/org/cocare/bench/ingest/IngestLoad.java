package org.cocare.bench.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.IntToLongFunction;
import org.cocare.bench.population.EcqmPopulation;

/**
 * Loads a running service's {@code POST /fhir} with eCQM-size patients as transaction Bundles, each
 * a fresh patient (so no request is a duplicate the service can answer from its content hash).
 *
 * <ol>
 *   <li>warm-up at 8 clients, not counted;
 *   <li><b>closed loop</b> at each of C clients: every client sends its next request when the last
 *       one is answered; the throughput is the maximum rate at that concurrency, the latencies are
 *       per request;
 *   <li><b>open loop</b> at half the best closed-loop rate: request {@code i} is due at {@code
 *       start + i / rate} whatever happened to the ones before, and its latency is measured from
 *       that due time, so time spent queued behind a slow request counts (no coordinated omission).
 * </ol>
 *
 * Each is repeated over several intervals for a spread. Bodies are generated before each timed
 * phase. Writes one line per figure ({@code name TAB unit TAB run,run,...}) for {@link
 * IngestReport}, plus how many requests were sent and how many answered 2xx, which {@link
 * IngestCheck} compares with the database afterwards.
 *
 * <p>{@code IngestLoad BASE_URL CASES_DIR OUT [clients=4,8,16] [interval=4] [intervals=3] [open=8]
 * [warmup=20]}; {@code -Dcocare.bench.ingest.seed=N} (default 42) picks other patients.
 */
public final class IngestLoad {
  private static final String AUTH =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("integration:integration-demo".getBytes(StandardCharsets.UTF_8));

  private final HttpClient http;
  private final URI target;
  private final EcqmPopulation population;
  private long nextPatient;
  private long sent;
  private long answered;

  IngestLoad(URI base, EcqmPopulation population) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.target = base.resolve("/fhir");
    this.population = population;
  }

  /** One timed run: requests done, failed, seconds taken, latencies in nanoseconds. */
  record Run(int done, int errors, double seconds, long[] latencies) {
    double rate() {
      return done / seconds;
    }

    double percentileMillis(double p) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }
  }

  /** Bodies for {@code n} patients not sent before. */
  byte[][] bodies(int n) {
    byte[][] bodies = new byte[n][];
    for (int i = 0; i < n; i++) {
      bodies[i] = population.bundle(nextPatient++).getBytes(StandardCharsets.UTF_8);
    }
    return bodies;
  }

  /** Whether the request was answered 2xx; any other answer or an exception is an error. */
  private boolean send(byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", AUTH)
            .header("Content-Type", "application/fhir+json")
            .header("Accept", "application/fhir+json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    synchronized (this) {
      sent++;
    }
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      boolean ok = response.statusCode() / 100 == 2;
      if (ok) {
        synchronized (this) {
          answered++;
        }
      }
      return ok;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * {@code clients} threads each sending back to back for {@code seconds} (or until the bodies run
   * out).
   */
  Run closed(int clients, double seconds, byte[][] bodies) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    return send(
        clients,
        bodies,
        () -> {
          int i = next.getAndIncrement();
          return System.nanoTime() < end && i < bodies.length ? i : -1;
        },
        i -> System.nanoTime(),
        start);
  }

  /**
   * Request {@code i} is due at {@code start + i / rate}; the latency of each is measured from when
   * it was due. Enough senders that a slow answer delays only the requests behind it in time.
   */
  Run open(double rate, double seconds, byte[][] bodies) throws Exception {
    int n = Math.min(bodies.length, (int) Math.round(rate * seconds));
    long intervalNanos = (long) (1e9 / rate);
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime() + 50_000_000L;
    return send(
        64,
        bodies,
        () -> {
          int i = next.getAndIncrement();
          return i < n ? i : -1;
        },
        i -> {
          long due = start + i * intervalNanos;
          for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
          }
          return due;
        },
        start);
  }

  /**
   * {@code threads} senders, each taking the next index from {@code next} (negative: stop) and
   * sending that body; a request's latency counts from what {@code origin} returns for it, which
   * may first wait until the request is due.
   */
  private Run send(
      int threads, byte[][] bodies, IntSupplier next, IntToLongFunction origin, long start)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<long[]>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      results.add(
          pool.submit(
              () -> {
                long[] mine = new long[bodies.length];
                int count = 0;
                int errors = 0;
                for (int i = next.getAsInt(); i >= 0; i = next.getAsInt()) {
                  long from = origin.applyAsLong(i);
                  boolean ok = send(bodies[i]);
                  mine[count++] = System.nanoTime() - from;
                  bodies[i] = null;
                  if (!ok) {
                    errors++;
                  }
                }
                long[] out = Arrays.copyOf(mine, count + 1);
                out[count] = errors;
                return out;
              }));
    }
    return collect(pool, results, start);
  }

  private static Run collect(ExecutorService pool, List<Future<long[]>> results, long start)
      throws Exception {
    long[] all = new long[0];
    int errors = 0;
    for (Future<long[]> result : results) {
      long[] one = result.get();
      int count = one.length - 1;
      errors += (int) one[count];
      int at = all.length;
      all = Arrays.copyOf(all, at + count);
      System.arraycopy(one, 0, all, at, count);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
    return new Run(all.length - errors, errors, seconds, all);
  }

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    Path cases = Path.of(args[1]);
    Path out = Path.of(args[2]);
    int[] clients =
        Arrays.stream((args.length > 3 ? args[3] : "4,8,16").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    double interval = args.length > 4 ? Double.parseDouble(args[4]) : 4;
    int intervals = args.length > 5 ? Integer.parseInt(args[5]) : 3;
    double openSeconds = args.length > 6 ? Double.parseDouble(args[6]) : 8;
    double warmup = args.length > 7 ? Double.parseDouble(args[7]) : 20;

    // Another seed gives other patients: a second load on the same service sends no duplicates.
    long seed = Long.getLong("cocare.bench.ingest.seed", 42);
    IngestLoad load = new IngestLoad(base, EcqmPopulation.read(cases, seed));
    Map<String, List<Double>> figures = new LinkedHashMap<>();

    // Enough fresh patients for 300 msg/s; the warm-up ends early only above that.
    Run warm = load.closed(8, warmup, load.bodies((int) Math.min(40_000, 300 * warmup)));
    log(
        "warm-up: %d in %.1f s (%.0f/s), %d errors",
        warm.done(), warm.seconds(), warm.rate(), warm.errors());
    double estimate = Math.max(50, warm.rate());

    double best = 0;
    int bestClients = clients[0];
    for (int c : clients) {
      List<Run> runs = new ArrayList<>();
      for (int r = 0; r < intervals; r++) {
        int n = (int) Math.min(40_000, estimate * interval * 1.6 + 2L * c);
        Run run = load.closed(c, interval, load.bodies(n));
        log(
            "closed C=%d: %.0f/s, p50 %.1f p95 %.1f p99 %.1f ms, %d errors",
            c,
            run.rate(),
            run.percentileMillis(50),
            run.percentileMillis(95),
            run.percentileMillis(99),
            run.errors());
        estimate = Math.max(estimate, run.rate());
        runs.add(run);
      }
      String prefix = "closed C=" + c + " ";
      figures.put(prefix + "rate\tmsg/s", runs.stream().map(Run::rate).toList());
      for (int p : new int[] {50, 95, 99}) {
        figures.put(
            prefix + "p" + p + "\tms", runs.stream().map(x -> x.percentileMillis(p)).toList());
      }
      figures.put(
          prefix + "errors\trequests", runs.stream().map(x -> (double) x.errors()).toList());
      double median = median(runs.stream().map(Run::rate).toList());
      if (median > best) {
        best = median;
        bestClients = c;
      }
    }
    figures.put("max rate\tmsg/s", List.of(best));
    figures.put("max rate clients\tclients", List.of((double) bestClients));

    double half = best / 2;
    List<Run> open = new ArrayList<>();
    for (int r = 0; r < intervals; r++) {
      Run run = load.open(half, openSeconds, load.bodies((int) Math.ceil(half * openSeconds)));
      log(
          "open at %.0f/s: %.0f/s, p50 %.1f p95 %.1f p99 %.1f ms, %d errors",
          half,
          run.rate(),
          run.percentileMillis(50),
          run.percentileMillis(95),
          run.percentileMillis(99),
          run.errors());
      open.add(run);
    }
    figures.put("open rate asked\tmsg/s", List.of(half));
    figures.put("open rate\tmsg/s", open.stream().map(Run::rate).toList());
    for (int p : new int[] {50, 95, 99}) {
      figures.put("open p" + p + "\tms", open.stream().map(x -> x.percentileMillis(p)).toList());
    }
    figures.put("open errors\trequests", open.stream().map(x -> (double) x.errors()).toList());
    figures.put("sent\trequests", List.of((double) load.sent));
    figures.put("answered 2xx\trequests", List.of((double) load.answered));

    StringBuilder text = new StringBuilder();
    figures.forEach(
        (name, runs) ->
            text.append(name)
                .append('\t')
                .append(String.join(",", runs.stream().map(d -> Double.toString(d)).toList()))
                .append('\n'));
    try {
      Files.writeString(out, text.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.exit(0);
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void log(String format, Object... args) {
    System.err.println("ingest: " + String.format(Locale.ROOT, format, args));
  }
}
