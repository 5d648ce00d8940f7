package dev.weft.tooling;

import net.bytebuddy.asm.Advice;
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

  /**
   * Custom advice annotations bound to values computed per woven method at transform time (an
   * annotation's attribute, a name), so the advice gets them as constants instead of looking them
   * up on every call.
   */
  default Advice.WithCustomMapping adviceMapping() {
    return Advice.withCustomMapping();
  }
}
