package net.bytebuddy.agent.builder;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * ByteBuddy's class-file transformer, receiving the module of each class as the JVM passes it (Java
 * 9+): what ByteBuddy otherwise generates at run time; see {@link
 * WeftTransformerFactoryAction}. The module is what lets ByteBuddy
 * give a woven class of a named module (java.base, say) read access to Weft's bootstrap classes.
 */
class WeftModuleAwareTransformer extends AgentBuilder.Default.ExecutingTransformer {
  WeftModuleAwareTransformer(
      ByteBuddy byteBuddy,
      AgentBuilder.Listener listener,
      AgentBuilder.PoolStrategy poolStrategy,
      AgentBuilder.TypeStrategy typeStrategy,
      AgentBuilder.LocationStrategy locationStrategy,
      ClassFileLocator classFileLocator,
      AgentBuilder.Default.NativeMethodStrategy nativeMethodStrategy,
      AgentBuilder.InitializationStrategy initializationStrategy,
      AgentBuilder.InjectionStrategy injectionStrategy,
      AgentBuilder.LambdaInstrumentationStrategy lambdaInstrumentationStrategy,
      AgentBuilder.DescriptionStrategy descriptionStrategy,
      AgentBuilder.FallbackStrategy fallbackStrategy,
      AgentBuilder.ClassFileBufferStrategy classFileBufferStrategy,
      AgentBuilder.InstallationListener installationListener,
      AgentBuilder.RawMatcher ignoreMatcher,
      AgentBuilder.RedefinitionStrategy.ResubmissionEnforcer resubmissionEnforcer,
      List<AgentBuilder.Default.Transformation> transformations,
      AgentBuilder.CircularityLock circularityLock) {
    super(
        byteBuddy,
        listener,
        poolStrategy,
        typeStrategy,
        locationStrategy,
        classFileLocator,
        nativeMethodStrategy,
        initializationStrategy,
        injectionStrategy,
        lambdaInstrumentationStrategy,
        descriptionStrategy,
        fallbackStrategy,
        classFileBufferStrategy,
        installationListener,
        ignoreMatcher,
        resubmissionEnforcer,
        transformations,
        circularityLock);
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String internalName,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile)
      throws IllegalClassFormatException {
    return transform((Object) module, loader, internalName, classBeingRedefined, protectionDomain, classFile);
  }
}
