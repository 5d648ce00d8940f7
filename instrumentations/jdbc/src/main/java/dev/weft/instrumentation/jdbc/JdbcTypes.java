package dev.weft.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * "Implements this {@code java.sql} interface", for any driver or pool in any class loader.
 *
 * <p>No name pre-filter on the implementing class: "any driver" includes ones Weft has never heard
 * of, and their classes are not reliably named (*Statement, *Stmt, *Impl, generated proxies). What
 * keeps this cheap: the agent's ignore list and the JDK packages are excluded by name first;
 * interfaces are skipped without a hierarchy walk; the walk itself reads super types from the
 * per-loader cached type pool (each class file parsed once, shared by every matcher), and stops at
 * the first match. The start-up cost was measured (module README): within noise for an application
 * loading a few thousand classes.
 */
final class JdbcTypes {
  private JdbcTypes() {}

  static ElementMatcher.Junction<TypeDescription> implementing(String interfaceName) {
    return not(nameStartsWith("java."))
        .and(not(nameStartsWith("javax.")))
        .and(not(nameStartsWith("jdk.")))
        .and(not(nameStartsWith("sun.")))
        .and(not(nameStartsWith("com.sun.")))
        .and(not(isInterface()))
        .and(hasSuperType(named(interfaceName)));
  }
}
