package im.tandem.it.linkage;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The classes of a set of jars and class directories, read as class files (never loaded, so no static initialiser
 * runs and no optional dependency is needed), with the running JDK's own classes behind them. The first jar or
 * directory that defines a class wins, as on a class path.
 */
final class ClassIndex {
    private final Map<String, byte[]> classBytes = new HashMap<>();
    private final Map<String, Optional<ClassFile>> parsed = new HashMap<>();
    private final List<Path> jdkModules = jdkModules();

    /**
     * Indexes each jar, or directory of class files (a module's {@code target/classes}); a jar inside a jar (a
     * plugin's {@code lib/}) is indexed too.
     */
    static ClassIndex of(List<Path> classPath) {
        ClassIndex index = new ClassIndex();
        for (Path entry : classPath) {
            try {
                if (Files.isDirectory(entry)) {
                    index.addDirectory(entry);
                } else {
                    try (InputStream in = Files.newInputStream(entry)) {
                        index.addJar(in);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + entry, e);
            }
        }
        return index;
    }

    /** The names of the classes the jars and directories define, JDK classes not included. */
    Set<String> definedClasses() {
        return new HashSet<>(classBytes.keySet());
    }

    byte[] bytes(String internalName) {
        return classBytes.get(internalName);
    }

    /** The class, from the jars or the JDK, or empty when neither has it. */
    Optional<ClassFile> find(String internalName) {
        return parsed.computeIfAbsent(internalName, name -> Optional.ofNullable(classBytes.get(name))
                .or(() -> jdkClass(name)).map(ClassIndex::parse));
    }

    private void addJar(InputStream in) throws IOException {
        JarInputStream jar = new JarInputStream(in);
        JarEntry entry;
        while ((entry = jar.getNextJarEntry()) != null) {
            String name = entry.getName();
            if (name.endsWith(".jar")) {
                addJar(new NonClosing(jar));
            } else if (isClass(name)) {
                classBytes.putIfAbsent(internalName(name), jar.readAllBytes());
            }
        }
    }

    private void addDirectory(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String name = root.relativize(file).toString().replace(File.separatorChar, '/');
            if (isClass(name)) {
                classBytes.putIfAbsent(internalName(name), Files.readAllBytes(file));
            }
        }
    }

    /** Whether a jar entry or a path below a class directory is a class of the class path. */
    private static boolean isClass(String path) {
        return path.endsWith(".class") && !path.startsWith("META-INF/") && !path.endsWith("module-info.class");
    }

    /** {@code a/b/C.class} to {@code a/b/C}. */
    private static String internalName(String path) {
        return path.substring(0, path.length() - ".class".length());
    }

    private Optional<byte[]> jdkClass(String internalName) {
        try {
            for (Path module : jdkModules) {
                Path candidate = module.resolve(internalName + ".class");
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(Files.readAllBytes(candidate));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JDK's class " + internalName, e);
        }
    }

    /** The running JDK's modules, whose classes every class path ends in. */
    private static List<Path> jdkModules() {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        try (Stream<Path> modules = Files.list(jrt.getPath("/modules"))) {
            return modules.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the JDK's modules", e);
        }
    }

    private static ClassFile parse(byte[] bytes) {
        Set<String> methods = new HashSet<>();
        Set<String> fields = new HashSet<>();
        String[] header = new String[2];
        List<String> interfaces = new ArrayList<>();
        boolean[] isInterface = new boolean[1];
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] implemented) {
                header[0] = name;
                header[1] = superName;
                isInterface[0] = (access & Opcodes.ACC_INTERFACE) != 0;
                if (implemented != null) {
                    interfaces.addAll(List.of(implemented));
                }
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                methods.add(ClassFile.method(name, descriptor));
                return null;
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                fields.add(ClassFile.field(name, descriptor));
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ClassFile(header[0], header[1], List.copyOf(interfaces), isInterface[0], Set.copyOf(methods),
                Set.copyOf(fields));
    }

    /** Lets a nested jar be read without closing the jar around it. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
