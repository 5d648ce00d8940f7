package dev.weft.testing;

import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One export request as the fake collector answered it, recorded whether or not it succeeded.
 *
 * @param transport which receiver got it
 * @param path the HTTP path, or the gRPC full method name with a leading slash (e.g. {@code
 *     /opentelemetry.proto.collector.trace.v1.TraceService/Export})
 * @param headers request headers (gRPC: metadata), names lower-cased, repeated values joined by ","
 * @param wasGzip whether the body was gzip-compressed
 * @param spanCount spans in the request, including those not recorded because the answer was a
 *     failure; 0 for metrics and logs requests and for bodies that did not parse
 * @param status the HTTP status answered; for gRPC the HTTP status whose equivalent was answered
 *     (200 for OK)
 * @param grpcStatus the gRPC status code answered (e.g. "OK", "UNAVAILABLE"); null for HTTP
 * @param receivedAt when the request arrived (before any {@link FakeCollector#hang})
 */
public record ReceivedRequest(
    Transport transport,
    String path,
    Map<String, String> headers,
    boolean wasGzip,
    int spanCount,
    int status,
    String grpcStatus,
    Instant receivedAt) {

  /** Which of the collector's two receivers got a request. */
  public enum Transport {
    HTTP,
    GRPC
  }

  public ReceivedRequest {
    headers = Collections.unmodifiableMap(new TreeMap<>(headers));
  }

  /** A header's value by case-insensitive name, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** Whether the collector answered with success (and so recorded the request's spans). */
  public boolean succeeded() {
    return status >= 200 && status < 300;
  }

  @Override
  public String toString() {
    return transport
        + " "
        + path
        + (wasGzip ? " gzip" : "")
        + " spans="
        + spanCount
        + " -> "
        + (grpcStatus != null ? grpcStatus + " (" + status + ")" : status);
  }
}
