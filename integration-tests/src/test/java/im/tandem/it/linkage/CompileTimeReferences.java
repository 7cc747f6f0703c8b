package im.tandem.it.linkage;

import java.util.LinkedHashSet;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * The classes a class file names although the JVM never links them, which {@link ReferenceCollector} therefore
 * leaves out: the type arguments of generic signatures ({@code List<Route>}), and the classes whose compile-time
 * constants javac copied into the code (it keeps their names in the constant pool). The source depends on them
 * all the same: each is an import. Annotations are not read, as Tandem declares none of its own.
 */
final class CompileTimeReferences {
    /** The constant pool tag of a class entry (JVMS 4.4.1). */
    private static final int CONSTANT_CLASS = 7;

    private CompileTimeReferences() {
    }

    /** The internal names of the classes named, array types reduced to their element class. */
    static Set<String> of(byte[] classBytes) {
        Set<String> named = new LinkedHashSet<>();
        ClassReader reader = new ClassReader(classBytes);
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int item = 1; item < reader.getItemCount(); item++) {
            int offset = reader.getItem(item); // 0 for the unusable slot after a long or double
            if (offset > 0 && reader.readByte(offset - 1) == CONSTANT_CLASS) {
                addClass(named, Type.getObjectType(reader.readUTF8(offset, buffer)));
            }
        }
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                addSignature(named, signature);
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                addSignature(named, signature);
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                addSignature(named, signature);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return named;
    }

    private static void addClass(Set<String> named, Type type) {
        Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        if (element.getSort() == Type.OBJECT) {
            named.add(element.getInternalName());
        }
    }

    private static void addSignature(Set<String> named, String signature) {
        if (signature == null) {
            return;
        }
        new SignatureReader(signature).accept(new SignatureVisitor(Opcodes.ASM9) {
            @Override
            public void visitClassType(String name) {
                named.add(name);
            }
        });
    }
}
