package dev.weft.instrumentation.apachehttpclient.v5.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A helper missing from the injected list is a silently lost span (NoClassDefFoundError in suppressed
 * advice): the list names every compiled class of this package but the module, the type
 * instrumentations and their advice, and the two classic-module classes it shares (attributes, request).
 */
class ApacheHttpAsyncClient5HelperListTest {
  @Test
  void helperListNamesExactlyTheHelperClasses() throws IOException {
    String pkg = "dev.weft.instrumentation.apachehttpclient.v5.async.";
    List<String> expected;
    try (Stream<Path> files = Files.list(Path.of("target/classes/" + pkg.replace('.', '/')))) {
      expected = Stream.concat(
              files.map(f -> f.getFileName().toString())
                  .filter(n -> n.endsWith(".class") && !n.contains("Instrumentation") && !n.contains("Advice"))
                  .map(n -> pkg + n.substring(0, n.length() - ".class".length())),
              Stream.of("dev.weft.instrumentation.apachehttpclient.v5.ApacheHttpClient5Attributes",
                  "dev.weft.instrumentation.apachehttpclient.v5.ApacheRequest",
                  "dev.weft.instrumentation.apachehttpclient.v5.ApacheHttpClient5Helper$RequestHeaders"))
          .toList();
    }
    assertThat(new ApacheHttpAsyncClient5InstrumentationModule().helperClassNames()).containsExactlyInAnyOrderElementsOf(expected);
  }
}
