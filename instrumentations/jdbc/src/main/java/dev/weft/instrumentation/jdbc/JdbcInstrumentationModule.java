package dev.weft.instrumentation.jdbc;

import dev.weft.bootstrap.WeftConfig;
import dev.weft.instrumentation.jdbc.bootstrap.JdbcConfig;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * JDBC: any driver, any pool, any class loader. No class-loader gate: every loader sees
 * {@code java.sql}, so a gate on it would filter nothing (see {@link JdbcTypes} for what keeps type
 * matching cheap). One helper is injected where drivers live: {@link JdbcAdviceHelper}, the
 * {@code java.sql}-facing half; the state and spans are in the bootstrap half, shared JVM-wide.
 */
public final class JdbcInstrumentationModule extends InstrumentationModule {
  public JdbcInstrumentationModule() {
    super("jdbc");
  }

  @Override
  public List<String> helperClassNames() {
    return Collections.singletonList(JdbcAdviceHelper.class.getName());
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new ConnectionInstrumentation(),
        new StatementInstrumentation(JdbcConfig.captureParameters(WeftConfig.get())));
  }
}
