package dev.weft.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.weft.tooling.SuperTypes;
import java.util.Collections;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * "Implements this {@code java.sql} interface", for any driver or pool in any class loader.
 *
 * <p>No name pre-filter on the implementing class: "any driver" includes ones Weft has never heard
 * of, and their classes are not reliably named (*Statement, *Stmt, *Impl, generated proxies). The JDK
 * is excluded by name; the rest is {@link SuperTypes}' header walk, which looks into no JDK type
 * outside {@code java.sql}/{@code javax.sql} (the start-up measurement is in the module README).
 */
final class JdbcTypes {
  private JdbcTypes() {}

  static ElementMatcher.Junction<TypeDescription> implementing(String interfaceName) {
    return not(nameStartsWith("java."))
        .and(not(nameStartsWith("javax.")))
        .and(not(nameStartsWith("jdk.")))
        .and(not(nameStartsWith("sun.")))
        .and(not(nameStartsWith("com.sun.")))
        .and(SuperTypes.classWithSuperType(Collections.singleton(interfaceName), "java.sql.", "javax.sql."));
  }
}
