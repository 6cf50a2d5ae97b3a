package org.cocare.routes.ingest;

/** Endpoint URIs shared between routes and the beans that call them. */
public final class Endpoints {
  public static final String PROCESS = "direct:process";
  public static final String DEAD_LETTER = "direct:dead-letter";

  private Endpoints() {}
}
