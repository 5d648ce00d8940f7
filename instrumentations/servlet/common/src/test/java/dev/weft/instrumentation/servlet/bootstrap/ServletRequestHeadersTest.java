package dev.weft.instrumentation.servlet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServletRequestHeadersTest {
  /** A request is a map of header name to its lines; the accessor answers the header methods only. */
  @SuppressWarnings("unchecked")
  private static final ServletAccessor<Map<String, List<String>>, Object> ACCESSOR =
      (ServletAccessor<Map<String, List<String>>, Object>)
          Proxy.newProxyInstance(
              ServletAccessor.class.getClassLoader(),
              new Class<?>[] {ServletAccessor.class},
              (proxy, method, args) -> {
                Map<String, List<String>> request = (Map<String, List<String>>) args[0];
                switch (method.getName()) {
                  case "getHeaders":
                    List<String> lines = request.get(args[1]);
                    return lines == null ? null : Collections.enumeration(lines);
                  case "getHeader":
                    List<String> values = request.get(args[1]);
                    return values == null ? null : values.get(0);
                  case "getHeaderNames":
                    return Collections.enumeration(request.keySet());
                  default:
                    throw new UnsupportedOperationException(method.getName());
                }
              });

  private final ServletRequestHeaders<Map<String, List<String>>> headers = new ServletRequestHeaders<>(ACCESSOR);

  @Test
  void getAllGivesEveryLineInOrder() {
    Map<String, List<String>> request = new LinkedHashMap<>();
    request.put("tracestate", List.of("a=1,b=2", "c=3"));
    assertThat(list(headers.getAll(request, "tracestate"))).containsExactly("a=1,b=2", "c=3");
    assertThat(headers.get(request, "tracestate")).isEqualTo("a=1,b=2");
    assertThat(headers.keys(request)).containsExactly("tracestate");
  }

  @Test
  void absentHeadersAndNullsGiveNothing() {
    Map<String, List<String>> request = new LinkedHashMap<>();
    assertThat(list(headers.getAll(request, "traceparent"))).isEmpty(); // container answered null
    assertThat(list(headers.getAll(null, "traceparent"))).isEmpty();
    assertThat(list(headers.getAll(request, null))).isEmpty();
    assertThat(headers.get(null, "traceparent")).isNull();
    assertThat(headers.keys(null)).isEmpty();
  }

  private static List<String> list(Iterator<String> values) {
    List<String> out = new ArrayList<>();
    values.forEachRemaining(out::add);
    return out;
  }
}
