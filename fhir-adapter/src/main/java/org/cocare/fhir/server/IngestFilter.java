package org.cocare.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in front of the FHIR server: every POST or PUT body is stored raw and validated before the
 * server sees it. Invalid content is answered here with a 4xx {@code OperationOutcome}; valid
 * content goes on with the stored message's id in request attribute {@value #MESSAGE_ID}. If the
 * server refuses the request anyway, the stored message is marked rejected, so nothing received is
 * lost or left unexplained.
 */
public final class IngestFilter implements Filter {
  public static final String MESSAGE_ID = "cocare.messageId";

  /** Response header naming the stored message, so a sender can correlate and look it up. */
  public static final String MESSAGE_ID_HEADER = "X-Cocare-Message-Id";

  private static final Logger log = LoggerFactory.getLogger(IngestFilter.class);

  private final FhirContext context;
  private final MessageReceiver receiver;

  public IngestFilter(FhirContext context, MessageReceiver receiver) {
    this.context = context;
    this.receiver = receiver;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String method = request.getMethod();
    if (!"POST".equals(method) && !"PUT".equals(method)) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    String source =
        "http "
            + method
            + " "
            + request.getRequestURI()
            + (request.getRemoteUser() != null ? " by " + request.getRemoteUser() : "");
    Receipt receipt = receiver.receive(body, request.getContentType(), source);
    response.setHeader(MESSAGE_ID_HEADER, receipt.messageId());
    if (receipt.status() == Receipt.Status.REJECTED) {
      log.info("message {} rejected with HTTP {}", receipt.messageId(), receipt.httpStatus());
      writeOutcome(request, response, receipt.httpStatus(), receipt.outcome());
      return;
    }
    request.setAttribute(MESSAGE_ID, receipt.messageId());
    chain.doFilter(new CachedBodyRequest(request, body), response);
    if (response.getStatus() >= 400 && response.getStatus() < 500) {
      receiver.rejectUnprocessed(
          receipt.messageId(),
          response.getStatus(),
          "The FHIR server refused " + method + " " + request.getRequestURI());
    }
  }

  private void writeOutcome(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      OperationOutcome outcome)
      throws IOException {
    boolean xml = wantsXml(request);
    IParser parser = xml ? context.newXmlParser() : context.newJsonParser();
    byte[] encoded = parser.encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(
        (xml ? "application/fhir+xml" : "application/fhir+json") + ";charset=UTF-8");
    response.setContentLength(encoded.length);
    response.getOutputStream().write(encoded);
  }

  private static boolean wantsXml(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    String contentType = request.getContentType();
    String format = request.getParameter("_format");
    String hint =
        (format != null
            ? format
            : accept != null && !accept.contains("*/*") ? accept : contentType);
    return hint != null && hint.toLowerCase(Locale.ROOT).contains("xml");
  }
}
