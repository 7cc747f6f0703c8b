package im.tandem.it.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Dependencies between Tandem packages run one way: no package uses, directly or through others, a package that
 * uses it. Then each package can be read, tested and moved with only what lies below it. The check reads the
 * compiled main classes of every module, so it sees each reference the code really makes.
 */
class PackageCycleTest {
    @Test
    void noTandemPackagesDependOnEachOther() {
        PackageGraph graph = PackageGraph.of(TandemMainClasses.index(), TandemMainClasses.ROOT);

        List<SortedSet<String>> cycles = PackageCycles.of(graph);

        assertThat(cycles).as(() -> "packages that depend on each other, with one reference per dependency:\n"
                + PackageCycles.describe(graph, cycles)).isEmpty();
    }

    /** Guards the check above against passing on an empty class path: each part of Tandem is read. */
    @Test
    void theCheckReadsEveryPartOfTandem() {
        Set<String> packages = PackageGraph.of(TandemMainClasses.index(), TandemMainClasses.ROOT).packages();

        for (String part : List.of("im.tandem.client.", "im.tandem.openfire.", "im.tandem.ice.", "im.tandem.it.")) {
            assertThat(packages).as("packages read").anyMatch(pkg -> pkg.startsWith(part));
        }
    }

    /**
     * Each edge of the cycle is made another way, so the cycle is found only if every way is read: a field's
     * type (linked by the JVM), a generic type argument and an inlined constant's class (seen by the compiler only).
     */
    @Test
    void aCycleBetweenCompiledClassesIsFoundAndExplained(@TempDir Path classes) throws IOException {
        writeClass(classes, "im/tandem/probe/a/A", writer -> writer.visitField(Opcodes.ACC_PRIVATE, "b",
                "Lim/tandem/probe/b/B;", null, null));
        writeClass(classes, "im/tandem/probe/b/B", writer -> writer.visitField(Opcodes.ACC_PRIVATE, "cs",
                "Ljava/util/List;", "Ljava/util/List<Lim/tandem/probe/c/C;>;", null));
        writeClass(classes, "im/tandem/probe/c/C", writer -> writer.newClass("im/tandem/probe/a/A"));
        writeClass(classes, "im/tandem/probe/d/D", writer -> writer.newClass("im/tandem/probe/a/A"));
        PackageGraph graph = PackageGraph.of(ClassIndex.of(List.of(classes)), TandemMainClasses.ROOT);

        List<SortedSet<String>> cycles = PackageCycles.of(graph);

        assertThat(cycles).map(List::copyOf)
                .containsExactly(List.of("im.tandem.probe.a", "im.tandem.probe.b", "im.tandem.probe.c"));
        assertThat(PackageCycles.describe(graph, cycles)).isEqualTo("""
                package cycle: im.tandem.probe.a, im.tandem.probe.b, im.tandem.probe.c
                  im.tandem.probe.a -> im.tandem.probe.b  (im.tandem.probe.a.A -> im.tandem.probe.b.B)
                  im.tandem.probe.b -> im.tandem.probe.c  (im.tandem.probe.b.B -> im.tandem.probe.c.C)
                  im.tandem.probe.c -> im.tandem.probe.a  (im.tandem.probe.c.C -> im.tandem.probe.a.A)
                """);
    }

    @Test
    void onlyThePackagesOnACycleAreReported() {
        PackageGraph graph = new PackageGraph();
        graph.add("a", "b", "a.A -> b.B");
        graph.add("b", "c", "b.B -> c.C");
        graph.add("c", "a", "c.C -> a.A");
        graph.add("c", "d", "c.C -> d.D");
        graph.add("d", "e", "d.D -> e.E");
        graph.add("e", "d", "e.E -> d.D");
        graph.add("f", "a", "f.F -> a.A");

        assertThat(PackageCycles.of(graph)).map(List::copyOf)
                .containsExactly(List.of("a", "b", "c"), List.of("d", "e"));
    }

    /** Writes the class file of {@code name}, with what {@code body} adds to it, below {@code classes}. */
    private static void writeClass(Path classes, String name, Consumer<ClassWriter> body) throws IOException {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
        body.accept(writer);
        writer.visitEnd();
        Path file = classes.resolve(name + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, writer.toByteArray());
    }
}
