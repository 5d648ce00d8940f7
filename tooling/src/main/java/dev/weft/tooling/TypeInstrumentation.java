package dev.weft.tooling;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** One type matcher and the advice applied to the methods of the types it matches. */
public interface TypeInstrumentation {

  /**
   * Which types to transform. Put name matchers first and hierarchy matchers after them: ByteBuddy
   * evaluates lazily, and a name check costs nothing while a hierarchy walk parses super types.
   */
  ElementMatcher<TypeDescription> typeMatcher();

  /** Registers advice: {@code advice.apply(methodMatcher, "fully.qualified.AdviceClass")}. */
  void transform(AdviceTarget advice);
}
