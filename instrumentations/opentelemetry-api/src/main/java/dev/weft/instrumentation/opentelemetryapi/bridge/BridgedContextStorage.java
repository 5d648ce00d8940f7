package dev.weft.instrumentation.opentelemetryapi.bridge;

import application.io.opentelemetry.context.Context;
import application.io.opentelemetry.context.ContextStorage;
import application.io.opentelemetry.context.Scope;

/**
 * Replaces the application API's context storage: the application's current context is Weft's.
 * Returned by the woven {@code ContextStorage.get()}.
 */
public final class BridgedContextStorage implements ContextStorage {
  public static final BridgedContextStorage INSTANCE = new BridgedContextStorage();
  private static final BridgedContext ROOT = new BridgedContext(io.opentelemetry.context.Context.root());

  private BridgedContextStorage() {}

  @Override
  public Scope attach(Context context) {
    if (context == null) {
      return Scope.noop();
    }
    io.opentelemetry.context.Scope scope = BridgedContext.toAgent(context).makeCurrent();
    return new BridgedScope(scope);
  }

  @Override
  public Context current() {
    io.opentelemetry.context.Context agent = io.opentelemetry.context.Context.current();
    return agent == ROOT.agent ? ROOT : new BridgedContext(agent);
  }

  /** {@code ContextStorage.root()} of API 1.x versions that have it (overrides their default). */
  public Context root() {
    return ROOT;
  }

  static final class BridgedScope implements Scope {
    private final io.opentelemetry.context.Scope agent;

    BridgedScope(io.opentelemetry.context.Scope agent) {
      this.agent = agent;
    }

    @Override
    public void close() {
      agent.close();
    }
  }
}
