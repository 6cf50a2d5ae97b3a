package org.cocare.routes.delivery;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A real HTTP SMS gateway for tests: it answers each POST with the next scripted status (202 once
 * the script is used up) and, like a real gateway, accepts each Idempotency-Key once: a repeated
 * key is acknowledged but not sent again. It records every request and every message it accepted.
 */
final class SmsGateway implements AutoCloseable {
  /** One request as received. */
  record Request(String idempotencyKey, String authorization, String body) {}

  private final HttpServer server;
  private final Deque<Integer> script = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, String> accepted = new LinkedHashMap<>();
  private CountDownLatch hold;
  private CountDownLatch release;

  SmsGateway() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/messages",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
          int status;
          CountDownLatch held;
          synchronized (this) {
            requests.add(
                new Request(key, exchange.getRequestHeaders().getFirst("Authorization"), body));
            Integer scripted = script.poll();
            status = scripted == null ? 202 : scripted;
            if (status < 300 && key != null) {
              accepted.putIfAbsent(key, body);
            }
            held = hold;
            hold = null;
          }
          if (held != null) {
            // Taken on, but the answer waits: the sender may die before it hears back.
            try {
              held.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/messages");
  }

  /** The next answers, in order; afterwards 202. */
  synchronized void answer(Integer... statuses) {
    script.addAll(List.of(statuses));
  }

  /**
   * The next request is taken on (counted as accepted) but answered only after {@link
   * #releaseHeld()}: a sender that dies meanwhile never learns it was accepted.
   */
  synchronized void holdNextAnswer() {
    hold = new CountDownLatch(1);
    release = hold;
  }

  /** Answers the held request (to whoever is still listening). */
  synchronized void releaseHeld() {
    if (release != null) {
      release.countDown();
    }
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The messages the gateway took on, by idempotency key: what reached phones. */
  synchronized Map<String, String> accepted() {
    return Map.copyOf(accepted);
  }

  synchronized void reset() {
    releaseHeld();
    script.clear();
    requests.clear();
    accepted.clear();
  }

  @Override
  public void close() {
    releaseHeld();
    server.stop(0);
  }
}
