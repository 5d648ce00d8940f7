package dev.weft.agent.internal;

import dev.weft.bootstrap.AgentLog;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * With {@code OTEL_JAVAAGENT_DEBUG=true}, one line per class transformed and per transformation that
 * failed (the class is then loaded unchanged, the application unaffected).
 */
final class TransformLogger extends AgentBuilder.Listener.Adapter {
  @Override
  public void onTransformation(
      TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded, DynamicType dynamicType) {
    AgentLog.debug("transformed " + type.getName() + " in " + loaderName(loader) + (loaded ? " (retransformed)" : ""));
  }

  @Override
  public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable throwable) {
    AgentLog.debug("could not transform " + typeName + " in " + loaderName(loader) + ", left unchanged", throwable);
  }

  private static String loaderName(ClassLoader loader) {
    return loader == null ? "bootstrap" : loader.getClass().getName();
  }
}
