package dev.weft.tooling;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Collects which advice class applies to which methods of a matched type. */
public interface AdviceTarget {
  void apply(ElementMatcher<? super MethodDescription> methods, String adviceClassName);
}
