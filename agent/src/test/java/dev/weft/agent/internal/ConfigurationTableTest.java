package dev.weft.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The README's configuration table is {@link ConfigurationKeys}, so the two cannot drift apart. */
class ConfigurationTableTest {
  private static final String START = "<!-- configuration table: generated from";
  private static final String END = "<!-- end of configuration table -->";

  @Test
  void readmeTableIsTheGeneratedOne() throws IOException {
    Path readme = Paths.get("..", "README.md"); // tests run in agent/
    String text = new String(Files.readAllBytes(readme), StandardCharsets.UTF_8);
    int start = text.indexOf('\n', text.indexOf(START)) + 1;
    int end = text.indexOf(END);
    assertThat(start).as("the table's start marker in %s", readme).isPositive();
    assertThat(end).as("the table's end marker in %s", readme).isGreaterThan(start);
    String expected = ConfigurationKeys.markdownTable();
    Path generated = Paths.get("target", "configuration-table.md");
    Files.createDirectories(generated.getParent());
    Files.write(generated, expected.getBytes(StandardCharsets.UTF_8));
    assertThat(text.substring(start, end))
        .as("README.md's configuration table; paste agent/%s in its place", generated)
        .isEqualTo(expected);
  }

  @Test
  void everyRowIsComplete() {
    assertThat(ConfigurationKeys.ROWS).allSatisfy(row -> {
      assertThat(row.keys).startsWith("`OTEL_");
      assertThat(row.defaultValue).isNotEmpty();
      assertThat(row.description).endsWith(".");
    });
  }
}
