package dev.weft.tooling;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Collects which advice class applies to which methods of a matched type. */
public interface AdviceTarget {
  void apply(ElementMatcher<? super MethodDescription> methods, String adviceClassName);

  /**
   * Rewrites inside method bodies where advice (which wraps a whole method) cannot reach, e.g. a
   * {@code MemberSubstitution} that routes one call site through a helper. Shape-preserving only: no
   * fields or methods may be added.
   */
  void visit(AsmVisitorWrapper wrapper);
}
