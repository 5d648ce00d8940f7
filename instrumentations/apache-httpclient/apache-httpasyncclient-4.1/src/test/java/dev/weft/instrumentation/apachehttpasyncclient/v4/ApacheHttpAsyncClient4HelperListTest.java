package dev.weft.instrumentation.apachehttpasyncclient.v4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every class the advice reaches is injected (else: a silently lost span): the helpers of this package,
 * that is all but the module, the type instrumentations and their advice, plus the classic 4.x module's
 * attribute getter and request, which the spans share.
 */
class ApacheHttpAsyncClient4HelperListTest {
  @Test
  void helperListNamesExactlyTheHelperClasses() {
    List<String> expected = new ArrayList<>(List.of(
        "dev.weft.instrumentation.apachehttpclient.v4.ApacheHttpClient4Attributes",
        "dev.weft.instrumentation.apachehttpclient.v4.ApacheRequest",
        "dev.weft.instrumentation.apachehttpclient.v4.ApacheHttpClient4Helper$RequestHeaders"));
    for (String file : new File("target/classes/dev/weft/instrumentation/apachehttpasyncclient/v4").list()) {
      if (file.endsWith(".class") && !file.contains("Instrumentation") && !file.contains("Advice")) {
        expected.add("dev.weft.instrumentation.apachehttpasyncclient.v4." + file.replace(".class", ""));
      }
    }
    assertThat(new ApacheHttpAsyncClient4InstrumentationModule().helperClassNames()).containsExactlyInAnyOrderElementsOf(expected);
  }
}
