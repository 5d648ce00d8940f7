package dev.weft.tooling;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.pool.TypePool;

/**
 * Before a module touches a class loader: does every library class, method and field that its helper
 * and advice classes use exist there, with the same descriptor? A library version that does not fit is
 * then skipped (one debug line with the reason) instead of failing later with a
 * {@code NoSuchMethodError} inside the application's request.
 *
 * <p>Reads the bytecode of Weft's classes and describes the library's types from the loader's class
 * files without loading any of them.
 */
public final class ReferenceCheck {
  private final List<Reference> references;

  private ReferenceCheck(List<Reference> references) {
    this.references = references;
  }

  /** Collects what the given classes of Weft reference outside Weft and the JDK. */
  public static ReferenceCheck of(List<String> classNames, ClassFileLocator weftClasses) {
    Set<Reference> refs = new LinkedHashSet<>();
    Set<String> own = new LinkedHashSet<>();
    for (String name : classNames) {
      own.add(name.replace('.', '/'));
    }
    for (String name : classNames) {
      try {
        byte[] bytes = weftClasses.locate(name).resolve();
        new ClassReader(bytes).accept(new Collector(refs, own), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      } catch (Exception e) {
        throw new IllegalStateException("cannot read " + name, e);
      }
    }
    return new ReferenceCheck(new ArrayList<>(refs));
  }

  /** Returns the first reference the loader cannot satisfy, or null when all of them are there. */
  public String firstMissing(ClassLoader loader) {
    return firstMissing(
        TypePool.Default.of(
            loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader)));
  }

  /**
   * As {@link #firstMissing(ClassLoader)}, with descriptions from {@code pool}, which reads the
   * loader's classes (the agent passes the loader's cached pool, so that the types parsed here are
   * not parsed again to weave them).
   */
  public String firstMissing(TypePool pool) {
    for (Reference ref : references) {
      TypePool.Resolution resolution = pool.describe(ref.owner.replace('/', '.'));
      if (!resolution.isResolved()) {
        return "class " + ref.owner.replace('/', '.') + " is missing";
      }
      if (ref.name == null) {
        continue;
      }
      TypeDescription type = resolution.resolve();
      if (ref.isField ? !hasField(type, ref) : !hasMethod(type, ref)) {
        return (ref.isField ? "field " : "method ") + type.getName() + "." + ref.name + ref.descriptor + " is missing";
      }
    }
    return null;
  }

  int size() {
    return references.size();
  }

  private static boolean hasMethod(TypeDefinition type, Reference ref) {
    for (TypeDefinition t = type; t != null; t = t.getSuperClass() == null ? null : t.getSuperClass().asErasure()) {
      for (MethodDescription.InDefinedShape m : t.asErasure().getDeclaredMethods()) {
        if (m.getInternalName().equals(ref.name) && m.getDescriptor().equals(ref.descriptor)) {
          return true;
        }
      }
      for (TypeDescription.Generic iface : t.getInterfaces()) {
        if (hasMethod(iface.asErasure(), ref)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasField(TypeDefinition type, Reference ref) {
    for (TypeDefinition t = type; t != null; t = t.getSuperClass() == null ? null : t.getSuperClass().asErasure()) {
      for (FieldDescription.InDefinedShape f : t.asErasure().getDeclaredFields()) {
        if (f.getName().equals(ref.name) && f.getDescriptor().equals(ref.descriptor)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A class (name null), method or field of a library type. */
  private static final class Reference {
    final String owner;
    final String name;
    final String descriptor;
    final boolean isField;

    Reference(String owner, String name, String descriptor, boolean isField) {
      this.owner = owner;
      this.name = name;
      this.descriptor = descriptor;
      this.isField = isField;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Reference)) {
        return false;
      }
      Reference r = (Reference) o;
      return owner.equals(r.owner) && eq(name, r.name) && eq(descriptor, r.descriptor) && isField == r.isField;
    }

    private static boolean eq(Object a, Object b) {
      return a == null ? b == null : a.equals(b);
    }

    @Override
    public int hashCode() {
      return owner.hashCode() * 31 + (name == null ? 0 : name.hashCode());
    }
  }

  /** Library references: anything not in Weft, not in the JDK's java.* packages, not relocated. */
  private static boolean isLibrary(String internalName, Set<String> own) {
    return !own.contains(internalName)
        && !internalName.startsWith("java/")
        && !internalName.startsWith("dev/weft/")
        && !internalName.startsWith("[");
  }

  private static final class Collector extends ClassVisitor {
    private final Set<Reference> refs;
    private final Set<String> own;

    Collector(Set<Reference> refs, Set<String> own) {
      super(Opcodes.ASM9);
      this.refs = refs;
      this.own = own;
    }

    private void type(Type t) {
      while (t.getSort() == Type.ARRAY) {
        t = t.getElementType();
      }
      if (t.getSort() == Type.OBJECT && isLibrary(t.getInternalName(), own)) {
        refs.add(new Reference(t.getInternalName(), null, null, false));
      }
    }

    private void descriptor(String descriptor) {
      Type t = Type.getType(descriptor);
      if (t.getSort() == Type.METHOD) {
        for (Type arg : t.getArgumentTypes()) {
          type(arg);
        }
        type(t.getReturnType());
      } else {
        type(t);
      }
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      if (superName != null) {
        type(Type.getObjectType(superName));
      }
      if (interfaces != null) {
        for (String i : interfaces) {
          type(Type.getObjectType(i));
        }
      }
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
      descriptor(descriptor);
      return null;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      descriptor(descriptor);
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public void visitMethodInsn(int opcode, String owner, String mName, String mDescriptor, boolean isInterface) {
          if (isLibrary(owner, own)) {
            refs.add(new Reference(owner, mName, mDescriptor, false));
          }
          descriptor(mDescriptor);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String fName, String fDescriptor) {
          if (isLibrary(owner, own)) {
            refs.add(new Reference(owner, fName, fDescriptor, true));
          }
          descriptor(fDescriptor);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
          type(Type.getObjectType(type));
        }
      };
    }
  }
}
