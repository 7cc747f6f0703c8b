package im.tandem.it.linkage;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves references the way the JVM does (JVMS 5.4.3): a class by name; a field in the class, its
 * superinterfaces, then its superclasses; a method in the class and its superclasses, then in its superinterfaces.
 * What does not resolve is what would throw {@code NoClassDefFoundError}, {@code NoSuchFieldError} or
 * {@code NoSuchMethodError} when the code runs.
 */
final class Linker {
    /** Methods the JVM links by name alone, whatever the descriptor at the call site (JVMS 2.9.3). */
    private static final Set<String> SIGNATURE_POLYMORPHIC_OWNERS =
            Set.of("java/lang/invoke/MethodHandle", "java/lang/invoke/VarHandle");

    private final Function<String, Optional<ClassFile>> classes;

    /** {@code classes}: a class by internal name, as the class loader that runs the code would find it. */
    Linker(Function<String, Optional<ClassFile>> classes) {
        this.classes = classes;
    }

    /** Why the reference does not resolve, or empty when it does. */
    Optional<String> problem(Reference reference) {
        if (classes.apply(reference.owner()).isEmpty()) {
            return Optional.of("class " + reference.owner().replace('/', '.') + " does not exist");
        }
        return switch (reference.kind()) {
            case CLASS -> Optional.empty();
            case FIELD -> resolves(reference, ClassFile::fields, ClassFile.field(reference.name(), reference.descriptor()));
            case METHOD -> SIGNATURE_POLYMORPHIC_OWNERS.contains(reference.owner()) ? Optional.empty()
                    : resolves(reference, ClassFile::methods, ClassFile.method(reference.name(), reference.descriptor()));
        };
    }

    private Optional<String> resolves(Reference reference, Function<ClassFile, Set<String>> members,
                                      String member) {
        Set<String> missingSupertypes = new HashSet<>();
        Deque<String> toVisit = new ArrayDeque<>();
        Set<String> visited = new HashSet<>();
        toVisit.add(reference.owner());
        while (!toVisit.isEmpty()) {
            String name = toVisit.poll();
            if (!visited.add(name)) {
                continue;
            }
            Optional<ClassFile> found = classes.apply(name);
            if (found.isEmpty()) {
                missingSupertypes.add(name.replace('/', '.'));
                continue;
            }
            ClassFile type = found.get();
            if (members.apply(type).contains(member)) {
                return Optional.empty();
            }
            // The order decides only which declaration is found, not whether one is: visiting all supertypes
            // finds the member if any of them declares it.
            if (type.superName() != null) {
                toVisit.add(type.superName());
            }
            toVisit.addAll(type.interfaces());
        }
        String what = reference.kind() == Reference.Kind.METHOD ? "method" : "field";
        return Optional.of("no " + what + " " + reference.target() + " in the class or its supertypes"
                + (missingSupertypes.isEmpty() ? "" : " (missing supertypes: " + missingSupertypes + ")"));
    }
}
