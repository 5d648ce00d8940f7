package dev.weft.testing.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket: the test controls every byte of the request (repeated header lines,
 * malformed values, broken request lines) and sees every byte of the response. No HTTP client class is
 * involved, so it sends no trace context and, inside a forked application under the agent, makes no
 * span. Only JDK types: also put on forked applications' class paths.
 */
public final class RawHttp {
  public static final String HOST = "example.test:8080";

  private RawHttp() {}

  /** A GET (or other method) with the fixed Host and User-Agent, the given header lines, and Connection: close. */
  public static String request(String method, String target, String... headerLines) {
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    request.append("Host: ").append(HOST).append("\r\n");
    request.append("User-Agent: weft-test\r\n");
    for (String line : headerLines) {
      request.append(line).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    return request.toString();
  }

  public static byte[] exchange(int port, String request) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return socket.getInputStream().readAllBytes();
    } catch (java.net.SocketException reset) {
      return ("<connection reset: " + reset.getMessage() + ">").getBytes(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The response without its Date header, the one part that may differ between two identical answers,
   * and without the identity hash Jetty's 404 page prints after its default servlet's name (which
   * differs between any two JVMs, and with its length the Content-Length).
   */
  public static String withoutDate(byte[] response) {
    String text = new String(response, StandardCharsets.ISO_8859_1);
    if (text.contains("Default404Servlet-")) {
      text = text.replaceAll("(Default404Servlet)-[0-9a-f]+", "$1").replaceAll("Content-Length: \\d+", "Content-Length: <n>");
    }
    int headEnd = text.indexOf("\r\n\r\n");
    String head = headEnd < 0 ? text : text.substring(0, headEnd);
    String rest = headEnd < 0 ? "" : text.substring(headEnd);
    StringBuilder out = new StringBuilder();
    for (String line : head.split("\r\n", -1)) {
      if (!line.toLowerCase(Locale.ROOT).startsWith("date:")) {
        out.append(line).append("\r\n");
      }
    }
    return out.append(rest).toString();
  }

  public static int status(byte[] response) {
    String text = new String(response, StandardCharsets.ISO_8859_1);
    if (!text.startsWith("HTTP/1.")) {
      return -1;
    }
    return Integer.parseInt(text.substring(9, 12));
  }

  /** The body as sent (chunk framing included when chunked). */
  public static String body(byte[] response) {
    String text = new String(response, StandardCharsets.UTF_8);
    int headEnd = text.indexOf("\r\n\r\n");
    return headEnd < 0 ? "" : text.substring(headEnd + 4);
  }
}
