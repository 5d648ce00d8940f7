package dev.weft.tooling;

import dev.weft.bootstrap.WeakKeyMap;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * "A class, not an interface, with one of these super types", for any library in any class loader,
 * without parsing whole class files.
 *
 * <p>ByteBuddy's {@code hasSuperType} and {@code isInterface} make its type pool parse every class
 * they are asked about, and then each super type, in full (methods, annotations, generic signatures):
 * about 70 µs a class, paid for nearly every class of the application, since servlets and JDBC
 * drivers can be anything. Only the header of a class file (access flags, super class, interfaces)
 * is needed, and it is read without parsing the rest. For the class being loaded the header comes
 * from the bytes the JVM is loading (recorded by {@link #recorder()} just before ByteBuddy's
 * transformer runs); super types are read from the class loader once and kept per loader.
 *
 * <p>Where no recorded bytes fit (classes matched at retransformation, outside a class-file
 * transformation), the same walk runs over ByteBuddy's type descriptions, by erasure.
 *
 * <p>Either walk skips super types that cannot lead to a target (JDK types outside the target's
 * package: every class extends or implements some, and reading them from the runtime image was most
 * of the cost), and a super type that cannot be found (an optional dependency missing) ends its
 * branch quietly instead of throwing, as ByteBuddy's matcher does, once per class.
 */
public final class SuperTypes {
  private static final int MAX_HEADERS_PER_LOADER = 10_000;
  private static final Object BOOTSTRAP = new Object();
  private static final Header MISSING = new Header(0, null, new String[0]);
  private static final ThreadLocal<Loading> LOADING = new ThreadLocal<>();
  /** Replaced whole to empty it; loaders are held weakly, so a redeployed application is not kept. */
  private static volatile WeakKeyMap<Object, ConcurrentHashMap<String, Header>> headers = new WeakKeyMap<>();

  private SuperTypes() {}

  /**
   * Matches classes (not interfaces) that extend or implement one of {@code targets}, directly or
   * through other types; {@code walkablePackages} are the JDK packages (such as {@code "java.sql."})
   * whose types may lead to a target; other JDK types are not looked into.
   */
  public static ElementMatcher.Junction<TypeDescription> classWithSuperType(
      Set<String> targets, String... walkablePackages) {
    return new ClassWithSuperType(targets, walkablePackages);
  }

  /**
   * Records the class being loaded on this thread, so that the matchers of the transformation that
   * follows read its header from its bytes. Registered before ByteBuddy's transformer; changes nothing.
   */
  public static ClassFileTransformer recorder() {
    return new Recorder();
  }

  /**
   * Forgets the recorded classes once ByteBuddy's transformation of the outermost one is over; their
   * bytes are not kept.
   */
  public static void loadingDone() {
    LOADING.remove();
  }

  /** Empties the per-loader header caches (nothing loads classes any more, or memory is wanted). */
  public static void clearCaches() {
    headers = new WeakKeyMap<>();
  }

  /**
   * True for a type in a JDK package (java., javax., jdk., sun., com.sun.) other than {@code
   * walkablePackages}: no such type has a library's type above it.
   */
  static boolean isClosedJdkType(String name, String[] walkablePackages) {
    if (!(name.startsWith("java.")
        || name.startsWith("javax.")
        || name.startsWith("jdk.")
        || name.startsWith("sun.")
        || name.startsWith("com.sun."))) {
      return false;
    }
    for (String walkable : walkablePackages) {
      if (name.startsWith(walkable)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A class being loaded on this thread. Classes loaded while ByteBuddy is matching or weaving one
   * (its own look-ups load JDK classes) pass the recorder too, but not ByteBuddy's transformer, which
   * does not re-enter itself; so each links to the one it interrupted, and the chain goes when the
   * outermost transformation completes.
   */
  private static final class Loading {
    private static final int MAX_DEPTH = 8;

    final ClassLoader loader;
    final String internalName;
    final byte[] bytes;
    final Loading outer;
    final int depth;
    Header header;

    Loading(ClassLoader loader, String internalName, byte[] bytes, Loading outer) {
      this.loader = loader;
      this.internalName = internalName;
      this.bytes = bytes;
      this.outer = outer == null || outer.depth >= MAX_DEPTH ? null : outer;
      this.depth = this.outer == null ? 0 : this.outer.depth + 1;
    }

    boolean is(String binaryName) {
      if (binaryName.length() != internalName.length()) {
        return false;
      }
      for (int i = 0; i < binaryName.length(); i++) {
        char c = internalName.charAt(i);
        if (binaryName.charAt(i) != (c == '/' ? '.' : c)) {
          return false;
        }
      }
      return true;
    }

    Header header() {
      if (header == null) {
        header = Header.parse(bytes);
      }
      return header;
    }
  }

  private static final class Recorder implements ClassFileTransformer {
    @Override
    public byte[] transform(
        ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
      if (internalName != null && bytes != null) {
        LOADING.set(new Loading(loader, internalName, bytes, LOADING.get()));
      }
      return null;
    }
  }

  /** Access flags, super class and interfaces (binary names) of one class file. */
  static final class Header {
    final int access;
    final String superName;
    final String[] interfaces;

    Header(int access, String superName, String[] interfaces) {
      this.access = access;
      this.superName = superName;
      this.interfaces = interfaces;
    }

    static Header parse(byte[] bytes) {
      try {
        ClassReader reader = OpenedClassReader.of(bytes);
        String superName = reader.getSuperName();
        String[] interfaces = reader.getInterfaces();
        for (int i = 0; i < interfaces.length; i++) {
          interfaces[i] = interfaces[i].replace('/', '.');
        }
        return new Header(reader.getAccess(), superName == null ? null : superName.replace('/', '.'), interfaces);
      } catch (RuntimeException malformed) {
        return MISSING;
      }
    }

    static Header of(ClassLoader loader, String name) {
      Object key = loader == null ? BOOTSTRAP : loader;
      WeakKeyMap<Object, ConcurrentHashMap<String, Header>> all = headers;
      ConcurrentHashMap<String, Header> ofLoader = all.get(key);
      if (ofLoader == null) {
        synchronized (all) {
          ofLoader = all.get(key);
          if (ofLoader == null) {
            ofLoader = new ConcurrentHashMap<>();
            all.put(key, ofLoader);
          }
        }
      }
      Header header = ofLoader.get(name);
      if (header == null) {
        header = read(loader, name);
        if (ofLoader.size() >= MAX_HEADERS_PER_LOADER) {
          ofLoader.clear(); // costs re-reading, never memory
        }
        ofLoader.put(name, header);
      }
      return header;
    }

    private static Header read(ClassLoader loader, String name) {
      try {
        ClassFileLocator.Resolution resolution = ClassFileLocator.ForClassLoader.of(loader).locate(name);
        return resolution.isResolved() ? parse(resolution.resolve()) : MISSING;
      } catch (Exception unreadable) {
        return MISSING;
      }
    }
  }

  static final class ClassWithSuperType extends ElementMatcher.Junction.AbstractBase<TypeDescription> {
    private final Set<String> targets;
    private final String[] walkablePackages;

    ClassWithSuperType(Set<String> targets, String[] walkablePackages) {
      this.targets = Collections.unmodifiableSet(new HashSet<>(targets));
      this.walkablePackages = walkablePackages.clone();
    }

    @Override
    public boolean matches(TypeDescription type) {
      String name = type.getName();
      for (Loading loading = LOADING.get(); loading != null; loading = loading.outer) {
        if (loading.is(name)) {
          return matches(loading.header(), loading.loader);
        }
      }
      return matchesDescription(type);
    }

    private boolean walkable(String name) {
      return !isClosedJdkType(name, walkablePackages);
    }

    // ---- from class-file headers

    boolean matches(Header header, ClassLoader loader) {
      if (header == MISSING || (header.access & Opcodes.ACC_INTERFACE) != 0) {
        return false;
      }
      Set<String> seen = new HashSet<>();
      for (Header current = header; current != MISSING; ) {
        if (anyInterface(current, loader, seen)) {
          return true;
        }
        String superName = current.superName;
        if (superName == null) {
          return false;
        }
        if (targets.contains(superName)) {
          return true;
        }
        if (!walkable(superName) || !seen.add(superName)) {
          return false; // a JDK type, or class files on the class path that name each other in a cycle
        }
        current = Header.of(loader, superName);
      }
      return false;
    }

    private boolean anyInterface(Header header, ClassLoader loader, Set<String> seen) {
      for (String name : header.interfaces) {
        if (targets.contains(name)) {
          return true;
        }
        if (walkable(name) && seen.add(name) && anyInterface(Header.of(loader, name), loader, seen)) {
          return true;
        }
      }
      return false;
    }

    // ---- from ByteBuddy's descriptions

    boolean matchesDescription(TypeDescription type) {
      try {
        if (type.isInterface()) {
          return false;
        }
      } catch (RuntimeException unresolvable) {
        return false;
      }
      Set<String> seen = new HashSet<>();
      for (TypeDefinition current = type; current != null; ) {
        if (anyInterface(current, seen)) {
          return true;
        }
        current = superClass(current);
        if (current != null && targets.contains(current.getTypeName())) {
          return true;
        }
      }
      return false;
    }

    private boolean anyInterface(TypeDefinition type, Set<String> seen) {
      try {
        for (TypeDescription iface : type.getInterfaces().asErasures()) {
          String name = iface.getName();
          if (targets.contains(name)) {
            return true;
          }
          if (walkable(name) && seen.add(name) && anyInterface(iface, seen)) {
            return true;
          }
        }
      } catch (RuntimeException unresolvable) {
        // a missing optional dependency: this branch leads nowhere
      }
      return false;
    }

    private TypeDefinition superClass(TypeDefinition type) {
      try {
        TypeDescription.Generic superClass = type.getSuperClass();
        if (superClass == null) {
          return null;
        }
        TypeDescription erasure = superClass.asErasure();
        String name = erasure.getName();
        return targets.contains(name) || walkable(name) ? erasure : null;
      } catch (RuntimeException unresolvable) {
        return null;
      }
    }

    @Override
    public String toString() {
      return "classWithSuperType(" + targets + ", walking " + Arrays.toString(walkablePackages) + ")";
    }
  }
}
