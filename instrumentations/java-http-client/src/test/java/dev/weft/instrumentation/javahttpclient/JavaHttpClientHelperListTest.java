package dev.weft.instrumentation.javahttpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every class the advice can reach must be injected: a helper missing from the list only shows as a
 * silently lost span (NoClassDefFoundError inside suppressed advice). So: every compiled class of the
 * package except the module, the type instrumentations and the advice is listed, and nothing else.
 */
class JavaHttpClientHelperListTest {
  @Test
  void helperListNamesExactlyTheHelperClasses() throws IOException {
    Path dir = Path.of("target/classes/dev/weft/instrumentation/javahttpclient");
    List<String> compiled;
    try (Stream<Path> files = Files.list(dir)) {
      compiled = files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".class"))
          .map(n -> "dev.weft.instrumentation.javahttpclient." + n.substring(0, n.length() - ".class".length()))
          .filter(n -> !n.contains("InstrumentationModule") && !n.contains("Instrumentation$")
              && !n.endsWith("Instrumentation") && !n.contains("Advice"))
          .collect(Collectors.toList());
    }
    assertThat(new JavaHttpClientInstrumentationModule().helperClassNames()).containsExactlyInAnyOrderElementsOf(compiled);
  }
}
