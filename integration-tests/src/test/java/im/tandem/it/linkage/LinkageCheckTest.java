package im.tandem.it.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import im.tandem.it.openfire.OpenfireDistribution;

/** The check itself: it reports what the JVM could not link, and only that. */
class LinkageCheckTest {
    private static final String PROBE = "im/tandem/probe/Probe";
    private static final String XMPP_SERVER = "org/jivesoftware/openfire/XMPPServer";
    private static final String IQ_HANDLER = "org/jivesoftware/openfire/handler/IQHandler";

    @TempDir
    Path directory;

    @Test
    void reportsAMissingMethodAndAMissingClassButNotAnInheritedMethod() throws IOException {
        Path plugin = pluginJar(method -> {
            // Declared by XMPPServer itself: links.
            method.visitMethodInsn(Opcodes.INVOKESTATIC, XMPP_SERVER, "getInstance", "()L" + XMPP_SERVER + ";", false);
            // Declared by IQHandler's superclass BasicModule: links through inheritance.
            method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, IQ_HANDLER, "getName", "()Ljava/lang/String;", false);
            // Exists, but not with this descriptor.
            method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, XMPP_SERVER, "isLocal", "(Ljava/lang/String;)Z", false);
            method.visitTypeInsn(Opcodes.NEW, "org/jivesoftware/openfire/NoSuchClass");
        });

        List<String> problems = LinkageCheck.problems(plugin, OpenfireDistribution.underTest().libraries());

        assertThat(problems).containsExactly(
                "im.tandem.probe.Probe: class org.jivesoftware.openfire.NoSuchClass does not exist",
                "im.tandem.probe.Probe: no method org.jivesoftware.openfire.XMPPServer.isLocal(Ljava/lang/String;)Z"
                        + " in the class or its supertypes");
    }

    /** A plugin jar with one class whose one method holds the given code. */
    private Path pluginJar(java.util.function.Consumer<MethodVisitor> code) throws IOException {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, PROBE, null, "java/lang/Object", null);
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
        method.visitCode();
        code.accept(method);
        method.visitInsn(Opcodes.RETURN);
        method.visitMaxs(4, 0);
        method.visitEnd();
        writer.visitEnd();
        Path jar = directory.resolve("probe.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out)) {
            entries.putNextEntry(new JarEntry(PROBE + ".class"));
            entries.write(writer.toByteArray());
            entries.closeEntry();
        }
        return jar;
    }
}
