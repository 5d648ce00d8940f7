package dev.weft.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * "Implements this {@code java.sql} interface", for any driver or pool in any class loader.
 *
 * <p>No name pre-filter on the implementing class: "any driver" includes ones Weft has never heard
 * of, and their classes are not reliably named (*Statement, *Stmt, *Impl, generated proxies). What
 * keeps this cheap: the agent's ignore list and the JDK packages are excluded by name first;
 * interfaces are skipped without a hierarchy walk; the walk reads super types from the per-loader
 * cached type pool (each class file parsed once, shared by every matcher), by erasure (no generic
 * signature is resolved), and stops at the first match. A super type that cannot be resolved (an
 * optional dependency missing, e.g. MySQL Connector/J's protobuf classes) ends that branch quietly:
 * ByteBuddy's own {@code hasSuperType} throws there, and an exception per class is what cost most in
 * the start-up measurement (module README).
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
        .and(new Implements(interfaceName));
  }

  /** Walks super classes and (transitively) interfaces; unresolvable ones count as not matching. */
  static final class Implements extends ElementMatcher.Junction.AbstractBase<TypeDescription> {
    private final String interfaceName;

    Implements(String interfaceName) {
      this.interfaceName = interfaceName;
    }

    @Override
    public boolean matches(TypeDescription type) {
      Set<String> seen = new HashSet<>();
      TypeDefinition current = type;
      while (current != null) {
        if (anyInterface(current, seen)) {
          return true;
        }
        current = superClass(current);
      }
      return false;
    }

    private boolean anyInterface(TypeDefinition type, Set<String> seen) {
      try {
        for (TypeDescription iface : type.getInterfaces().asErasures()) {
          String name = iface.getName();
          if (name.equals(interfaceName)) {
            return true;
          }
          if (!cannotLeadToJdbc(name) && seen.add(name) && anyInterface(iface, seen)) {
            return true;
          }
        }
      } catch (RuntimeException unresolvable) {
        // a missing optional dependency: this branch cannot lead to java.sql
      }
      return false;
    }

    private static TypeDefinition superClass(TypeDefinition type) {
      try {
        TypeDescription.Generic superClass = type.getSuperClass();
        if (superClass == null) {
          return null;
        }
        TypeDescription erasure = superClass.asErasure();
        return cannotLeadToJdbc(erasure.getName()) ? null : erasure;
      } catch (RuntimeException unresolvable) {
        return null;
      }
    }

    /**
     * A JDK type outside {@code java.sql}/{@code javax.sql} never has a {@code java.sql} interface
     * above it, and its name is known without parsing it: every class extends or implements some
     * ({@code Object}, {@code Serializable}, {@code Exception}, {@code Runnable}), and reading their
     * class files from the runtime image was most of this matcher's start-up cost.
     */
    static boolean cannotLeadToJdbc(String name) {
      if (name.startsWith("java.")) {
        return !name.startsWith("java.sql.");
      }
      if (name.startsWith("javax.")) {
        return !name.startsWith("javax.sql.");
      }
      return name.startsWith("jdk.") || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    @Override
    public String toString() {
      return "implements(" + interfaceName + ")";
    }
  }
}
