package net.bytebuddy.agent.builder;

import java.lang.reflect.Constructor;
import java.security.PrivilegedAction;

/**
 * Replaces, in the agent jar only, ByteBuddy's {@code ExecutingTransformer.Factory.CreationAction}:
 * the build drops the original and relocates this class to its name.
 * ByteBuddy's version generates, with ByteBuddy, at the first {@code installOn}, a subclass of its
 * class-file transformer that receives the {@code java.lang.Module} of each class; generating it cold
 * was half of Weft's {@code premain} (about 150 ms measured). {@link WeftModuleAwareTransformer} is
 * that subclass written out and compiled ahead (for Java 9+); this returns the factory ByteBuddy would
 * have built around it, and on Java 8, or if anything does not fit, the legacy factory, as ByteBuddy's
 * own does when its generation fails.
 *
 * <p>Tied to the constructor of ByteBuddy's {@code ExecutingTransformer}: a ByteBuddy upgrade that
 * changes it fails the build ({@link WeftModuleAwareTransformer} compiles against it), not the
 * application. Should the legacy factory ever be used on Java 9+, JDK classes are still woven but
 * cannot reach Weft's classes, and the HTTP and executor tests on JDK 17 and 25 fail.
 */
public enum WeftTransformerFactoryAction
    implements PrivilegedAction<AgentBuilder.Default.ExecutingTransformer.Factory> {
  INSTANCE;

  @Override
  @SuppressWarnings("unchecked")
  public AgentBuilder.Default.ExecutingTransformer.Factory run() {
    try {
      Class.forName("java.lang.Module");
    } catch (ClassNotFoundException java8) {
      return AgentBuilder.Default.ExecutingTransformer.Factory.ForLegacyVm.INSTANCE;
    }
    try {
      String builderName = AgentBuilder.class.getName(); // relocated in the jar
      Class<? extends ResettableClassFileTransformer> type =
          (Class<? extends ResettableClassFileTransformer>)
              Class.forName(
                  builderName.substring(0, builderName.lastIndexOf('.') + 1) + "WeftModuleAwareTransformer",
                  true,
                  AgentBuilder.class.getClassLoader());
      // Its one constructor mirrors ExecutingTransformer's (it compiles against it), in its order.
      Constructor<? extends ResettableClassFileTransformer> constructor =
          (Constructor<? extends ResettableClassFileTransformer>) type.getDeclaredConstructors()[0];
      return new AgentBuilder.Default.ExecutingTransformer.Factory.ForJava9CapableVm(constructor);
    } catch (Exception | LinkageError e) {
      return AgentBuilder.Default.ExecutingTransformer.Factory.ForLegacyVm.INSTANCE;
    }
  }
}
