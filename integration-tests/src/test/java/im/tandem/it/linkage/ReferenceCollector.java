package im.tandem.it.linkage;

import java.util.LinkedHashSet;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Every reference a class file makes that the JVM resolves while it loads or runs the class: its supertypes,
 * the types in its members' descriptors, and, in its code, the classes it creates, casts to or catches and the
 * fields and methods it uses (method handles of lambdas included). Annotations are left out: the JVM does not
 * link them.
 */
final class ReferenceCollector {
    private ReferenceCollector() {
    }

    static Set<Reference> of(byte[] classBytes) {
        Set<Reference> references = new LinkedHashSet<>();
        new ClassReader(classBytes).accept(new ClassVisitor(Opcodes.ASM9) {
            private String from;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                from = name;
                if (superName != null) {
                    references.add(Reference.toClass(from, superName));
                }
                if (interfaces != null) {
                    for (String implemented : interfaces) {
                        references.add(Reference.toClass(from, implemented));
                    }
                }
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                addType(Type.getType(descriptor));
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                addType(Type.getMethodType(descriptor));
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        addType(Type.getObjectType(type));
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String fieldName, String fieldDescriptor) {
                        addMember(Reference.Kind.FIELD, owner, fieldName, fieldDescriptor);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String methodName, String methodDescriptor,
                                                boolean isInterface) {
                        addMember(Reference.Kind.METHOD, owner, methodName, methodDescriptor);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String dynamicName, String dynamicDescriptor, Handle bootstrap,
                                                       Object... arguments) {
                        addHandle(bootstrap);
                        for (Object argument : arguments) {
                            addConstant(argument);
                        }
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        addConstant(value);
                    }

                    @Override
                    public void visitMultiANewArrayInsn(String arrayDescriptor, int dimensions) {
                        addType(Type.getType(arrayDescriptor));
                    }

                    @Override
                    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                        if (type != null) {
                            addType(Type.getObjectType(type));
                        }
                    }
                };
            }

            private void addConstant(Object value) {
                if (value instanceof Type type) {
                    addType(type);
                } else if (value instanceof Handle handle) {
                    addHandle(handle);
                }
            }

            private void addHandle(Handle handle) {
                boolean isField = handle.getTag() <= Opcodes.H_PUTSTATIC;
                addMember(isField ? Reference.Kind.FIELD : Reference.Kind.METHOD, handle.getOwner(), handle.getName(),
                        handle.getDesc());
            }

            private void addMember(Reference.Kind kind, String owner, String name, String descriptor) {
                if (owner.startsWith("[")) {
                    addType(Type.getObjectType(owner)); // clone() or length of an array: only its element type links
                    return;
                }
                references.add(new Reference(from, kind, owner, name, descriptor));
                addType(kind == Reference.Kind.FIELD ? Type.getType(descriptor) : Type.getMethodType(descriptor));
            }

            private void addType(Type type) {
                switch (type.getSort()) {
                    case Type.ARRAY -> addType(type.getElementType());
                    case Type.OBJECT -> references.add(Reference.toClass(from, type.getInternalName()));
                    case Type.METHOD -> {
                        addType(type.getReturnType());
                        for (Type argument : type.getArgumentTypes()) {
                            addType(argument);
                        }
                    }
                    default -> {
                        // primitives link to nothing
                    }
                }
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return references;
    }
}
