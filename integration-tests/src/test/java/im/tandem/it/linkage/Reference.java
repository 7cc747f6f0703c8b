package im.tandem.it.linkage;

/**
 * One symbolic reference in a class file, as the JVM resolves it when the code runs: a class, or a member of a
 * class by name and exact descriptor.
 *
 * @param from  the internal name of the class that holds the reference
 * @param kind  what is referred to
 * @param owner the internal name of the class named in the reference
 * @param name  the member's name, or null for a class reference
 * @param descriptor the member's descriptor, or null for a class reference
 */
record Reference(String from, Kind kind, String owner, String name, String descriptor) {
    enum Kind { CLASS, METHOD, FIELD }

    static Reference toClass(String from, String owner) {
        return new Reference(from, Kind.CLASS, owner, null, null);
    }

    /** How a failure names it: {@code owner.name(descriptor)} in the class file's own notation. */
    String target() {
        return switch (kind) {
            case CLASS -> owner.replace('/', '.');
            case METHOD -> owner.replace('/', '.') + "." + name + descriptor;
            case FIELD -> owner.replace('/', '.') + "." + name + ":" + descriptor;
        };
    }
}
