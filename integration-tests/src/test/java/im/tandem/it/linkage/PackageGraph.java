package im.tandem.it.linkage;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which package uses which, among the packages under one root: an edge wherever a class of one package names a
 * class of another, whether the JVM links the name ({@link ReferenceCollector}) or only the compiler saw it
 * ({@link CompileTimeReferences}). Each edge keeps one such pair of classes as its example (the first in name
 * order, so that a report reads the same on every run).
 */
final class PackageGraph {
    /** package, to each package it uses, to an example reference such as {@code a.B -> c.D}. */
    private final SortedMap<String, SortedMap<String, String>> uses = new TreeMap<>();

    /** The graph of the classes that the index's classes under {@code root} name there. */
    static PackageGraph of(ClassIndex index, String root) {
        PackageGraph graph = new PackageGraph();
        for (String name : index.definedClasses()) {
            if (name.startsWith(root)) {
                for (String used : namedBy(index.bytes(name))) {
                    if (used.startsWith(root)) {
                        graph.add(packageOf(name), packageOf(used), dotted(name) + " -> " + dotted(used));
                    }
                }
            }
        }
        return graph;
    }

    /** Records that {@code from} uses {@code to}; a package's use of itself is no edge. */
    void add(String from, String to, String example) {
        uses.computeIfAbsent(from, any -> new TreeMap<>());
        uses.computeIfAbsent(to, any -> new TreeMap<>());
        if (!from.equals(to)) {
            uses.get(from).merge(to, example, (kept, other) -> kept.compareTo(other) <= 0 ? kept : other);
        }
    }

    Set<String> packages() {
        return uses.keySet();
    }

    Set<String> usedBy(String pkg) {
        return uses.get(pkg).keySet();
    }

    /** The example reference of the edge from {@code from} to {@code to}. */
    String example(String from, String to) {
        return uses.get(from).get(to);
    }

    private static Set<String> namedBy(byte[] classBytes) {
        Set<String> named = new LinkedHashSet<>();
        ReferenceCollector.of(classBytes).forEach(reference -> named.add(reference.owner()));
        named.addAll(CompileTimeReferences.of(classBytes));
        return named;
    }

    /** {@code im/tandem/a/B$C} to {@code im.tandem.a}. */
    private static String packageOf(String internalName) {
        return dotted(internalName.substring(0, internalName.lastIndexOf('/')));
    }

    private static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }
}
